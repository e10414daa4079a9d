package io.lethe.redaction;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lethe.jobs")
public interface JobsConfig {
    /** How often each replica looks for claimable jobs. */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * A claimed job is another replica's to resume if its lease is not renewed within this time.
     * Renewed with every batch, so it must be longer than any batch takes.
     */
    @WithDefault("60s")
    Duration lease();

    /** Transcripts redacted per transaction. */
    @WithDefault("200")
    int batchSize();

    @WithDefault("5")
    int maxAttempts();

    /** First retry delay; doubles with each attempt. */
    @WithDefault("5s")
    Duration retryBackoff();

    /** Threads that run the redaction engine, off the event loop; the rest of the cores stay for requests. */
    @WithDefault("1")
    int engineThreads();

    /**
     * On shutdown, how long to wait for the batch in flight to commit and the lease to be handed
     * back before the database pool closes; keep it below quarkus.shutdown.timeout.
     */
    @WithDefault("20s")
    Duration shutdownTimeout();
}
