package io.lethe.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of the read session each GraphQL query runs in (see {@link ReadSession}). */
@ConfigMapping(prefix = "lethe.read-session")
public interface ReadSessionConfig {
    /** Longest one statement of a query may run (lock waits included) before PostgreSQL cancels it. */
    @WithDefault("5s")
    Duration statementTimeout();
}
