package io.lethe.redaction;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.lethe.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * This replica's job worker: polls the job table and runs what it can claim.
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

    public JobWorker(Pool pool, JobsConfig config, TranscriptRedactor redactor, RedactorCache redactors,
            AuditLog audit, Instance<JobFinishedHook> hooks, MeterRegistry metrics) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.runner = new JobRunner(owner, pool, config, redactor, redactors, audit, hooks.stream().toList(), metrics);
        this.config = config;
    }

    @Scheduled(identity = "redaction-job-poll", every = "${lethe.jobs.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return runner.drain().replaceWithVoid();
    }

    /** Readiness is down from here on: hand the running job back while requests drain. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        runner.stop();
    }

    /** The last moment the pool is open: wait (bounded) until the running job is handed back. */
    void onShutdown(@Observes ShutdownEvent event) {
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
}
