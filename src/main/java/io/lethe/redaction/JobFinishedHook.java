package io.lethe.redaction;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Lets other features react to a job's end inside the job's final transaction (for example a
 * data-subject request that completes when its erasure job succeeds), and to an erasure batch
 * inside its transaction, before the batch redacts the subject's data (the last moment the
 * subject's name, phone and form values can still be read).
 */
public interface JobFinishedHook {
    Uni<Void> onFinished(SqlConnection conn, FinishedJob job);

    default Uni<Void> beforeErasureBatch(SqlConnection conn, ErasureSubject subject) {
        return Uni.createFrom().voidItem();
    }

    record FinishedJob(java.util.UUID id, String tenantId, JobKind kind, JobStatus status, java.util.UUID requestId) {
    }

    /** The subject of a running erasure: its normalised email (never stored past the job) and keyed hash. */
    record ErasureSubject(java.util.UUID jobId, String tenantId, String email, String subjectHash) {
    }
}
