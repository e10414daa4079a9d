package io.lethe.redaction;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.lethe.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** This replica's job worker: polls the job table and runs what it can claim. */
@ApplicationScoped
public class JobWorker {
    private final JobRunner runner;

    public JobWorker(Pool pool, JobsConfig config, TranscriptRedactor redactor, RedactorCache redactors,
            AuditLog audit, Instance<JobFinishedHook> hooks, MeterRegistry metrics) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.runner = new JobRunner(owner, pool, config, redactor, redactors, audit, hooks.stream().toList(), metrics);
    }

    @Scheduled(identity = "redaction-job-poll", every = "${lethe.jobs.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return runner.drain().replaceWithVoid();
    }

    /** Lets the running batch commit, then hands the job back (graceful shutdown). */
    void onShutdown(@Observes ShutdownEvent event) {
        runner.stop();
    }

}
