package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.support.Api;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Durability of jobs: several workers, crashes, retries. */
@QuarkusTest
class JobRunnerTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;
    @Inject
    RedactorCache redactors;
    @Inject
    EngineExecutor engine;

    @Test
    void twoWorkersNeverRedactTheSameTranscript() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        List<String> ids = seedOldTranscripts(ingest, 40, "shared@example.com");
        Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 10}) { redactAfterDays } }");
        Api.ok(admin, "mutation { applyRetentionPolicy { id } }");
        Api.ok(admin, "mutation { requestErasure(input: {email: \"shared@example.com\"}) { id } }");
        for (String id : ids.subList(0, 10)) {
            Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", id));
        }

        JobRunner a = jobs.runner("worker-a", 3);
        JobRunner b = jobs.runner("worker-b", 3);
        Uni.combine().all().unis(a.drain(), b.drain()).asTuple().await().atMost(WAIT);

        List<Row> totals = rows("select sum(transcripts_redacted) as redacted, count(*) filter (where status <> 'SUCCEEDED') as unfinished"
                + " from redaction_job where tenant_id = $1", Tuple.of(tenant));
        assertThat(totals.get(0).getLong("unfinished")).isZero();
        assertThat(totals.get(0).getLong("redacted")).isEqualTo(40);
        List<Row> perTranscript = rows("select transcript_id, count(*) as n from redaction_job_transcript"
                + " where tenant_id = $1 and outcome = 'REDACTED' group by transcript_id", Tuple.of(tenant));
        assertThat(perTranscript).hasSize(40).allSatisfy(r -> assertThat(r.getLong("n")).isEqualTo(1));
    }

    @Test
    void aCrashedWorkersJobIsResumedByAnotherWithExactCounts() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        jobs.drain(); // other tests' leftovers must not be the job claimed below
        seedOldTranscripts(ingest, 9, "crash@example.com");
        String jobId = Api.ok(admin, "mutation { requestErasure(input: {email: \"crash@example.com\"}) { id } }")
                .getString("data.requestErasure.id");

        JobRunner crashing = jobs.runner("worker-crashing", 4);
        LeasedJob claimed = crashing.claim().await().atMost(WAIT);
        assertThat(claimed.id().toString()).isEqualTo(jobId);
        assertThat(crashing.runBatch(claimed).await().atMost(WAIT)).isEqualTo(JobRunner.Step.CONTINUE);
        // the worker dies here: its lease is never renewed
        pool.preparedQuery("update redaction_job set lease_expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(UUID.fromString(jobId))).await().atMost(WAIT);

        assertThat(jobs.runner("worker-rescuer", 4).drain().await().atMost(WAIT)).isEqualTo(1);
        Row job = rows("select status, attempts, transcripts_redacted, messages_redacted from redaction_job where id = $1",
                Tuple.of(UUID.fromString(jobId))).get(0);
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInteger("attempts")).isEqualTo(2);
        assertThat(job.getInteger("transcripts_redacted")).isEqualTo(9);
        assertThat(job.getInteger("messages_redacted")).isEqualTo(9);
        // the crashed worker wakes up: it no longer owns the job and changes nothing
        assertThat(crashing.runBatch(claimed).await().atMost(WAIT)).isEqualTo(JobRunner.Step.LOST);
    }

    @Test
    void cancellingARunningJobStopsItBetweenBatchesAndKeepsWhatIsDone() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        jobs.drain();
        seedOldTranscripts(ingest, 6, "cancel-running@example.com");
        String jobId = Api.ok(admin, "mutation { requestErasure(input: {email: \"cancel-running@example.com\"}) { id } }")
                .getString("data.requestErasure.id");
        JobRunner runner = jobs.runner("worker-cancelled", 2);
        LeasedJob claimed = runner.claim().await().atMost(WAIT);
        assertThat(runner.runBatch(claimed).await().atMost(WAIT)).isEqualTo(JobRunner.Step.CONTINUE);
        assertThat(Api.ok(admin, "mutation($id: ID!) { cancelRedactionJob(id: $id) { status } }", Map.of("id", jobId))
                .getString("data.cancelRedactionJob.status")).isEqualTo("RUNNING");
        // the worker carries on with the claimed job and notices the cancel before its next batch
        assertThat(runner.runBatches(claimed).await().atMost(WAIT)).isEqualTo(JobStatus.CANCELLED);
        Row job = rows("select status, transcripts_redacted from redaction_job where id = $1",
                Tuple.of(UUID.fromString(jobId))).get(0);
        assertThat(job.getString("status")).isEqualTo("CANCELLED");
        assertThat(job.getInteger("transcripts_redacted")).isEqualTo(2);
        assertThat(rows("select count(*) from transcript where tenant_id = $1 and redacted_at is not null",
                Tuple.of(tenant)).get(0).getLong(0)).isEqualTo(2);
    }

    @Test
    void failingJobsAreRetriedWithBackoffThenFail() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String transcript = seedOldTranscripts(ingest, 1, "retry@example.com").get(0);
        String jobId = Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", transcript))
                .getString("data.redactTranscript.id");
        TranscriptRedactor broken = new TranscriptRedactor(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                redactors, engine) {
            @Override
            public Uni<BatchOutcome> redactTranscripts(SqlConnection conn, UUID job, String tenantId, List<UUID> candidates,
                    RedactionPolicy policy) {
                return Uni.createFrom().failure(new IllegalStateException("disk on fire for someone@example.com"));
            }
        };
        JobRunner runner = jobs.runner("worker-broken", 10, broken);
        UUID id = UUID.fromString(jobId);
        runner.drain().await().atMost(WAIT);
        Row afterFirst = rows("select status, attempts, error, next_attempt_at > now() as later from redaction_job where id = $1",
                Tuple.of(id)).get(0);
        assertThat(afterFirst.getString("status")).isEqualTo("QUEUED");
        assertThat(afterFirst.getInteger("attempts")).isEqualTo(1);
        assertThat(afterFirst.getBoolean("later")).isTrue();
        assertThat(afterFirst.getString("error")).isEqualTo("IllegalStateException").doesNotContain("@");
        for (int attempt = 2; attempt <= 5; attempt++) {
            pool.preparedQuery("update redaction_job set next_attempt_at = now() where id = $1").execute(Tuple.of(id))
                    .await().atMost(WAIT);
            runner.drain().await().atMost(WAIT);
        }
        Row last = rows("select status, attempts, finished_at from redaction_job where id = $1", Tuple.of(id)).get(0);
        assertThat(last.getString("status")).isEqualTo("FAILED");
        assertThat(last.getInteger("attempts")).isEqualTo(5);
        assertThat(last.getOffsetDateTime("finished_at")).isNotNull();
    }

    @Test
    void auditChainLinksEveryPrivacyOperationAndDetectsTampering() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        String auditor = Api.token(tenant, "auditor");
        String ingest = Api.token(tenant, "ingest");
        String transcript = seedOldTranscripts(ingest, 1, "audit@example.com").get(0);
        Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 400}) { redactAfterDays } }");
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true, reason: \"case 7\") { id } }", Map.of("id", transcript));
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: false) { id } }", Map.of("id", transcript));
        Api.ok(admin, "mutation { requestErasure(input: {email: \"audit@example.com\"}) { id } }");
        jobs.drain();

        var log = Api.ok(auditor, "{ auditLog(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { action actor hash } } } }");
        assertThat(log.getInt("data.auditLog.totalCount")).isEqualTo(5);
        assertThat(log.getList("data.auditLog.edges.node.action", String.class))
                .containsExactly("erasure.succeeded", "erasure.requested", "legal-hold.lifted");
        var rest = Api.ok(auditor, "query($after: String) { auditLog(first: 3, after: $after) { pageInfo { hasNextPage } edges { node { action } } } }",
                Map.of("after", log.getString("data.auditLog.pageInfo.endCursor")));
        assertThat(rest.getList("data.auditLog.edges.node.action", String.class))
                .containsExactly("legal-hold.set", "retention.changed");
        assertThat(rest.getBoolean("data.auditLog.pageInfo.hasNextPage")).isFalse();
        assertThat(rows("select count(*) from audit_event where tenant_id = $1 and (details ilike '%audit@example.com%'"
                + " or target_id ilike '%audit@%')", Tuple.of(tenant)).get(0).getLong(0)).isZero();
        assertThat(Api.ok(auditor, "{ auditChainValid }").getBoolean("data.auditChainValid")).isTrue();

        pool.preparedQuery("update audit_event set actor = 'someone-else' where tenant_id = $1 and seq = 2")
                .execute(Tuple.of(tenant)).await().atMost(WAIT);
        assertThat(Api.ok(auditor, "{ auditChainValid }").getBoolean("data.auditChainValid")).isFalse();
        assertThat(Api.errorCode(Api.token(tenant, "agent"), "{ auditLog { totalCount } }", Map.of())).isEqualTo("FORBIDDEN");
    }

    private List<String> seedOldTranscripts(String ingest, int count, String email) {
        String old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(100).toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "seed-" + UUID.randomUUID();
            String id = io.lethe.support.Chat.start(ingest, key, old, null);
            io.lethe.support.Chat.form(ingest, id, Map.of("email", email));
            io.lethe.support.Chat.say(ingest, id, old, "write to " + email + " please");
            ids.add(id);
        }
        return ids;
    }

    private List<Row> rows(String sql, Tuple args) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(args).await().atMost(WAIT).forEach(out::add);
        return out;
    }
}
