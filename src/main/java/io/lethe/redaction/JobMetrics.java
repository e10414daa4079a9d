package io.lethe.redaction;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Job meters: `lethe.jobs.duration` per run, `lethe.jobs.batch` per batch, `lethe.jobs.finished` per end. */
final class JobMetrics {
    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    /** A run ended: {@code status} null means the job was handed back or lost. */
    void ran(Timer.Sample sample, JobKind kind, JobStatus status) {
        sample.stop(registry.timer("lethe.jobs.duration", "kind", kind.name(),
                "status", status == null ? "RELEASED" : status.name()));
    }

    void batch(JobKind kind, Duration took) {
        registry.timer("lethe.jobs.batch", "kind", kind.name()).record(took);
    }

    void finished(JobKind kind, JobStatus status) {
        registry.counter("lethe.jobs.finished", "kind", kind.name(), "status", status.name()).increment();
    }
}
