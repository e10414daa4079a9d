package io.lethe.redaction;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Lets other features react to a job's end inside the job's final transaction (for example a
 * data-subject request that completes when its erasure job succeeds).
 */
public interface JobFinishedHook {
    Uni<Void> onFinished(SqlConnection conn, FinishedJob job);

    record FinishedJob(java.util.UUID id, String tenantId, JobKind kind, JobStatus status, java.util.UUID requestId) {
    }
}
