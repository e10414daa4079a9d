package io.lethe.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.quarkus.test.junit.QuarkusTest;

/** Where a consent click without a transcript id is noted. */
@QuarkusTest
class ConsentNoteTest {
    private static final String CONSENT = "mutation($k: String!) { recordConsent(input: {visitorKey: $k, purpose: \"marketing-email\","
            + " granted: false, consentText: \"Send me offers\"}) { transcriptId } }";

    @Test
    void goesIntoTheChatInProgressAndNeverIntoAnEndedOne() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String ended = Chat.start(ingest, "consenting", null, null);
        Api.ok(ingest, "mutation($id: ID!) { endTranscript(transcriptId: $id) { id } }", Map.of("id", ended));

        assertThat(Api.ok(ingest, CONSENT, Map.of("k", "consenting")).getString("data.recordConsent.transcriptId")).isNull();
        assertThat(messages(admin, ended)).isZero();

        String live = Chat.start(ingest, "consenting", null, null);
        assertThat(Api.ok(ingest, CONSENT, Map.of("k", "consenting")).getString("data.recordConsent.transcriptId"))
                .isEqualTo(live);
        assertThat(Api.ok(admin, "query($id: ID!) { transcript(id: $id) { messages { sender body } } }", Map.of("id", live))
                .getString("data.transcript.messages[0].body")).startsWith("Visitor withdrew consent for \"marketing-email\"");
        assertThat(messages(admin, ended)).isZero();
    }

    private static int messages(String token, String transcriptId) {
        return Api.ok(token, "query($id: ID!) { transcript(id: $id) { messages { seq } } }", Map.of("id", transcriptId))
                .getList("data.transcript.messages").size();
    }
}
