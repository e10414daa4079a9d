package io.lethe.support;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.lethe.audit.AuditLog;
import io.lethe.redaction.JobFinishedHook;
import io.lethe.redaction.JobRunner;
import io.lethe.redaction.JobsConfig;
import io.lethe.redaction.RedactorCache;
import io.lethe.redaction.TranscriptRedactor;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The scheduler is off in tests; tests run job workers explicitly, as many as they like, each with
 * its own identity, exactly as replicas would.
 */
@ApplicationScoped
public class Jobs {
    @Inject
    Pool pool;
    @Inject
    JobsConfig config;
    @Inject
    TranscriptRedactor redactor;
    @Inject
    RedactorCache redactors;
    @Inject
    AuditLog audit;
    @Inject
    Instance<JobFinishedHook> hooks;
    @Inject
    MeterRegistry metrics;

    public JobRunner runner(String owner) {
        return runner(owner, config.batchSize());
    }

    public JobRunner runner(String owner, int batchSize) {
        return runner(owner, batchSize, redactor);
    }

    /** A runner with its own batch size and redactor (tests inject failures through the latter). */
    public JobRunner runner(String owner, int batchSize, TranscriptRedactor transcriptRedactor) {
        JobsConfig custom = new JobsConfig() {
            @Override
            public Duration pollInterval() {
                return config.pollInterval();
            }

            @Override
            public Duration lease() {
                return config.lease();
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public int maxAttempts() {
                return config.maxAttempts();
            }

            @Override
            public Duration retryBackoff() {
                return config.retryBackoff();
            }

            @Override
            public int engineThreads() {
                return config.engineThreads();
            }

            @Override
            public Duration shutdownTimeout() {
                return config.shutdownTimeout();
            }
        };
        return new JobRunner(owner, pool, custom, transcriptRedactor, redactors, audit, hooks.stream().toList(), metrics);
    }

    /** Runs every claimable job to its end; returns how many ran. */
    public int drain() {
        return runner("test-worker").drain().await().atMost(Duration.ofMinutes(2));
    }
}
