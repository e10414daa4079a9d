package io.lethe.export;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lethe.export")
public interface ExportConfig {
    /** How long a download link (GET /exports/{id}) works after the export was requested. */
    @WithDefault("24h")
    Duration linkTtl();

    /** Messages read per statement while an export streams (keyset pages: memory stays flat). */
    @WithDefault("2000")
    int messagePageSize();

    /** Transcripts (with their form fields and attachment metadata) read per statement. */
    @WithDefault("100")
    int transcriptPageSize();

    /** Upper bound for one statement of a streaming export; a slower database aborts the download. */
    @WithDefault("60s")
    Duration statementTimeout();
}
