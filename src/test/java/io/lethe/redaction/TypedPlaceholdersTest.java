package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * With typed placeholders every replaced value names its kind, known values included: the visitor's name, key,
 * e-mail and phone, form values (also where the whole value is replaced) and the visitor's sender name.
 */
@QuarkusTest
class TypedPlaceholdersTest {

    @Inject
    Jobs jobs;
    @Inject
    RedactorCache redactors;
    @Inject
    EngineExecutor engine;

    @Test
    void knownValuesAndFormValuesNameTheirKind() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String agent = Api.token(tenant, "agent");
        String id = Chat.start(ingest, "vk-typed-4411", null, "203.0.113.9");
        Chat.form(ingest, id, Map.of("name", "Gwen Fairweather", "email", "gwen@example.net", "phone", "+1 415 555 0142",
                "company", "Acme Widgets"));
        Api.ok(ingest, "mutation($id: ID!, $m: [MessageInput!]!) { appendMessages(transcriptId: $id, messages: $m) { id } }",
                Map.of("id", id, "m", List.of(
                        Map.of("sender", "VISITOR", "senderName", "Gwen",
                                "body", "Gwen Fairweather here (vk-typed-4411), GWEN@example.net, 415.555.0142"),
                        Map.of("sender", "OPERATOR", "senderName", "Sam",
                                "body", "Acme Widgets? Mail sam@example.org or call +44 20 7946 0958 from 10.1.2.3"))));
        jobs.drain(); // earlier tests' jobs run with the ordinary runner
        Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", id));

        TranscriptRedactor typed = new TranscriptRedactor(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), redactors, engine) {
            @Override
            public Uni<BatchOutcome> redactTranscripts(SqlConnection conn, UUID jobId, String tenantId,
                    List<UUID> candidates, RedactionPolicy policy) {
                return super.redactTranscripts(conn, jobId, tenantId, candidates,
                        new RedactionPolicy(policy.phoneRegions(), true, policy.detectors()));
            }
        };
        assertThat(jobs.runner("worker-typed", 10, typed).drain().await().atMost(Duration.ofMinutes(2))).isEqualTo(1);

        var read = Api.ok(agent, "query($id: ID!) { transcript(id: $id) { messages { senderName body } formFields { name value } } }",
                Map.of("id", id));
        assertThat(read.getList("data.transcript.messages.body", String.class)).containsExactly(
                "<redacted:name> here (<redacted:id>), <redacted:email>, <redacted:phone>",
                "<redacted:form>? Mail <redacted:email> or call <redacted:phone> from <redacted:ip>");
        assertThat(read.getList("data.transcript.messages.senderName", String.class))
                .containsExactly("<redacted:name>", "Sam");
        assertThat(read.getList("data.transcript.formFields.value", String.class)).containsOnly("<redacted:form>");
    }
}
