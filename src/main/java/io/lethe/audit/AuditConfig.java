package io.lethe.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lethe.audit")
public interface AuditConfig {
    /**
     * Events read per statement when the chain is verified or the log is downloaded: memory per
     * check or download is bounded by this, not by the length of the log.
     */
    @WithDefault("1000")
    int pageSize();

    /** Upper bound for one page of a download; a slower database aborts the download. */
    @WithDefault("60s")
    Duration statementTimeout();
}
