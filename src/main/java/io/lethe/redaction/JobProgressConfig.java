package io.lethe.redaction;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lethe.job-progress")
public interface JobProgressConfig {
    /**
     * A followed job is re-read at least this often even without a notice, so a stream reaches the
     * job's end even if a notice was lost.
     */
    @WithDefault("5s")
    Duration refresh();
}
