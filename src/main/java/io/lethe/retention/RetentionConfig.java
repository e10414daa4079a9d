package io.lethe.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lethe.retention")
public interface RetentionConfig {
    /** How often the scheduler enqueues sweeps (Quarkus `every` syntax: 15m, 1h). */
    @WithDefault("15m")
    String interval();

    @WithDefault("true")
    boolean scheduleEnabled();
}
