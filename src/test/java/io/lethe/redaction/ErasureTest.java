package io.lethe.redaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.lethe.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ErasureTest {
    private static final String JOB_FIELDS = "id kind status transcriptsRedacted messagesRedacted valuesRedacted "
            + "filesDestroyed transcriptsSkipped error";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void erasureRedactsEveryTranscriptOfTheEmailAndLeavesNoResidue() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String visitorKey = "vk-" + java.util.UUID.randomUUID();
        String first = Chat.start(ingest, visitorKey, null, "203.0.113.77");
        Chat.form(ingest, first, Map.of("name", "Gwendolyn Fairweather", "email", "Gwen.F@Example.net",
                "phone", "+1 415 555 0142", "company", "Fairweather Kites"));
        Chat.say(ingest, first, null, "Hi, I'm Gwendolyn Fairweather, mail me at gwen.f@example.net",
                "Sure, and your phone?", "(415) 555-0142, my id is " + visitorKey, "Order #4411 ships 12/03/2026 for $19.99");
        String fileId = Chat.upload(ingest, first, "passport-gwendolyn.pdf", "secret scan".getBytes(StandardCharsets.UTF_8));
        String second = Chat.start(ingest, visitorKey, null, null);
        Chat.say(ingest, second, null, "back again, Fairweather Kites here");
        String bystander = Chat.start(ingest, "bystander-" + java.util.UUID.randomUUID(), null, null);
        Chat.say(ingest, bystander, null, "unrelated visitor, call 212-555-0199");

        LogCapture logs = LogCapture.start();
        JsonPath job = Api.ok(admin, "mutation($e: String!) { requestErasure(input: {email: $e, idempotencyKey: \"k1\"}) { "
                + JOB_FIELDS + " } }", Map.of("e", "  GWEN.f@example.NET ")).setRootPath("data.requestErasure");
        assertThat(job.getString("status")).isEqualTo("QUEUED");
        String again = Api.ok(admin, "mutation { requestErasure(input: {email: \"gwen.f@example.net\", idempotencyKey: \"k1\"}) { id } }")
                .getString("data.requestErasure.id");
        assertThat(again).isEqualTo(job.getString("id"));

        jobs.drain();
        // nothing logged while the subject was erased names them
        assertThat(logs.stop()).contains("log capture started").noneMatch(line -> line.contains("gwen.f@example.net")
                || line.contains("Gwendolyn") || line.contains("555-0142") || line.contains(visitorKey));

        JsonPath done = Api.ok(admin, "query($id: ID!) { redactionJob(id: $id) { " + JOB_FIELDS + " } }",
                Map.of("id", job.getString("id"))).setRootPath("data.redactionJob");
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("transcriptsRedacted")).isEqualTo(2);
        assertThat(done.getInt("filesDestroyed")).isEqualTo(1);
        assertThat(done.getInt("transcriptsSkipped")).isZero();
        assertThat(done.getInt("messagesRedacted")).isGreaterThanOrEqualTo(3);

        String agent = Api.token(tenant, "agent");
        JsonPath read = Api.ok(agent, "query($id: ID!) { transcript(id: $id) { redactedAt messages { body } formFields { name value } "
                + "attachments { fileName destroyed } visitor { visitorKey name email phone ipAddress redactedAt } } }",
                Map.of("id", first)).setRootPath("data.transcript");
        assertThat(read.getString("redactedAt")).isNotNull();
        assertThat(read.getList("messages.body", String.class)).containsExactly(
                "Hi, I'm <redacted>, mail me at <redacted>",
                "Sure, and your phone?",
                "<redacted>, my id is <redacted>",
                "Order #4411 ships 12/03/2026 for $19.99");
        assertThat(read.getList("formFields.value", String.class)).containsOnly("<redacted>");
        assertThat(read.getBoolean("attachments[0].destroyed")).isTrue();
        assertThat(read.getString("visitor.visitorKey")).isEqualTo("<redacted>");
        assertThat(read.getString("visitor.email")).isNull();
        assertThat(read.getString("visitor.redactedAt")).isNotNull();
        given().header("Authorization", "Bearer " + agent).get("/attachments/" + fileId).then().statusCode(410);
        given().header("Authorization", "Bearer " + ingest).header("X-File-Name", "late.txt")
                .contentType("application/octet-stream").body(new byte[] { 1 })
                .post("/transcripts/" + first + "/attachments").then().statusCode(409);
        assertThat(Api.ok(agent, "query($id: ID!) { transcript(id: $id) { messages { body } } }", Map.of("id", second))
                .getList("data.transcript.messages.body", String.class)).containsExactly("back again, <redacted> here");
        assertThat(Api.ok(agent, "query($id: ID!) { transcript(id: $id) { redactedAt messages { body } } }", Map.of("id", bystander))
                .getString("data.transcript.redactedAt")).isNull();

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("lethe_redactions_total{detector=\"EMAIL\"}")
                .contains("lethe_redactions_total{detector=\"PHONE\"}")
                .contains("lethe_redactions_total{detector=\"FILE\"}")
                .contains("lethe_jobs_finished_total{kind=\"ERASURE\",status=\"SUCCEEDED\"}");

        for (String secret : List.of("gwen.f@example.net", "Gwendolyn", "Fairweather", "555 0142", "555-0142",
                visitorKey, "203.0.113.77", "secret scan", "passport")) {
            assertThat(columnsContaining(secret)).as("residue of %s", secret).isEmpty();
        }
    }

    @Test
    void legalHoldIsSkippedAndCounted() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String held = Chat.start(ingest, "held-visitor", null, null);
        Chat.form(ingest, held, Map.of("email", "held@example.org"));
        Chat.say(ingest, held, null, "contract dispute, reach me at held@example.org");
        String free = Chat.start(ingest, "held-visitor", null, null);
        Chat.say(ingest, free, null, "another chat from held@example.org");
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true, reason: \"litigation\") { legalHold } }",
                Map.of("id", held));

        String jobId = Api.ok(admin, "mutation { requestErasure(input: {email: \"held@example.org\"}) { id } }")
                .getString("data.requestErasure.id");
        jobs.drain();
        JsonPath done = Api.ok(admin, "query($id: ID!) { redactionJob(id: $id) { " + JOB_FIELDS + " } }",
                Map.of("id", jobId)).setRootPath("data.redactionJob");
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("transcriptsRedacted")).isEqualTo(1);
        assertThat(done.getInt("transcriptsSkipped")).isEqualTo(1);
        String agent = Api.token(tenant, "agent");
        assertThat(Api.ok(agent, "query($id: ID!) { transcript(id: $id) { redactedAt legalHold messages { body } } }",
                Map.of("id", held)).getList("data.transcript.messages.body", String.class))
                .containsExactly("contract dispute, reach me at held@example.org");
        // the held transcript still needs its visitor, so the profile stays until the hold is lifted
        assertThat(Api.ok(agent, "query($id: ID!) { transcript(id: $id) { visitor { email } } }", Map.of("id", free))
                .getString("data.transcript.visitor.email")).isEqualTo("held@example.org");
    }

    @Test
    void redactingTwiceChangesNothingAndCancelOfAFinishedJobIsAConflict() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String id = Chat.start(ingest, "twice", null, "198.51.100.4");
        Chat.say(ingest, id, null, "ping me at twice@example.com or 10.0.0.1");
        String firstJob = Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", id))
                .getString("data.redactTranscript.id");
        jobs.drain();
        String secondJob = Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", id))
                .getString("data.redactTranscript.id");
        jobs.drain();
        JsonPath first = job(admin, firstJob);
        JsonPath second = job(admin, secondJob);
        assertThat(first.getInt("transcriptsRedacted")).isEqualTo(1);
        assertThat(first.getInt("valuesRedacted")).isGreaterThanOrEqualTo(2);
        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(second.getInt("transcriptsRedacted")).isZero();
        assertThat(second.getInt("messagesRedacted")).isZero();
        assertThat(Api.errorCode(admin, "mutation($id: ID!) { cancelRedactionJob(id: $id) { id } }", Map.of("id", firstJob)))
                .isEqualTo("CONFLICT");
        assertThat(Api.errorCode(Api.token(Api.newTenant(), "privacy-admin"),
                "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", id))).isEqualTo("NOT_FOUND");
    }

    @Test
    void aQueuedJobCanBeCancelledAndNeverRuns() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String id = Chat.start(ingest, "cancel-me", null, null);
        Chat.say(ingest, id, null, "mail cancel@example.com");
        String jobId = Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", id))
                .getString("data.redactTranscript.id");
        assertThat(Api.ok(admin, "mutation($id: ID!) { cancelRedactionJob(id: $id) { status } }", Map.of("id", jobId))
                .getString("data.cancelRedactionJob.status")).isEqualTo("CANCELLED");
        jobs.drain();
        assertThat(job(admin, jobId).getString("status")).isEqualTo("CANCELLED");
        assertThat(Api.ok(admin, "query($id: ID!) { transcript(id: $id) { redactedAt } }", Map.of("id", id))
                .getString("data.transcript.redactedAt")).isNull();
    }

    @Test
    void searchAllTranscriptsRemovesMentionsFromOtherVisitorsOnly() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String own = Chat.start(ingest, "subject", null, null);
        Chat.form(ingest, own, Map.of("email", "subject@example.com", "phone", "+44 20 7946 0958"));
        String other = Chat.start(ingest, "colleague", null, null);
        Chat.say(ingest, other, null, "my colleague is subject@example.com, tel 020 7946 0958; I am kept@example.com");
        Api.ok(admin, "mutation { requestErasure(input: {email: \"subject@example.com\", searchAllTranscripts: true}) { id } }");
        jobs.drain();
        JsonPath read = Api.ok(admin, "query($id: ID!) { transcript(id: $id) { redactedAt messages { body } } }",
                Map.of("id", other)).setRootPath("data.transcript");
        assertThat(read.getString("redactedAt")).isNull();
        assertThat(read.getString("messages[0].body")).contains("kept@example.com").doesNotContain("subject@example.com")
                .doesNotContain("7946");
    }

    @Test
    void badErasureInputIsRejectedAndCreatesNoJob() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        assertThat(Api.errorCode(admin, "mutation { requestErasure(input: {email: \"not-an-email\"}) { id } }", Map.of()))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(Api.errorCode(Api.token(tenant, "agent"), "mutation { requestErasure(input: {email: \"a@b.co\"}) { id } }",
                Map.of())).isEqualTo("FORBIDDEN");
        Api.ok(admin, "mutation { requestErasure(input: {email: \"a@b.co\", idempotencyKey: \"same\"}) { id } }");
        assertThat(Api.errorCode(admin, "mutation { requestErasure(input: {email: \"c@d.co\", idempotencyKey: \"same\"}) { id } }",
                Map.of())).isEqualTo("CONFLICT");
        assertThat(Api.ok(admin, "{ redactionJobs { totalCount } }").getInt("data.redactionJobs.totalCount")).isEqualTo(1);
    }

    private static JsonPath job(String token, String id) {
        return Api.ok(token, "query($id: ID!) { redactionJob(id: $id) { " + JOB_FIELDS + " } }", Map.of("id", id))
                .setRootPath("data.redactionJob");
    }

    /** Every text-like column of every table that still contains {@code needle} (case-insensitive). */
    private List<String> columnsContaining(String needle) {
        List<String> hits = new ArrayList<>();
        var columns = pool.query("select table_name, column_name, data_type from information_schema.columns"
                + " where table_schema = 'public' and table_name <> 'flyway_schema_history'"
                + " and data_type in ('text', 'bytea', 'character varying', 'ARRAY')").execute()
                .await().atMost(Duration.ofSeconds(30));
        for (Row c : columns) {
            String column = c.getString("column_name");
            String expr = "bytea".equals(c.getString("data_type")) ? "encode(" + column + ", 'escape')" : column + "::text";
            long count = pool.preparedQuery("select count(*) from " + c.getString("table_name") + " where " + expr
                    + " ilike $1").execute(Tuple.of("%" + needle + "%")).await().atMost(Duration.ofSeconds(30))
                    .iterator().next().getLong(0);
            if (count > 0) {
                hits.add(c.getString("table_name") + "." + column);
            }
        }
        return hits;
    }
}
