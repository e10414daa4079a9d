package io.lethe.redaction;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.lethe.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs redaction jobs as one worker identity. Any number of runners, on any number of replicas,
 * may poll the same table: the {@link JobLease} protocol makes each job one runner's at a time,
 * every batch commits with the job's counts, and a job whose lease expired (crashed or frozen
 * worker) is claimed again and resumes from its keyset position. What a batch is depends on the
 * job's kind ({@link BatchSource}).
 */
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobLease lease;
    private final Pool pool;
    private final JobsConfig config;
    private final RedactorCache redactors;
    private final Map<JobKind, BatchSource> sources = new EnumMap<>(JobKind.class);
    private final AuditLog audit;
    private final List<JobFinishedHook> hooks;
    private final JobMetrics metrics;
    private final ErasureResidue residue = new ErasureResidue();
    private volatile boolean stopping;
    /** A drain is in progress (wake-ups during it are folded into one more drain after it). */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    /** One future per run in progress, completed when the run has ended (finished, failed or handed back). */
    private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();

    public JobRunner(String owner, Pool pool, JobsConfig config, TranscriptRedactor redactor, RedactorCache redactors,
            AuditLog audit, List<JobFinishedHook> hooks, MeterRegistry metrics) {
        this.lease = new JobLease(owner, pool, config.lease());
        this.pool = pool;
        this.config = config;
        this.redactors = redactors;
        this.audit = audit;
        this.hooks = hooks;
        this.metrics = new JobMetrics(metrics);
        sources.put(JobKind.TRANSCRIPT, new TranscriptBatches(redactor));
        sources.put(JobKind.RETENTION, new RetentionBatches(redactor));
        sources.put(JobKind.ERASURE, new ErasureBatches(redactor, hooks));
    }

    public String owner() {
        return lease.owner();
    }

    /**
     * Claims nothing more; a run in progress commits its current batch and hands its job back.
     * Completes once no run is in progress.
     */
    public CompletableFuture<Void> stop() {
        stopping = true;
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    /** Runs claimable jobs until none is left; emits how many were run. */
    public Uni<Integer> drain() {
        return runOne().repeat().whilst(ran -> ran).collect().asList()
                .map(runs -> (int) runs.stream().filter(r -> r).count());
    }

    /**
     * Drains the queue now, without waiting for it (a poll tick or a queue notice): at most one
     * drain runs at a time, and a wake-up that arrives during one makes it drain once more when it
     * ends, so a job enqueued after the drain's last empty claim is not left for the next poll.
     */
    public void wake() {
        wakeRequested.set(true);
        if (!stopping && draining.compareAndSet(false, true)) {
            drainWhileWoken();
        }
    }

    private void drainWhileWoken() {
        wakeRequested.set(false);
        drain().subscribe().with(ran -> drained(), failure -> {
            // a claim that failed (e.g. the database was unreachable): the next wake-up or poll retries
            LOG.warnf("redaction job worker: claiming failed (%s); retrying at the next poll",
                    failure.getClass().getSimpleName());
            drained();
        });
    }

    private void drained() {
        draining.set(false);
        if (wakeRequested.get() && !stopping && draining.compareAndSet(false, true)) {
            drainWhileWoken();
        }
    }

    /** Claims one job and runs it to the end (or to a failure/cancel/stop); false when none was claimable. */
    public Uni<Boolean> runOne() {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> run = new CompletableFuture<>();
            // registered before the flag is read: stop() either waits for this run or this run sees the flag
            running.add(run);
            Uni<Boolean> work = stopping ? Uni.createFrom().item(false) : lease.claim().chain(job -> {
                if (job == null) {
                    return Uni.createFrom().item(false);
                }
                Timer.Sample sample = metrics.start();
                return planned(job).chain(this::runBatches)
                        .onFailure().recoverWithUni(failure -> fail(job, failure))
                        .invoke(status -> metrics.ran(sample, job.kind(), status))
                        .replaceWith(true);
            });
            return work.onTermination().invoke(() -> {
                running.remove(run);
                run.complete(null);
            });
        });
    }

    /** Claims the next job and plans it, as {@link #runOne} does before its batches. */
    Uni<LeasedJob> claim() {
        return lease.claim().chain(job -> job == null ? Uni.createFrom().nullItem() : planned(job));
    }

    /**
     * A job claimed for the first time gets its total (and start) fixed right after the claim, in a
     * transaction of its own (see {@link BatchSource#plan}); a failure there counts as an attempt.
     */
    private Uni<LeasedJob> planned(LeasedJob job) {
        if (job.transcriptsTotal() != null) {
            return Uni.createFrom().item(job);
        }
        return pool.withTransaction(conn -> sources.get(job.kind()).plan(conn, job)
                .chain(plan -> lease.plan(conn, job, plan)));
    }

    /** Emits the final status, or null when the job was handed back (stop) or lost. */
    Uni<JobStatus> runBatches(LeasedJob job) {
        return Uni.createFrom().deferred(() -> runBatch(job))
                .repeat().whilst(step -> step == Step.CONTINUE)
                .collect().last()
                .chain(step -> switch (step) {
                    case DONE -> finish(job, JobStatus.SUCCEEDED, null);
                    case CANCELLED -> finish(job, JobStatus.CANCELLED, null);
                    case RELEASE -> release(job);
                    default -> Uni.createFrom().item((JobStatus) null);
                });
    }

    enum Step { CONTINUE, DONE, CANCELLED, RELEASE, LOST }

    /** One transaction: hold the lease (ownership, cancel flag), redact a batch, advance counts and position. */
    Uni<Step> runBatch(LeasedJob job) {
        if (stopping) {
            return Uni.createFrom().item(Step.RELEASE);
        }
        long started = System.nanoTime();
        return pool.withTransaction(conn -> lease.hold(conn, job.id()).chain(current -> {
            if (current == null) {
                return Uni.createFrom().item(Step.LOST);
            }
            if (current.cancelRequested()) {
                return Uni.createFrom().item(Step.CANCELLED);
            }
            return redactors.policyOf(conn, current.tenantId())
                    .chain(policy -> sources.get(current.kind()).next(conn, current, policy, config.batchSize()))
                    .call(batch -> lease.advance(conn, current, batch))
                    .map(batch -> batch.done() ? Step.DONE : Step.CONTINUE);
        })).invoke(() -> tookLong(job, Duration.ofNanos(System.nanoTime() - started)));
    }

    /** The lease must outlast any batch: a batch near it is the operator's cue to lower the batch size. */
    private void tookLong(LeasedJob job, Duration took) {
        metrics.batch(job.kind(), took);
        if (took.compareTo(config.lease().dividedBy(2)) > 0) {
            LOG.warnf("redaction job %s: a batch of up to %d transcripts took %d ms, over half the %d s lease;"
                    + " lower LETHE_JOBS_BATCH_SIZE or raise LETHE_JOBS_LEASE", job.id(), config.batchSize(),
                    took.toMillis(), config.lease().toSeconds());
        }
    }

    private Uni<JobStatus> finish(LeasedJob job, JobStatus status, String error) {
        return pool.withTransaction(conn -> lease.finish(conn, job.id(), status, error).chain(done -> {
            if (done == null) {
                return Uni.createFrom().item((JobStatus) null);
            }
            var finished = new JobFinishedHook.FinishedJob(done.id(), done.tenantId(), done.kind(), status,
                    done.requestId());
            Uni<Void> chain = audit.append(conn, done.tenantId(), JobAudit.finished(done, status));
            for (JobFinishedHook hook : hooks) {
                chain = chain.chain(() -> hook.onFinished(conn, finished));
            }
            // last: what the hooks left behind counts as residue too
            return chain.chain(() -> residue.finish(conn, done, status)).replaceWith(status);
        })).invoke(s -> {
            if (s != null) {
                metrics.finished(job.kind(), s);
            }
        });
    }

    /** Retries with exponential backoff, then FAILED. The stored error names the failure type only (no PII). */
    private Uni<JobStatus> fail(LeasedJob job, Throwable failure) {
        String error = failure.getClass().getSimpleName()
                + (failure instanceof io.vertx.pgclient.PgException pg ? " (SQL state " + pg.getSqlState() + ")" : "");
        // where it failed, but never the exception message: it may quote row values (PII)
        StackTraceElement[] trace = failure.getStackTrace();
        LOG.warnf("redaction job %s attempt %d failed: %s at %s", job.id(), job.attempts(), error,
                trace.length == 0 ? "unknown" : trace[0]);
        if (job.attempts() >= job.maxAttempts()) {
            return finish(job, JobStatus.FAILED, error);
        }
        Duration backoff = config.retryBackoff().multipliedBy(1L << Math.min(job.attempts() - 1, 10));
        return lease.retryLater(job.id(), error, backoff).map(ours -> ours ? JobStatus.QUEUED : null);
    }

    /** Graceful shutdown: the job goes back to the queue at once, for any replica to resume. */
    private Uni<JobStatus> release(LeasedJob job) {
        return lease.release(job.id()).invoke(ours -> {
            if (ours) {
                LOG.infof("redaction job %s handed back for another worker to resume", job.id());
            }
        }).replaceWith((JobStatus) null);
    }
}
