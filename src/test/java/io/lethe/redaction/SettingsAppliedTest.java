package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;

/** A privacy-settings change applies from the next redaction job on: nothing caches the tenant's policy. */
@QuarkusTest
class SettingsAppliedTest {
    private static final String UPDATE = "mutation($in: PrivacySettingsInput!) { updatePrivacySettings(input: $in) {"
            + " phoneRegions } }";
    private static final String GERMAN = "Ruf mich an unter 030 12345678, Bestellung 4411 vom 15.03.2024";

    @Inject
    Jobs jobs;

    @Test
    void theNextJobReadsTheRegionsTheTenantHasNow() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");

        // default regions ["US"]: a German national number is not a phone number
        String usOnly = chat(ingest, "v-us");
        assertThat(redact(admin, usOnly)).isEqualTo(GERMAN);

        Api.ok(admin, UPDATE, Map.of("in", Map.of("phoneRegions", List.of("DE"))));
        String german = chat(ingest, "v-de");
        assertThat(redact(admin, german)).isEqualTo("Ruf mich an unter <redacted>, Bestellung 4411 vom 15.03.2024");

        Api.ok(admin, UPDATE, Map.of("in", Map.of("phoneRegions", List.of("US"))));
        assertThat(redact(admin, chat(ingest, "v-us-again"))).as("and back").isEqualTo(GERMAN);
    }

    @Test
    void theNextJobRendersThePlaceholderStyleAndCardDetectionTheTenantHasNow() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String body = "mail ana@example.org, card 4111 1111 1111 1111";

        String plain = Chat.start(ingest, "v-plain", null, null);
        Chat.say(ingest, plain, null, body);
        assertThat(redact(admin, plain)).isEqualTo("mail <redacted>, card 4111 1111 1111 1111");

        Api.ok(admin, UPDATE, Map.of("in", Map.of("placeholderStyle", "TYPED", "detectPaymentCards", true)));
        String typed = Chat.start(ingest, "v-typed", null, null);
        Chat.say(ingest, typed, null, body);
        assertThat(redact(admin, typed)).isEqualTo("mail <redacted:email>, card <redacted:card>");
    }

    private static String chat(String ingest, String visitorKey) {
        String id = Chat.start(ingest, visitorKey, null, null);
        Chat.say(ingest, id, null, GERMAN);
        return id;
    }

    private String redact(String admin, String transcriptId) {
        Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", transcriptId));
        jobs.drain();
        return Api.ok(admin, "query($id: ID!) { transcript(id: $id) { redactedAt messages { body } } }",
                Map.of("id", transcriptId)).getString("data.transcript.messages[0].body");
    }
}
