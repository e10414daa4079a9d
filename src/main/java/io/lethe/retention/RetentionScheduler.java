package io.lethe.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Enqueues retention sweeps on every replica; the job table makes that safe (at most one active
 * sweep per tenant, claimed by one worker). Disabled in tests unless a test asks for it. Stops
 * enqueueing once shutdown begins, so no tick races the closing database pool.
 */
@ApplicationScoped
public class RetentionScheduler {
    private final RetentionService retention;
    private final RetentionConfig config;
    private volatile boolean stopping;

    public RetentionScheduler(RetentionService retention, RetentionConfig config) {
        this.retention = retention;
        this.config = config;
    }

    @Scheduled(identity = "retention-enqueue", every = "${lethe.retention.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> enqueue() {
        if (stopping || !config.scheduleEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return retention.enqueueDueSweeps().replaceWithVoid();
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
