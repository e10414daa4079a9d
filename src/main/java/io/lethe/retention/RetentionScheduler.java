package io.lethe.retention;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Enqueues retention sweeps on every replica; the job table makes that safe (at most one active
 * sweep per tenant, claimed by one worker). Disabled in tests unless a test asks for it.
 */
@ApplicationScoped
public class RetentionScheduler {
    private final RetentionService retention;
    private final RetentionConfig config;

    public RetentionScheduler(RetentionService retention, RetentionConfig config) {
        this.retention = retention;
        this.config = config;
    }

    @Scheduled(identity = "retention-enqueue", every = "${lethe.retention.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> enqueue() {
        if (!config.scheduleEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return retention.enqueueDueSweeps().replaceWithVoid();
    }
}
