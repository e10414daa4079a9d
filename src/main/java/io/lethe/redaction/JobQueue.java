package io.lethe.redaction;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * "A job is due now": a PostgreSQL NOTIFY sent inside the transaction that enqueues (or hands back)
 * a job, so every replica's worker hears of it once that transaction commits, through its one
 * {@link JobProgressListener} connection, and claims at once instead of at its next poll. The
 * payload is the tenant and the job id (never a subject): the claim finds the job on its own. The
 * poll stays for what no notice announces (retries after their backoff, expired leases, notices
 * lost while a listener reconnects).
 */
final class JobQueue {
    static final String CHANNEL = "lethe_job_queued";

    private JobQueue() {
    }

    /** In the current Hibernate Reactive session's transaction (the enqueuing service methods). */
    static Uni<Void> queued(RedactionJob job) {
        return Panache.getSession().chain(session -> session
                // ::text: pg_notify returns void, which not every client decodes
                .createNativeQuery("select pg_notify(:channel, :payload)::text")
                .setParameter("channel", CHANNEL)
                .setParameter("payload", JobProgress.payload(job.tenantId, job.id)).getSingleResult())
                .replaceWithVoid();
    }

    /** In {@code conn}'s transaction (the worker's lease writes). */
    static Uni<Void> queued(SqlConnection conn, String tenantId, UUID jobId) {
        return conn.preparedQuery("select pg_notify($1, $2)::text")
                .execute(Tuple.of(CHANNEL, JobProgress.payload(tenantId, jobId))).replaceWithVoid();
    }
}
