package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.lethe.support.LogCapture;
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
        jobs.drain(); // other tests' leftovers must not be the job claimed below
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

    @Test
    void anotherTenantsJobAnUnknownIdAndAMalformedIdEndTheStreamWithNotFound() {
        String owner = Api.newTenant();
        String jobId = Api.ok(Api.token(owner, "privacy-admin"), "mutation { requestErasure(input: {email: \"nf@example.com\"}) { id } }")
                .getString("data.requestErasure.id");
        String stranger = Api.token(Api.newTenant(), "privacy-admin");
        try (GraphQLWs ws = GraphQLWs.open(stranger)) {
            assertThat(ws.init(null).getString("type")).isEqualTo("connection_ack");
            int n = 0;
            for (String id : List.of(jobId, UUID.randomUUID().toString(), "not-an-id")) {
                String op = "nf" + n++;
                ws.subscribe(op, PROGRESS, Map.of("id", id));
                JsonObject refused = ws.next(STEP);
                assertThat(errorCodes(refused)).as(id + ": " + refused).containsExactly("NOT_FOUND");
                // graphql-transport-ws: `error` ends the operation (no `complete` follows)
                assertThat(refused.getString("type")).isEqualTo("error");
                assertThat(refused.getString("id")).isEqualTo(op);
                assertThat(refused.encode()).doesNotContain(owner);
            }
        }
    }

    @Test
    void theTokenMayComeInTheUpgradeHeaderAndTheWrongRoleIsForbidden() {
        String tenant = Api.newTenant();
        String jobId = Api.ok(Api.token(tenant, "privacy-admin"), "mutation { requestErasure(input: {email: \"hdr@example.com\"}) { id } }")
                .getString("data.requestErasure.id");
        try (GraphQLWs ws = GraphQLWs.open(Api.token(tenant, "privacy-admin"))) {
            assertThat(ws.init(null).getString("type")).isEqualTo("connection_ack");
            ws.subscribe("h1", PROGRESS, Map.of("id", jobId));
            assertThat(job(ws.next(STEP)).getString("id")).isEqualTo(jobId);
            ws.complete("h1");
        }
        try (GraphQLWs ws = GraphQLWs.open(null)) {
            assertThat(ws.init(Api.token(tenant, "agent")).getString("type")).isEqualTo("connection_ack");
            ws.subscribe("a1", PROGRESS, Map.of("id", jobId));
            JsonObject denied = ws.next(STEP);
            assertThat(errorCodes(denied)).as(denied.encode()).containsExactly("FORBIDDEN");
            assertThat(denied.encode()).doesNotContain("\"transcriptsExamined\":");
        }
    }

    @Test
    void anUnauthenticatedSocketGetsNoData() {
        LogCapture logs = LogCapture.start();
        String tenant = Api.newTenant();
        String jobId = Api.ok(Api.token(tenant, "privacy-admin"), "mutation { requestErasure(input: {email: \"anon@example.com\"}) { id } }")
                .getString("data.requestErasure.id");
        // no token anywhere: the socket opens (a browser sends its token in connection_init), but nothing runs
        try (GraphQLWs ws = GraphQLWs.open(null)) {
            assertThat(ws.init(null).getString("type")).isEqualTo("connection_ack");
            ws.subscribe("u1", PROGRESS, Map.of("id", jobId));
            JsonObject refused = ws.next(STEP);
            assertThat(errorCodes(refused)).as(refused.encode()).containsExactly("UNAUTHENTICATED");
            assertThat(refused.encode()).doesNotContain("\"status\":");
        }
        // a token that fails verification in connection_init: the server closes the socket with 4403
        try (GraphQLWs ws = GraphQLWs.open(null)) {
            ws.send(new JsonObject().put("type", "connection_init")
                    .put("payload", new JsonObject().put("Authorization", "Bearer not.a.jwt")));
            assertThat(ws.closeCode(STEP)).isEqualTo(4403);
        }
        // a token breaking the tenant rule (TokenCheck) in connection_init: refused the same way
        try (GraphQLWs ws = GraphQLWs.open(null)) {
            ws.send(new JsonObject().put("type", "connection_init")
                    .put("payload", new JsonObject().put("Authorization", "Bearer " + Api.tokenWithoutTenant("privacy-admin"))));
            assertThat(ws.closeCode(STEP)).isEqualTo(4403);
        }
        // subscribing before connection_init: 4401 (graphql-transport-ws)
        try (GraphQLWs ws = GraphQLWs.open(null)) {
            ws.subscribe("u2", PROGRESS, Map.of("id", jobId));
            assertThat(ws.closeCode(STEP)).isEqualTo(4401);
        }
        // a bad token in the upgrade request's header: HTTP 401, no socket
        assertThatThrownBy(() -> GraphQLWs.open("not.a.jwt")).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .cause().satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(401));
        // and a plain GET without a token is still 401, as on every request to /graphql
        assertThat(io.restassured.RestAssured.given().get("/graphql").statusCode()).isEqualTo(401);
        assertThat(logs.stop()).as("refusals are not server errors").noneMatch(line -> line.contains("error id")
                || line.contains("already been written"));
    }

    @Test
    void subscriptionDocumentsArePricedBeforeTheyRun() {
        String tenant = Api.newTenant();
        StringBuilder spreads = new StringBuilder();
        for (int i = 0; i < 2100; i++) {
            spreads.append(" ...f");
        }
        try (GraphQLWs ws = GraphQLWs.open(null)) {
            assertThat(ws.init(Api.token(tenant, "auditor")).getString("type")).isEqualTo("connection_ack");
            ws.subscribe("c1", "subscription($id: ID!) { redactionJobProgress(id: $id) {" + spreads + " } }"
                    + " fragment f on RedactionJob { id kind status transcriptsTotal transcriptsExamined }",
                    Map.of("id", UUID.randomUUID().toString()));
            JsonObject refused = ws.next(STEP);
            assertThat(errorCodes(refused)).as(refused.encode()).containsExactly("BAD_USER_INPUT");
            assertThat(refused.encode()).contains("the limit is 10000");
        }
    }

    /** The extensions.code of each error of a `next` (payload.errors) or `error` (payload) message. */
    static List<String> errorCodes(JsonObject message) {
        assertThat(message).as("a message within " + STEP).isNotNull();
        Object payload = message.getValue("payload");
        io.vertx.core.json.JsonArray errors = payload instanceof io.vertx.core.json.JsonArray array ? array
                : ((JsonObject) payload).getJsonArray("errors");
        assertThat(errors).as(message.encode()).isNotNull();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            JsonObject extensions = errors.getJsonObject(i).getJsonObject("extensions");
            codes.add(extensions == null ? null : extensions.getString("code"));
        }
        return codes;
    }

    /** The job of a `next` message, failing with the message if it carries errors instead. */
    static JsonObject job(JsonObject message) {
        assertThat(message).as("a message within " + STEP).isNotNull();
        assertThat(message.getString("type")).as(message.encode()).isEqualTo("next");
        assertThat(message.getJsonObject("payload").getValue("errors")).as(message.encode()).isNull();
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("redactionJobProgress");
    }
}
