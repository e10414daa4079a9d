package io.lethe.redaction;

import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * "This job changed": a PostgreSQL NOTIFY on one channel, sent inside the transaction that changed
 * the job, so it reaches every replica's {@link JobProgressListener} only once that transaction
 * commits (and never for one that rolls back). The payload is the tenant and the job id, nothing
 * else: listeners re-read the row, tenant-scoped, to learn what changed.
 */
final class JobProgress {
    static final String CHANNEL = "lethe_job_progress";

    private JobProgress() {
    }

    static Uni<Void> notify(SqlConnection conn, String tenantId, UUID jobId) {
        // ::text: pg_notify returns void, which not every client decodes
        return conn.preparedQuery("select pg_notify($1, $2)::text").execute(Tuple.of(CHANNEL, payload(tenantId, jobId)))
                .replaceWithVoid();
    }

    /** Tenant ids never contain a space (see the token rules), so a space separates the two. */
    static String payload(String tenantId, UUID jobId) {
        return tenantId + " " + jobId;
    }

    /** The job a payload names, with its tenant; empty for a payload this version did not send. */
    static Optional<Notice> parse(String payload) {
        int space = payload == null ? -1 : payload.lastIndexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Notice(payload.substring(0, space), UUID.fromString(payload.substring(space + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    record Notice(String tenantId, UUID jobId) {
    }
}
