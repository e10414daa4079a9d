package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.GraphQLWs;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * redactionJobProgress over graphql-transport-ws: the job now, a row per committed batch (each
 * delivered by the batch's NOTIFY, long before the periodic re-read), the final row, complete.
 */
@QuarkusTest
class JobProgressSubscriptionTest {
    static final String PROGRESS = "subscription($id: ID!) { redactionJobProgress(id: $id) { id status transcriptsTotal"
            + " transcriptsExamined transcriptsRedacted } }";
    private static final Duration STEP = Duration.ofSeconds(10);

    @Inject
    Jobs jobs;

    @Test
    void followsAnErasureBatchByBatchToSucceededThenCompletes() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "follow-" + UUID.randomUUID() + "@example.net";
        for (int i = 0; i < 7; i++) {
            String transcript = Chat.start(ingest, "vk-follow-" + i + "-" + UUID.randomUUID(), null, null);
            Chat.form(ingest, transcript, Map.of("email", email));
            Chat.say(ingest, transcript, null, "write to " + email);
        }
        String jobId = Api.ok(admin, "mutation($e: String!) { requestErasure(input: {email: $e}) { id } }",
                Map.of("e", email)).getString("data.requestErasure.id");

        try (GraphQLWs ws = GraphQLWs.open(null)) {
            assertThat(ws.init(Api.token(tenant, "auditor")).getString("type")).isEqualTo("connection_ack");
            ws.subscribe("p1", PROGRESS, Map.of("id", jobId));
            JsonObject queued = job(ws.next(STEP));
            assertThat(queued.getString("status")).isEqualTo("QUEUED");
            assertThat(queued.getValue("transcriptsTotal")).isNull();
            assertThat(queued.getInteger("transcriptsExamined")).isZero();

            JobRunner runner = jobs.runner("follow-worker", 2);
            LeasedJob claimed = runner.claim().await().atMost(STEP);
            assertThat(claimed.id().toString()).isEqualTo(jobId);
            JsonObject running = job(ws.next(STEP));
            assertThat(running.getString("status")).isEqualTo("RUNNING");
            assertThat(running.getInteger("transcriptsTotal")).isEqualTo(7);
            assertThat(running.getInteger("transcriptsExamined")).isZero();

            List<Integer> examined = new ArrayList<>();
            for (int batch = 1; batch <= 3; batch++) {
                assertThat(runner.runBatch(claimed).await().atMost(STEP)).isEqualTo(JobRunner.Step.CONTINUE);
                JsonObject row = job(ws.next(STEP));
                assertThat(row.getString("status")).isEqualTo("RUNNING");
                assertThat(row.getInteger("transcriptsTotal")).isEqualTo(7);
                examined.add(row.getInteger("transcriptsExamined"));
            }
            assertThat(examined).containsExactly(2, 4, 6);

            assertThat(runner.runBatches(claimed).await().atMost(STEP)).isEqualTo(JobStatus.SUCCEEDED);
            JsonObject last = null;
            JsonObject message;
            while ((message = ws.next(STEP)) != null && "next".equals(message.getString("type"))) {
                last = job(message);
                assertThat(last.getInteger("transcriptsExamined")).isGreaterThanOrEqualTo(6);
            }
            assertThat(last).isNotNull();
            assertThat(last.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(last.getInteger("transcriptsExamined")).isEqualTo(7).isEqualTo(last.getInteger("transcriptsTotal"));
            assertThat(last.getInteger("transcriptsRedacted")).isEqualTo(7);
            assertThat(message).as("the stream completes after the final row").isNotNull();
            assertThat(message.getString("type")).isEqualTo("complete");
            assertThat(message.getString("id")).isEqualTo("p1");
        }
    }

    /** The job of a `next` message, failing with the message if it carries errors instead. */
    static JsonObject job(JsonObject message) {
        assertThat(message).as("a message within " + STEP).isNotNull();
        assertThat(message.getString("type")).as(message.encode()).isEqualTo("next");
        assertThat(message.getJsonObject("payload").getValue("errors")).as(message.encode()).isNull();
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("redactionJobProgress");
    }
}
