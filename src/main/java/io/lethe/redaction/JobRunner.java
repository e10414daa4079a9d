package io.lethe.redaction;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Clock;
import io.lethe.redaction.engine.KnownValues;
import io.lethe.redaction.engine.RedactionPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Claims and runs redaction jobs as one worker identity ({@code owner}). Any number of runners,
 * on any number of replicas, may poll the same table: a job is claimed with FOR UPDATE SKIP
 * LOCKED and a lease, every batch commits with the job's counts and re-checks the lease, and a job
 * whose lease expired (crashed worker) is claimed again and resumes from its keyset position.
 */
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final String SYSTEM_ACTOR = "system:redaction-worker";

    private final String owner;
    private final Pool pool;
    private final JobsConfig config;
    private final TranscriptRedactor redactor;
    private final RedactorCache redactors;
    private final AuditLog audit;
    private final List<JobFinishedHook> hooks;
    private final MeterRegistry metrics;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public JobRunner(String owner, Pool pool, JobsConfig config, TranscriptRedactor redactor, RedactorCache redactors,
            AuditLog audit, List<JobFinishedHook> hooks, MeterRegistry metrics) {
        this.owner = owner;
        this.pool = pool;
        this.config = config;
        this.redactor = redactor;
        this.redactors = redactors;
        this.audit = audit;
        this.hooks = hooks;
        this.metrics = metrics;
    }

    public String owner() {
        return owner;
    }

    /** After this, the runner finishes its current batch, releases its lease and claims nothing more. */
    public void stop() {
        stopping.set(true);
    }

    /** Runs claimable jobs until none is left; emits how many were run. */
    public Uni<Integer> drain() {
        return runOne().repeat().whilst(ran -> ran).collect().asList()
                .map(runs -> (int) runs.stream().filter(r -> r).count());
    }

    /** Claims one job and runs it to the end (or to a failure/cancel/stop); false when none was claimable. */
    public Uni<Boolean> runOne() {
        if (stopping.get()) {
            return Uni.createFrom().item(false);
        }
        return claim().chain(job -> {
            if (job == null) {
                return Uni.createFrom().item(false);
            }
            Timer.Sample sample = Timer.start(metrics);
            return runBatches(job)
                    .onFailure().recoverWithUni(failure -> fail(job, failure))
                    .invoke(status -> sample.stop(metrics.timer("lethe.jobs.duration", "kind", job.kind.name(),
                            "status", status == null ? "RELEASED" : status.name())))
                    .replaceWith(true);
        });
    }

    Uni<RedactionJob> claim() {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                update redaction_job j set status = 'RUNNING', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond',
                       attempts = j.attempts + 1, started_at = coalesce(j.started_at, now())
                where j.id = (select id from redaction_job
                              where (status = 'QUEUED' and next_attempt_at <= now())
                                 or (status = 'RUNNING' and lease_expires_at < now())
                              order by next_attempt_at, requested_at
                              for update skip locked limit 1)
                returning j.*
                """).execute(Tuple.of(owner, config.lease().toMillis()))
                .map(rows -> rows.size() == 0 ? null : JobRows.toJob(rows.iterator().next())));
    }

    /** Emits the final status, or null when the lease was released (stop) or lost. */
    Uni<JobStatus> runBatches(RedactionJob job) {
        return Uni.createFrom().deferred(() -> runBatch(job))
                .repeat().whilst(step -> step == Step.CONTINUE)
                .collect().last()
                .chain(step -> switch (step) {
                    case DONE -> finish(job, JobStatus.SUCCEEDED, null);
                    case CANCELLED -> finish(job, JobStatus.CANCELLED, null);
                    case RELEASE -> release(job).replaceWith((JobStatus) null);
                    default -> Uni.createFrom().item((JobStatus) null);
                });
    }

    enum Step { CONTINUE, DONE, CANCELLED, RELEASE, LOST }

    /** One transaction: re-check ownership and cancel flag, redact a batch, advance counts and lease. */
    Uni<Step> runBatch(RedactionJob job) {
        if (stopping.get()) {
            return Uni.createFrom().item(Step.RELEASE);
        }
        return pool.withTransaction(conn -> conn.preparedQuery(
                "select * from redaction_job where id = $1 for update").execute(Tuple.of(job.id))
                .chain(rows -> {
                    RedactionJob current = JobRows.toJob(rows.iterator().next());
                    if (!owner.equals(current.leaseOwner) || current.status != JobStatus.RUNNING) {
                        return Uni.createFrom().item(Step.LOST);
                    }
                    if (current.cancelRequested) {
                        return Uni.createFrom().item(Step.CANCELLED);
                    }
                    return redactors.policyOf(conn, current.tenantId)
                            .chain(policy -> batch(conn, current, policy))
                            .chain(result -> conn.preparedQuery("""
                                    update redaction_job set transcripts_redacted = transcripts_redacted + $2,
                                      transcripts_skipped = transcripts_skipped + $3, messages_redacted = messages_redacted + $4,
                                      values_redacted = values_redacted + $5, files_destroyed = files_destroyed + $6,
                                      phase = $7, resume_after_id = $8, cutoff_at = $9, resume_after_at = $11,
                                      lease_expires_at = now() + $10 * interval '1 millisecond'
                                    where id = $1
                                    """).execute(Tuple.tuple(java.util.Arrays.asList(current.id,
                                    result.outcome().transcriptsRedacted(), result.outcome().transcriptsSkipped(),
                                    result.outcome().messagesRedacted(), result.outcome().valuesRedacted(),
                                    result.outcome().filesDestroyed(), result.phase(), result.resumeAfter(),
                                    current.cutoffAt, config.lease().toMillis(), result.resumeAfterAt())))
                                    .replaceWith(result.done() ? Step.DONE : Step.CONTINUE));
                }));
    }

    /** What a batch did and where the next one starts (keyset: retention uses both parts, others the id). */
    private record BatchResult(BatchOutcome outcome, String phase, OffsetDateTime resumeAfterAt, UUID resumeAfter,
            boolean done) {
    }

    private Uni<BatchResult> batch(SqlConnection conn, RedactionJob job, RedactionPolicy policy) {
        int size = config.batchSize();
        return switch (job.kind) {
            case TRANSCRIPT -> redactor.redactTranscripts(conn, job.id, job.tenantId, List.of(job.transcriptId),
                    redactors.get(policy)).map(o -> new BatchResult(o, null, null, job.transcriptId, true));
            case RETENTION -> retentionCutoff(conn, job).chain(cutoff -> {
                if (cutoff == null) {
                    return Uni.createFrom().item(new BatchResult(BatchOutcome.NONE, null, null, null, true));
                }
                job.cutoffAt = cutoff;
                // keyset on the partial index (tenant_id, last_activity_at, id) where redacted_at is null
                String keyset = job.resumeAfterAt == null ? "" : " and (t.last_activity_at, t.id) > ($4, $5)";
                Tuple args = job.resumeAfterAt == null ? Tuple.of(job.tenantId, cutoff, size)
                        : Tuple.of(job.tenantId, cutoff, size, job.resumeAfterAt, job.resumeAfterId);
                return conn.preparedQuery("select t.id, t.last_activity_at from transcript t where t.tenant_id = $1"
                        + " and t.redacted_at is null and t.last_activity_at < $2" + keyset
                        + " order by t.last_activity_at, t.id limit $3").execute(args).chain(rows -> {
                            List<UUID> ids = new ArrayList<>(rows.size());
                            OffsetDateTime lastAt = job.resumeAfterAt;
                            for (Row row : rows) {
                                ids.add(row.getUUID("id"));
                                lastAt = row.getOffsetDateTime("last_activity_at");
                            }
                            OffsetDateTime resumeAt = lastAt;
                            return redactor.redactTranscripts(conn, job.id, job.tenantId, ids, redactors.get(policy))
                                    .map(o -> new BatchResult(o, null, resumeAt, last(ids, job.resumeAfterId),
                                            ids.size() < size));
                        });
            });
            case ERASURE -> beforeErasureBatch(conn, job).chain(() -> RedactionJobService.PHASE_MENTIONS.equals(job.phase)
                    ? mentionsBatch(conn, job, policy, size)
                    : ids(conn, """
                            select t.id from transcript t join visitor v on v.id = t.visitor_id
                            where t.tenant_id = $1 and lower(v.email) = $2 and ($3::uuid is null or t.id > $3)
                            order by t.id limit $4
                            """, Tuple.of(job.tenantId, job.subjectEmail, job.resumeAfterId, size))
                            .chain(ids -> redactor.redactTranscripts(conn, job.id, job.tenantId, ids,
                                    redactors.get(policy))
                                    .map(o -> new BatchResult(o, RedactionJobService.PHASE_SUBJECT, null,
                                            last(ids, job.resumeAfterId), ids.size() < size))));
        };
    }

    private Uni<Void> beforeErasureBatch(SqlConnection conn, RedactionJob job) {
        var subject = new JobFinishedHook.ErasureSubject(job.id, job.tenantId, job.subjectEmail, job.subjectHash);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (JobFinishedHook hook : hooks) {
            chain = chain.chain(() -> hook.beforeErasureBatch(conn, subject));
        }
        return chain;
    }

    /** searchAllTranscripts: other visitors' transcripts that mention the subject's email or phones. */
    private Uni<BatchResult> mentionsBatch(SqlConnection conn, RedactionJob job, RedactionPolicy policy, int size) {
        return conn.preparedQuery("select id, phone from visitor where tenant_id = $1 and lower(email) = $2")
                .execute(Tuple.of(job.tenantId, job.subjectEmail)).chain(subjects -> {
                    List<UUID> subjectIds = new ArrayList<>();
                    List<String> phones = new ArrayList<>();
                    List<String> digitPatterns = new ArrayList<>();
                    for (Row s : subjects) {
                        subjectIds.add(s.getUUID("id"));
                        String phone = s.getString("phone");
                        if (phone != null) {
                            phones.add(phone);
                            String digits = phone.replaceAll("\\D", "");
                            if (digits.length() >= 7) {
                                digitPatterns.add("%" + digits.substring(digits.length() - 7) + "%");
                            }
                        }
                    }
                    KnownValues subject = KnownValues.of(List.of(job.subjectEmail), phones);
                    String emailPattern = io.lethe.db.Sql.likeContains(job.subjectEmail);
                    // a cheap SQL pre-filter; the engine decides what is really a mention
                    return ids(conn, """
                            select t.id from transcript t
                            where t.tenant_id = $1 and not (t.visitor_id = any($2)) and ($3::uuid is null or t.id > $3)
                              and (exists (select 1 from message m where m.transcript_id = t.id
                                           and (m.body ilike $4 escape '\\'
                                                or regexp_replace(m.body, '\\D', '', 'g') like any($5)))
                                or exists (select 1 from form_field f where f.transcript_id = t.id
                                           and (f.value ilike $4 escape '\\'
                                                or regexp_replace(f.value, '\\D', '', 'g') like any($5))))
                            order by t.id limit $6
                            """, Tuple.tuple(java.util.Arrays.asList(job.tenantId, subjectIds.toArray(UUID[]::new),
                            job.resumeAfterId, emailPattern, digitPatterns.toArray(String[]::new), size)))
                            .chain(ids -> redactor.redactMentions(conn, job.id, job.tenantId, ids, subject,
                                    redactors.get(RedactorCache.knownValuesOnly(policy)))
                                    .map(o -> ids.size() < size
                                            ? new BatchResult(o, RedactionJobService.PHASE_SUBJECT, null, null, false)
                                            : new BatchResult(o, RedactionJobService.PHASE_MENTIONS, null,
                                                    ids.get(ids.size() - 1), false)));
                });
    }

    /** The cut-off is fixed when a sweep first runs, so a resumed sweep redacts the same set. */
    private Uni<OffsetDateTime> retentionCutoff(SqlConnection conn, RedactionJob job) {
        if (job.cutoffAt != null) {
            return Uni.createFrom().item(job.cutoffAt);
        }
        return conn.preparedQuery("select redact_after_days from tenant where tenant_id = $1")
                .execute(Tuple.of(job.tenantId)).map(rows -> {
                    Integer days = rows.size() == 0 ? null : rows.iterator().next().getInteger("redact_after_days");
                    return days == null ? null : Clock.now().minusDays(days);
                });
    }

    private static Uni<List<UUID>> ids(SqlConnection conn, String sql, Tuple args) {
        return conn.preparedQuery(sql).execute(args).map(rows -> {
            List<UUID> ids = new ArrayList<>(rows.size());
            rows.forEach(r -> ids.add(r.getUUID(0)));
            return ids;
        });
    }

    private static UUID last(List<UUID> ids, UUID previous) {
        return ids.isEmpty() ? previous : ids.get(ids.size() - 1);
    }

    private Uni<JobStatus> finish(RedactionJob job, JobStatus status, String error) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                update redaction_job set status = $2, finished_at = now(), lease_owner = null, lease_expires_at = null,
                       subject_email = null, error = $3
                where id = $1 and lease_owner = $4 returning *
                """).execute(Tuple.of(job.id, status.name(), error, owner)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item((JobStatus) null);
            }
            RedactionJob done = JobRows.toJob(rows.iterator().next());
            var finished = new JobFinishedHook.FinishedJob(done.id, done.tenantId, done.kind, status, done.requestId);
            Uni<Void> chain = audit.append(conn, done.tenantId, completionAudit(done, status));
            for (JobFinishedHook hook : hooks) {
                chain = chain.chain(() -> hook.onFinished(conn, finished));
            }
            return chain.replaceWith(status);
        })).invoke(s -> {
            if (s != null) {
                metrics.counter("lethe.jobs.finished", "kind", job.kind.name(), "status", s.name()).increment();
            }
        });
    }

    private static AuditEntry completionAudit(RedactionJob job, JobStatus status) {
        String action = switch (job.kind) {
            case ERASURE -> "erasure.";
            case RETENTION -> "retention.";
            case TRANSCRIPT -> "transcript.redaction.";
        } + status.name().toLowerCase(java.util.Locale.ROOT);
        String details = "transcriptsRedacted=" + job.transcriptsRedacted + " messagesRedacted=" + job.messagesRedacted
                + " valuesRedacted=" + job.valuesRedacted + " filesDestroyed=" + job.filesDestroyed
                + " transcriptsSkipped=" + job.transcriptsSkipped
                + (job.subjectHash == null ? "" : " subject=" + job.subjectHash);
        return new AuditEntry(SYSTEM_ACTOR, action, "RedactionJob", job.id.toString(), details);
    }

    /** Retries with exponential backoff, then FAILED. The stored error names the failure type only (no PII). */
    private Uni<JobStatus> fail(RedactionJob job, Throwable failure) {
        String error = failure.getClass().getSimpleName()
                + (failure instanceof io.vertx.pgclient.PgException pg ? " (SQL state " + pg.getSqlState() + ")" : "");
        // where it failed, but never the exception message: it may quote row values (PII)
        StackTraceElement[] trace = failure.getStackTrace();
        LOG.warnf("redaction job %s attempt %d failed: %s at %s", job.id, job.attempts, error,
                trace.length == 0 ? "unknown" : trace[0]);
        if (job.attempts >= job.maxAttempts) {
            return finish(job, JobStatus.FAILED, error);
        }
        Duration backoff = config.retryBackoff().multipliedBy(1L << Math.min(job.attempts - 1, 10));
        return pool.preparedQuery("""
                update redaction_job set status = 'QUEUED', lease_owner = null, lease_expires_at = null, error = $3,
                       next_attempt_at = now() + $4 * interval '1 millisecond'
                where id = $1 and lease_owner = $2
                """).execute(Tuple.of(job.id, owner, error, backoff.toMillis())).replaceWith(JobStatus.QUEUED);
    }

    /** Graceful shutdown: hand the job back so another replica resumes it at once. */
    private Uni<Void> release(RedactionJob job) {
        return pool.preparedQuery("""
                update redaction_job set status = 'QUEUED', lease_owner = null, lease_expires_at = null,
                       attempts = greatest(attempts - 1, 0), next_attempt_at = now()
                where id = $1 and lease_owner = $2
                """).execute(Tuple.of(job.id, owner)).replaceWithVoid();
    }
}
