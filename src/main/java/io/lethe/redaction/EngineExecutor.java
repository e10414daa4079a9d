package io.lethe.redaction;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs redaction-engine work on a few dedicated threads ({@code lethe.jobs.engine-threads}) so a
 * sweep never occupies an event loop that serves requests; results come back on the caller's
 * Vert.x context, where the job's SQL continues.
 */
@ApplicationScoped
public class EngineExecutor {
    static final String THREAD_PREFIX = "lethe-engine-";

    private final ExecutorService executor;

    public EngineExecutor(JobsConfig config) {
        if (config.engineThreads() < 1) {
            throw new IllegalArgumentException("lethe.jobs.engine-threads must be at least 1");
        }
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.engineThreads(), task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Computes {@code work} on an engine thread and emits its result on the calling Vert.x context. */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> computed = Uni.createFrom().item(work).runSubscriptionOn(executor);
            return caller == null ? computed : computed.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
