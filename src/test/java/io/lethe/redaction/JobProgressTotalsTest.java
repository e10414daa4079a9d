package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import io.vertx.mutiny.sqlclient.Tuple;

/** transcriptsTotal is fixed when a job starts and transcriptsExamined reaches it, also across a crash. */
@QuarkusTest
class JobProgressTotalsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FIELDS = "status transcriptsTotal transcriptsExamined transcriptsRedacted transcriptsSkipped";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void aResumedErasureKeepsItsTotalAndExaminesEachTranscriptOnce() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        jobs.drain(); // other tests' leftovers must not be the job claimed below
        String email = "resume-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            String t = Chat.start(ingest, "vk-resume-" + i + "-" + UUID.randomUUID(), null, null);
            Chat.form(ingest, t, Map.of("email", email));
        }
        String held = Chat.start(ingest, "vk-resume-held-" + UUID.randomUUID(), null, null);
        Chat.form(ingest, held, Map.of("email", email));
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true) { id } }", Map.of("id", held));
        String jobId = Api.ok(admin, "mutation($e: String!) { requestErasure(input: {email: $e}) { id } }",
                Map.of("e", email)).getString("data.requestErasure.id");
        assertThat(job(admin, jobId).getString("transcriptsTotal")).as("null while QUEUED").isNull();

        JobRunner crashing = jobs.runner("totals-crashing", 2);
        LeasedJob claimed = crashing.claim().await().atMost(WAIT);
        assertThat(claimed.id().toString()).isEqualTo(jobId);
        assertThat(job(admin, jobId).getInt("transcriptsTotal")).as("fixed by the claim").isEqualTo(6);
        assertThat(crashing.runBatch(claimed).await().atMost(WAIT)).isEqualTo(JobRunner.Step.CONTINUE);
        assertThat(job(admin, jobId).getInt("transcriptsExamined")).isEqualTo(2);
        // the worker dies here: its lease is never renewed
        pool.preparedQuery("update redaction_job set lease_expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(UUID.fromString(jobId))).await().atMost(WAIT);

        assertThat(jobs.runner("totals-rescuer", 2).drain().await().atMost(WAIT)).isEqualTo(1);
        JsonPath done = job(admin, jobId);
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("transcriptsTotal")).as("not recounted by the resuming claim").isEqualTo(6);
        assertThat(done.getInt("transcriptsExamined")).isEqualTo(6);
        assertThat(done.getInt("transcriptsRedacted")).isEqualTo(5);
        assertThat(done.getInt("transcriptsSkipped")).isEqualTo(1);
    }

    @Test
    void retentionCountsItsCandidatesAtTheCutOffAndASingleTranscriptJobCountsOne() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 3; i++) {
            String old = Chat.start(ingest, "vk-old-" + i, now.minusDays(60).toString(), null);
            Chat.say(ingest, old, now.minusDays(50).toString(), "old chat " + i + " old" + i + "@example.com");
        }
        String recent = Chat.start(ingest, "vk-recent", now.minusDays(60).toString(), null);
        Chat.say(ingest, recent, now.minusDays(1).toString(), "recent chat");
        Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 30}) { redactAfterDays } }");
        String sweep = Api.ok(admin, "mutation { applyRetentionPolicy { id } }").getString("data.applyRetentionPolicy.id");
        String single = Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", recent))
                .getString("data.redactTranscript.id");
        jobs.runner("totals-retention", 2).drain().await().atMost(WAIT);

        JsonPath swept = job(admin, sweep);
        assertThat(swept.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(swept.getInt("transcriptsTotal")).isEqualTo(3);
        assertThat(swept.getInt("transcriptsExamined")).isEqualTo(3);
        JsonPath one = job(admin, single);
        assertThat(one.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(one.getInt("transcriptsTotal")).isEqualTo(1);
        assertThat(one.getInt("transcriptsExamined")).isEqualTo(1);
    }

    @Test
    void anErasureOfMentionsCountsTheMentionCandidatesToo() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "mentioned-" + UUID.randomUUID() + "@example.com";
        String own = Chat.start(ingest, "vk-subject-" + UUID.randomUUID(), null, null);
        Chat.form(ingest, own, Map.of("email", email));
        for (int i = 0; i < 3; i++) {
            String other = Chat.start(ingest, "vk-other-" + i + "-" + UUID.randomUUID(), null, null);
            Chat.say(ingest, other, null, "my friend is " + email);
        }
        String unrelated = Chat.start(ingest, "vk-unrelated-" + UUID.randomUUID(), null, null);
        Chat.say(ingest, unrelated, null, "nothing to see");
        String jobId = Api.ok(admin, "mutation($e: String!) { requestErasure(input: {email: $e, searchAllTranscripts: true}) { id } }",
                Map.of("e", email)).getString("data.requestErasure.id");
        jobs.runner("totals-mentions", 2).drain().await().atMost(WAIT);

        JsonPath done = job(admin, jobId);
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("transcriptsTotal")).as("1 of the subject + 3 mention candidates").isEqualTo(4);
        assertThat(done.getInt("transcriptsExamined")).isEqualTo(4);
    }

    private static JsonPath job(String token, String id) {
        return Api.ok(token, "query($id: ID!) { redactionJob(id: $id) { " + FIELDS + " } }", Map.of("id", id))
                .setRootPath("data.redactionJob");
    }
}
