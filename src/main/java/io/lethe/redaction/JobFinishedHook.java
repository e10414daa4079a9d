package io.lethe.redaction;

import java.util.List;
import java.util.UUID;

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

    /** Removes copies of the subject kept elsewhere (case notes, export links); emits what it removed. */
    default Uni<CopiesRemoved> beforeErasureBatch(SqlConnection conn, ErasureSubject subject) {
        return Uni.createFrom().item(CopiesRemoved.NONE);
    }

    record FinishedJob(UUID id, String tenantId, JobKind kind, JobStatus status, UUID requestId) {
    }

    /**
     * The subject of a running erasure: its normalised email (never stored past the job; for the
     * erasure of a transcript released from legal hold, the email its visitor row still has, or
     * null), its keyed hash, and its live visitors (read before the batch erases them).
     */
    record ErasureSubject(UUID jobId, String tenantId, String email, String subjectHash, List<UUID> visitorIds) {
    }

    /** Counted on the job in the batch's transaction. */
    record CopiesRemoved(int exportLinksRevoked) {
        public static final CopiesRemoved NONE = new CopiesRemoved(0);

        CopiesRemoved plus(CopiesRemoved other) {
            return new CopiesRemoved(exportLinksRevoked + other.exportLinksRevoked);
        }
    }
}
