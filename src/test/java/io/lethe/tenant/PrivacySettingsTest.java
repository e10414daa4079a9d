package io.lethe.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PrivacySettingsTest {
    static final String FIELDS = "phoneRegions placeholderStyle detectPaymentCards truncateIpAddresses"
            + " eraseOnConsentWithdrawal processingPurposes";
    static final String READ = "{ privacySettings { " + FIELDS + " } }";
    static final String UPDATE = "mutation($in: PrivacySettingsInput!) { updatePrivacySettings(input: $in) { " + FIELDS
            + " } }";

    @Inject
    Pool pool;

    @Test
    void aTenantWithoutARowReadsTheDefaults() {
        String tenant = Api.newTenant();
        JsonPath read = Api.ok(Api.token(tenant, "privacy-admin"), READ).setRootPath("data.privacySettings");
        assertThat(read.getList("phoneRegions", String.class)).containsExactly("US");
        assertThat(read.getString("placeholderStyle")).isEqualTo("PLAIN");
        assertThat(read.getBoolean("detectPaymentCards")).isFalse();
        assertThat(read.getBoolean("truncateIpAddresses")).isFalse();
        assertThat(read.getList("eraseOnConsentWithdrawal")).isEmpty();
        assertThat(read.getList("processingPurposes", String.class)).containsExactlyElementsOf(PrivacySettings.DEFAULT_PURPOSES);
        assertThat(Fixtures.count(pool, "select count(*) from tenant where tenant_id = $1", tenant)).as("read writes nothing")
                .isZero();

        // a row created by ingest (tenant ensured, columns at their defaults) reads the same
        Fixtures.start(Api.token(tenant, "ingest"), "v-1");
        JsonPath withRow = Api.ok(Api.token(tenant, "privacy-admin"), READ).setRootPath("data.privacySettings");
        assertThat(withRow.getMap("")).isEqualTo(read.getMap(""));
    }

    @Test
    void omittedFieldsStayAndOnlyWhatChangedIsAuditedWithItsNewValue() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        JsonPath first = Api.ok(admin, UPDATE, Map.of("in", Map.of("phoneRegions", List.of("DE", "GB", "US"),
                "placeholderStyle", "TYPED"))).setRootPath("data.updatePrivacySettings");
        assertThat(first.getList("phoneRegions", String.class)).containsExactly("DE", "GB", "US");
        assertThat(first.getString("placeholderStyle")).isEqualTo("TYPED");
        assertThat(first.getBoolean("truncateIpAddresses")).isFalse();
        assertThat(first.getList("processingPurposes", String.class)).containsExactlyElementsOf(PrivacySettings.DEFAULT_PURPOSES);

        JsonPath second = Api.ok(admin, UPDATE, Map.of("in", Map.of("truncateIpAddresses", true, "detectPaymentCards", true,
                "eraseOnConsentWithdrawal", List.of(" chat-transcripts "), "processingPurposes",
                List.of("Support; quality review", "Fraud \"prevention\""))))
                .setRootPath("data.updatePrivacySettings");
        assertThat(second.getList("phoneRegions", String.class)).as("omitted: unchanged").containsExactly("DE", "GB", "US");
        assertThat(second.getString("placeholderStyle")).isEqualTo("TYPED");
        assertThat(second.getBoolean("truncateIpAddresses")).isTrue();
        assertThat(second.getBoolean("detectPaymentCards")).isTrue();
        assertThat(second.getList("eraseOnConsentWithdrawal", String.class)).containsExactly("chat-transcripts");
        assertThat(second.getList("processingPurposes", String.class))
                .containsExactly("Support; quality review", "Fraud \"prevention\"");
        assertThat(Api.ok(admin, READ).getMap("data.privacySettings")).isEqualTo(second.getMap(""));

        // the same values again change nothing and audit nothing
        Api.ok(admin, UPDATE, Map.of("in", Map.of("placeholderStyle", "TYPED", "truncateIpAddresses", true)));

        List<String> audit = audit(tenant);
        assertThat(audit).containsExactly(
                "privacy-settings.changed Tenant " + tenant + " phoneRegions=[\"DE\",\"GB\",\"US\"] placeholderStyle=TYPED",
                "privacy-settings.changed Tenant " + tenant + " detectPaymentCards=true truncateIpAddresses=true"
                        + " eraseOnConsentWithdrawal=[\"chat-transcripts\"]"
                        + " processingPurposes=[\"Support; quality review\",\"Fraud \\\"prevention\\\"\"]");

        // stored in the shape the API has
        Row row = pool.preparedQuery("select phone_regions, placeholder_style from tenant where tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next();
        assertThat(row.getArrayOfStrings("phone_regions")).containsExactly("DE", "GB", "US");
        assertThat(row.getString("placeholder_style")).isEqualTo("TYPED");
    }

    @Test
    void badInputIsRejectedWholeAndChangesNothing() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        Api.ok(admin, UPDATE, Map.of("in", Map.of("phoneRegions", List.of("FR"), "eraseOnConsentWithdrawal", List.of("x"))));
        Map<String, Object> before = Api.ok(admin, READ).getMap("data.privacySettings");
        List<String> auditBefore = audit(tenant);

        List<String> twentyOne = new ArrayList<>();
        for (String r : List.of("DE", "GB", "US", "FR", "NL", "ES", "IT", "PL", "SE", "IN", "BR", "AT", "CH", "BE", "DK",
                "NO", "FI", "IE", "PT", "CZ", "HU")) {
            twentyOne.add(r);
        }
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(with("phoneRegions", List.of("XX")));
        bad.add(with("phoneRegions", List.of("de")));
        bad.add(with("phoneRegions", List.of()));
        bad.add(with("phoneRegions", twentyOne));
        bad.add(with("phoneRegions", List.of("DE", "DE")));
        bad.add(with("phoneRegions", List.of("DEU")));
        bad.add(with("processingPurposes", List.of("fine", "  ")));
        bad.add(with("processingPurposes", List.of("p".repeat(301))));
        bad.add(with("processingPurposes", List.of("a\u0000b")));
        bad.add(with("processingPurposes", List.of("same", "same ")));
        bad.add(with("eraseOnConsentWithdrawal", List.of("m".repeat(101))));
        List<String> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add("purpose " + i);
        }
        bad.add(with("eraseOnConsentWithdrawal", fiftyOne));
        for (Map<String, Object> input : bad) {
            // every bad input comes with a valid change beside it: nothing of it may be applied either
            input.put("placeholderStyle", "TYPED");
            input.put("truncateIpAddresses", true);
            JsonPath errors = Api.errors(admin, UPDATE, Map.of("in", input));
            assertThat(Fixtures.code(errors)).as(input.toString()).isEqualTo("BAD_USER_INPUT");
            assertThat(errors.getString("errors[0].message")).as(input.toString())
                    .containsAnyOf("phoneRegions", "processingPurposes", "eraseOnConsentWithdrawal");
        }
        assertThat(Api.ok(admin, READ).getMap("data.privacySettings")).isEqualTo(before);
        assertThat(audit(tenant)).isEqualTo(auditBefore);

        // twenty is the limit, not an error
        Api.ok(admin, UPDATE, Map.of("in", Map.of("phoneRegions", twentyOne.subList(0, 20))));
    }

    @Test
    void onlyPrivacyAdminsReadOrChangeTheSettingsAndEachTenantHasItsOwn() {
        String tenant = Api.newTenant();
        String other = Api.newTenant();
        for (String role : List.of("agent", "ingest", "auditor")) {
            assertThat(Api.errorCode(Api.token(tenant, role), READ, Map.of())).as(role).isEqualTo("FORBIDDEN");
            assertThat(Api.errorCode(Api.token(tenant, role), UPDATE, Map.of("in", Map.of("truncateIpAddresses", true))))
                    .as(role).isEqualTo("FORBIDDEN");
        }
        Api.ok(Api.token(tenant, "privacy-admin"), UPDATE, Map.of("in", Map.of("phoneRegions", List.of("SE"))));
        assertThat(Api.ok(Api.token(other, "privacy-admin"), READ).getList("data.privacySettings.phoneRegions"))
                .containsExactly("US");
        assertThat(Fixtures.count(pool, "select count(*) from tenant where tenant_id = $1", other)).isZero();
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> input = new HashMap<>();
        input.put(field, value);
        return input;
    }

    private List<String> audit(String tenant) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("select action || ' ' || target_type || ' ' || target_id || ' ' || coalesce(details, '')"
                + " from audit_event where tenant_id = $1 order by seq").execute(Tuple.of(tenant)).await().indefinitely()
                .forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
