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
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Erasure and legal hold: what the hold keeps, and the erasure that follows when it is lifted. */
@QuarkusTest
class ErasureHoldTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CASE = "query($id: ID!) { dataSubjectRequest(id: $id) { status subject retainedOnHold"
            + " jobs { id status transcriptsRedacted transcriptsSkipped } } }";
    private static final String HOLD = "mutation($id: ID!, $h: Boolean!) { setLegalHold(transcriptId: $id, hold: $h,"
            + " reason: \"litigation\") { legalHold } }";
    private static final String VISITOR = "query($id: ID!) { transcript(id: $id) { redactedAt legalHold"
            + " messages { body } visitor { visitorKey name email redactedAt } } }";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void aHeldTranscriptIsRetainedByTheCaseAndErasedByItselfWhenTheHoldIsLifted() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String agent = Api.token(tenant, "agent");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "hold." + suffix + "@example.net";
        String key = "vk-hold-" + suffix;
        String held = Chat.start(ingest, key, null, "203.0.113.61");
        Chat.form(ingest, held, Map.of("name", "Hilda Holdsworth", "email", email, "phone", "+1 415 555 0161"));
        Chat.say(ingest, held, null, "dispute about order 7781, mail " + email, "noted",
                "or call (415) 555-0161, id " + key);
        String free = Chat.start(ingest, key, null, null);
        Chat.say(ingest, free, null, "a second chat from " + email);
        Api.ok(admin, HOLD, Map.of("id", held, "h", true));

        String caseId = Api.ok(admin, "mutation($e: String!) { openDataSubjectRequest(input: {type: ERASURE, email: $e,"
                + " note: \"Hilda Holdsworth asked by mail\"}) { id } }", Map.of("e", email))
                .getString("data.openDataSubjectRequest.id");
        jobs.drain();

        JsonPath done = caseOf(admin, caseId);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getInt("retainedOnHold")).isEqualTo(1);
        assertThat(done.getString("subject")).isEqualTo("h***@example.net");
        assertThat(done.getList("jobs")).hasSize(1);
        assertThat(done.getInt("jobs[0].transcriptsRedacted")).isEqualTo(1);
        assertThat(done.getInt("jobs[0].transcriptsSkipped")).isEqualTo(1);
        // the held transcript still needs its visitor: the profile stays readable
        JsonPath stillHeld = Api.ok(agent, VISITOR, Map.of("id", held)).setRootPath("data.transcript");
        assertThat(stillHeld.getString("redactedAt")).isNull();
        assertThat(stillHeld.getString("visitor.email")).isEqualTo(email);
        assertThat(stillHeld.getString("visitor.name")).isEqualTo("Hilda Holdsworth");
        assertThat(Api.ok(agent, VISITOR, Map.of("id", free)).getString("data.transcript.redactedAt")).isNotNull();
        // the pending erasure names no one: ids, the keyed hash, the case and the job
        List<Row> pending = rows("select * from pending_erasure where tenant_id = $1", tenant);
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).getUUID("transcript_id").toString()).isEqualTo(held);
        assertThat(pending.get(0).getUUID("request_id").toString()).isEqualTo(caseId);
        assertThat(pending.get(0).getString("subject_hash")).startsWith("hmac:");
        assertThat(pending.get(0).toJson().encode()).doesNotContainIgnoringCase(email).doesNotContain(key);

        // another tenant sees none of it and cannot lift the hold
        String stranger = Api.token(Api.newTenant(), "privacy-admin");
        assertThat(Api.ok(stranger, CASE, Map.of("id", caseId)).getString("data.dataSubjectRequest")).isNull();
        assertThat(Api.errorCode(stranger, HOLD, Map.of("id", held, "h", false))).isEqualTo("NOT_FOUND");
        assertThat(Api.ok(stranger, "{ redactionJobs { totalCount } }").getInt("data.redactionJobs.totalCount")).isZero();
        assertThat(transcript(held).getBoolean("legal_hold")).isTrue();

        Api.ok(admin, HOLD, Map.of("id", held, "h", false));
        // enqueued with the lift, linked to the case; lifting again does not enqueue a second one
        Api.ok(admin, HOLD, Map.of("id", held, "h", false));
        JsonPath lifted = caseOf(admin, caseId);
        assertThat(lifted.getList("jobs.status", String.class)).containsExactly("SUCCEEDED", "QUEUED");
        assertThat(lifted.getString("status")).isEqualTo("COMPLETED");

        jobs.drain();

        JsonPath erased = caseOf(admin, caseId);
        assertThat(erased.getInt("retainedOnHold")).isZero();
        assertThat(erased.getString("status")).isEqualTo("COMPLETED");
        assertThat(erased.getList("jobs.status", String.class)).containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(erased.getInt("jobs[1].transcriptsRedacted")).isEqualTo(1);
        JsonPath gone = Api.ok(agent, VISITOR, Map.of("id", held)).setRootPath("data.transcript");
        assertThat(gone.getString("redactedAt")).isNotNull();
        assertThat(gone.getList("messages.body", String.class)).containsExactly(
                "dispute about order 7781, mail <redacted>", "noted", "or call <redacted>, id <redacted>");
        assertThat(gone.getString("visitor.visitorKey")).isEqualTo("<redacted>");
        assertThat(gone.getString("visitor.email")).isNull();
        assertThat(gone.getString("visitor.redactedAt")).isNotNull();
        Row autoJob = rows("select * from redaction_job where tenant_id = $1 and transcript_id is not null", tenant).get(0);
        assertThat(autoJob.getString("kind")).isEqualTo("ERASURE");
        assertThat(autoJob.getString("subject_email")).isNull();
        assertThat(autoJob.getString("subject_hash")).isEqualTo(pending.get(0).getString("subject_hash"));
        assertThat(autoJob.getInteger("visitors_erased")).isEqualTo(1);
        assertThat(autoJob.getInteger("residue_found")).isZero();
        assertThat(rows("select visitors_erased, residue_found from redaction_job where tenant_id = $1"
                + " and transcript_id is null", tenant).get(0).getInteger("visitors_erased")).isZero();
        // no copy of the subject is left in any text column of any table
        for (String secret : List.of(email, key, "Holdsworth", "555-0161", "555 0161")) {
            assertThat(columnsContaining(secret)).as("residue of %s", secret).isEmpty();
        }
    }

    @Test
    void twoHeldTranscriptsOfAnErasureWithoutACaseAreErasedOneLiftAtATime() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String agent = Api.token(tenant, "agent");
        String email = "two." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String key = "vk-two-" + UUID.randomUUID();
        String first = Chat.start(ingest, key, null, null);
        Chat.form(ingest, first, Map.of("email", email));
        Chat.say(ingest, first, null, "first held chat, " + email);
        String second = Chat.start(ingest, key, null, null);
        Chat.say(ingest, second, null, "second held chat, " + email);
        Api.ok(admin, HOLD, Map.of("id", first, "h", true));
        Api.ok(admin, HOLD, Map.of("id", second, "h", true));

        Api.ok(admin, "mutation($e: String!) { requestErasure(input: {email: $e}) { id } }", Map.of("e", email));
        jobs.drain();
        assertThat(retained(tenant)).isEqualTo(2);
        assertThat(rows("select count(*) from pending_erasure where tenant_id = $1 and request_id is null", tenant)
                .get(0).getLong(0)).isEqualTo(2);

        Api.ok(admin, HOLD, Map.of("id", first, "h", false));
        jobs.drain();
        assertThat(transcript(first).getOffsetDateTime("redacted_at")).isNotNull();
        assertThat(transcript(second).getOffsetDateTime("redacted_at")).isNull();
        assertThat(retained(tenant)).isEqualTo(1);
        // the second held transcript still needs the profile
        assertThat(Api.ok(agent, VISITOR, Map.of("id", second)).getString("data.transcript.visitor.email")).isEqualTo(email);

        Api.ok(admin, HOLD, Map.of("id", second, "h", false));
        jobs.drain();
        assertThat(transcript(second).getOffsetDateTime("redacted_at")).isNotNull();
        assertThat(retained(tenant)).isZero();
        JsonPath visitor = Api.ok(agent, VISITOR, Map.of("id", second)).setRootPath("data.transcript.visitor");
        assertThat(visitor.getString("email")).isNull();
        assertThat(visitor.getString("redactedAt")).isNotNull();
        List<Row> autoJobs = rows("select status, transcripts_redacted, visitors_erased, residue_found, request_id"
                + " from redaction_job where tenant_id = $1 and transcript_id is not null order by requested_at", tenant);
        assertThat(autoJobs).hasSize(2).allSatisfy(j -> {
            assertThat(j.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(j.getInteger("transcripts_redacted")).isEqualTo(1);
            assertThat(j.getInteger("residue_found")).isZero();
            assertThat(j.getUUID("request_id")).isNull();
        });
        assertThat(autoJobs.stream().map(j -> j.getInteger("visitors_erased")).toList()).containsExactly(0, 1);
        assertThat(columnsContaining(email)).isEmpty();
    }

    @Test
    void aTranscriptHeldAgainBeforeItsErasureRunsStaysRetainedUntilTheNextLift() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "again." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String held = Chat.start(ingest, "vk-again-" + UUID.randomUUID(), null, null);
        Chat.form(ingest, held, Map.of("email", email));
        Chat.say(ingest, held, null, "held again, " + email);
        Api.ok(admin, HOLD, Map.of("id", held, "h", true));
        String caseId = Api.ok(admin, "mutation($e: String!) { openDataSubjectRequest(input: {type: ERASURE, email: $e})"
                + " { id } }", Map.of("e", email)).getString("data.openDataSubjectRequest.id");
        jobs.drain();
        assertThat(caseOf(admin, caseId).getInt("retainedOnHold")).isEqualTo(1);

        Api.ok(admin, HOLD, Map.of("id", held, "h", false));
        Api.ok(admin, HOLD, Map.of("id", held, "h", true));
        jobs.drain();
        JsonPath heldAgain = caseOf(admin, caseId);
        assertThat(heldAgain.getList("jobs.status", String.class)).containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(heldAgain.getInt("jobs[1].transcriptsRedacted")).isZero();
        assertThat(heldAgain.getInt("jobs[1].transcriptsSkipped")).isEqualTo(1);
        assertThat(heldAgain.getInt("retainedOnHold")).isEqualTo(1);
        assertThat(transcript(held).getOffsetDateTime("redacted_at")).isNull();
        assertThat(Api.ok(admin, VISITOR, Map.of("id", held)).getString("data.transcript.visitor.email")).isEqualTo(email);

        Api.ok(admin, HOLD, Map.of("id", held, "h", false));
        jobs.drain();
        JsonPath erased = caseOf(admin, caseId);
        assertThat(erased.getList("jobs.status", String.class)).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(erased.getInt("retainedOnHold")).isZero();
        assertThat(transcript(held).getOffsetDateTime("redacted_at")).isNotNull();
        assertThat(columnsContaining(email)).isEmpty();
    }

    private static JsonPath caseOf(String token, String id) {
        return Api.ok(token, CASE, Map.of("id", id)).setRootPath("data.dataSubjectRequest");
    }

    private long retained(String tenant) {
        return rows("select count(distinct p.transcript_id) from pending_erasure p join transcript t on t.tenant_id = p.tenant_id"
                + " and t.id = p.transcript_id where p.tenant_id = $1 and t.redacted_at is null", tenant).get(0).getLong(0);
    }

    private Row transcript(String id) {
        return pool.preparedQuery("select * from transcript where id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().atMost(WAIT).iterator().next();
    }

    private List<Row> rows(String sql, String tenant) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().atMost(WAIT).forEach(out::add);
        return out;
    }

    /** Every text-like column of every table that still contains {@code needle} (case-insensitive). */
    List<String> columnsContaining(String needle) {
        return io.lethe.support.Residue.columnsContaining(pool, needle);
    }
}
