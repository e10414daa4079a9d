package io.lethe.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Fixtures;
import io.lethe.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** With truncateIpAddresses the full address never reaches a row (nor a log line). */
@QuarkusTest
class IpTruncationIngestTest {
    private static final String TRUNCATE = "mutation { updatePrivacySettings(input: {truncateIpAddresses: true}) {"
            + " truncateIpAddresses } }";

    @Inject
    Pool pool;

    @Test
    void startTranscriptStoresTheTruncatedAddressInTheTranscriptAndTheVisitor() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        Api.ok(Api.token(tenant, "privacy-admin"), TRUNCATE);

        LogCapture logs = LogCapture.start();
        Map<String, String> cases = Map.of(
                "203.0.113.77", "203.0.113.0",
                "2001:db8:1234:5678:9abc:def0:1234:5678", "2001:db8:1234::",
                "::ffff:198.51.100.23", "::ffff:198.51.100.0");
        for (var c : cases.entrySet()) {
            String key = "v-" + c.getKey();
            String id = Chat.start(ingest, key, null, c.getKey());
            assertThat(ips(tenant, id)).as(c.getKey()).containsExactly(c.getValue(), c.getValue());
            // the visitor's next chat without an address keeps the truncated one; nothing else holds the full one
            Chat.start(ingest, key, null, null);
        }
        assertThat(Fixtures.count(pool, "select count(*) from transcript where tenant_id = $1 and ip_address = any($2)",
                tenant, cases.keySet().toArray(String[]::new))).isZero();
        assertThat(Fixtures.count(pool, "select count(*) from visitor where tenant_id = $1 and ip_address = any($2)",
                tenant, cases.keySet().toArray(String[]::new))).isZero();
        List<String> lines = logs.stop();
        assertThat(lines).contains("log capture started")
                .noneMatch(l -> l.contains("203.0.113.77") || l.contains("def0:1234:5678") || l.contains("198.51.100.23"));

        // the agent sees the truncated address too
        String id = Chat.start(ingest, "v-read", null, "192.0.2.200");
        assertThat(Fixtures.read(Api.token(tenant, "agent"), id).getString("data.transcript.visitor.ipAddress"))
                .isEqualTo("192.0.2.0");
    }

    @Test
    void withoutTheSettingTheAddressIsKeptAndInvalidAddressesAreRejectedEitherWay() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Chat.start(ingest, "v-full", null, "203.0.113.77");
        assertThat(ips(tenant, id)).containsExactly("203.0.113.77", "203.0.113.77");

        Api.ok(Api.token(tenant, "privacy-admin"), TRUNCATE);
        long rows = Fixtures.tenantRows(pool, tenant);
        for (String bad : List.of("256.1.1.1", "not-an-ip", "example.com", "1.2.3.4:80")) {
            var errors = Api.errors(ingest, "mutation($ip: String) { startTranscript(input: {visitorKey: \"v-bad\","
                    + " ipAddress: $ip}) { id } }", Map.of("ip", bad));
            assertThat(Fixtures.code(errors)).as(bad).isEqualTo("BAD_USER_INPUT");
            assertThat(errors.getString("errors[0].message")).contains("ipAddress").doesNotContain(bad);
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isEqualTo(rows);
        // rows written before the change keep what they had: the setting applies from the next ingest on
        assertThat(ips(tenant, id)).containsExactly("203.0.113.77", "203.0.113.77");
        String next = Chat.start(ingest, "v-full", null, "203.0.113.78");
        assertThat(ips(tenant, next)).containsExactly("203.0.113.0", "203.0.113.0");
    }

    /** The transcript's address, then its visitor's, read back with SQL. */
    private List<String> ips(String tenant, String transcriptId) {
        Row row = pool.preparedQuery("select t.ip_address, v.ip_address from transcript t join visitor v on v.id = t.visitor_id"
                + " where t.tenant_id = $1 and t.id = $2::uuid").execute(Tuple.of(tenant, transcriptId))
                .await().indefinitely().iterator().next();
        return List.of(row.getString(0), row.getString(1));
    }
}
