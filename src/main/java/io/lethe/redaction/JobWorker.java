package io.lethe.redaction;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.lethe.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * This replica's job worker: claims and runs jobs as soon as a {@link JobQueue} notice says one was
 * enqueued (on any replica), and polls the job table as a fallback (retries due after their
 * backoff, expired leases, notices lost while the listener reconnected). The worker runs where
 * the scheduler does: with {@code quarkus.scheduler.enabled=false} (tests, which drive runners
 * themselves) it neither polls nor listens.
 *
 * <p>Shutdown: when the shutdown delay starts (readiness goes down) the worker stops claiming and
 * its running job hands its lease back after the current batch. Quarkus fires ShutdownEvent
 * before it closes the reactive pool (the pool is a startup bean: its close task was registered
 * before the ShutdownEvent task, and shutdown tasks run in reverse), so waiting there, on the
 * shutdown thread, lets the batch commit and the release reach the database first.
 */
@ApplicationScoped
public class JobWorker {
    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private final JobRunner runner;
    private final JobsConfig config;
    private final JobProgressListener listener;
    private final boolean enabled;
    private final Vertx vertx;
    private volatile AutoCloseable listening;

    public JobWorker(Pool pool, JobsConfig config, TranscriptRedactor redactor, RedactorCache redactors,
            AuditLog audit, Instance<JobFinishedHook> hooks, MeterRegistry metrics, JobProgressListener listener,
            Vertx vertx, @ConfigProperty(name = "quarkus.scheduler.enabled", defaultValue = "true") boolean enabled) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.runner = new JobRunner(owner, pool, config, redactor, redactors, audit, hooks.stream().toList(), metrics);
        this.config = config;
        this.listener = listener;
        this.enabled = enabled;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            listening = listener.whenQueued(this::wake);
        }
    }

    /** The fallback: a drain that is already running (woken by a notice) makes this a no-op. */
    @Scheduled(identity = "redaction-job-poll", every = "${lethe.jobs.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Drains on a fresh duplicated Vert.x context, as a scheduled reactive method would run. */
    private void wake() {
        VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(v -> runner.wake());
    }

    /** Readiness is down from here on: hand the running job back while requests drain. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        stopListening();
        runner.stop();
    }

    /** The last moment the pool is open: wait (bounded) until the running job is handed back. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopListening();
        var handedBack = runner.stop();
        if (Context.isOnEventLoopThread()) {
            return; // never block an event loop; the lease expires instead
        }
        try {
            handedBack.get(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("the running redaction job was not handed back within %d s; another replica resumes it"
                    + " when its lease expires", config.shutdownTimeout().toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // runs end normally (failures are recorded on the job), so there is nothing to report here
        }
    }

    private void stopListening() {
        AutoCloseable current = listening;
        listening = null;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                // removing a callback from a set does not fail
            }
        }
    }
}
