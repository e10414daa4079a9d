package io.lethe.redaction;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The lease protocol of one worker identity ({@code owner}) on the `redaction_job` table: claim
 * (FOR UPDATE SKIP LOCKED), hold for a batch (ownership re-checked and lease renewed), advance,
 * finish, retry later, or hand back. Every write is conditional on still owning the lease, so a
 * worker that lost its job (lease expired, taken over) changes nothing. Every write that changes
 * what a reader of the job sees also notifies {@link JobProgress} in its transaction.
 */
final class JobLease {
    private final String owner;
    private final Pool pool;
    private final long leaseMillis;

    JobLease(String owner, Pool pool, Duration lease) {
        this.owner = owner;
        this.pool = pool;
        this.leaseMillis = lease.toMillis();
    }

    String owner() {
        return owner;
    }

    /** The next due job, or one whose worker stopped renewing its lease; null when there is none. */
    Uni<LeasedJob> claim() {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                update redaction_job j set status = 'RUNNING', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond',
                       attempts = j.attempts + 1, started_at = coalesce(j.started_at, now())
                where j.id = (select id from redaction_job
                              where (status = 'QUEUED' and next_attempt_at <= now())
                                 or (status = 'RUNNING' and lease_expires_at < now())
                              order by next_attempt_at, requested_at
                              for update skip locked limit 1)
                returning\s""" + LeasedJob.COLUMNS).execute(Tuple.of(owner, leaseMillis))
                .map(rows -> rows.size() == 0 ? null : LeasedJob.from(rows.iterator().next()))
                // a first claim notifies once planned (see plan), so no subscriber is sent a RUNNING job without its total
                .call(job -> job == null || job.transcriptsTotal() == null ? Uni.createFrom().voidItem()
                        : JobProgress.notify(conn, job.tenantId(), job.id())));
    }

    /**
     * Fixes what the job will examine: its total (what it examined already plus what is left) and
     * its start position (e.g. RETENTION's cut-off). Emits the updated row (the given one when the
     * job is no longer ours).
     */
    Uni<LeasedJob> plan(SqlConnection conn, LeasedJob job, BatchSource.Plan plan) {
        LeasedJob.Position p = plan.start();
        return conn.preparedQuery("""
                update redaction_job set transcripts_total = transcripts_examined + $2, phase = $3, cutoff_at = $4,
                       resume_after_at = $5, resume_after_id = $6, files_cutoff_at = $8, ip_cutoff_at = $9
                where id = $1 and lease_owner = $7
                returning\s""" + LeasedJob.COLUMNS).execute(Tuple.tuple(Arrays.asList(job.id(), plan.remaining(),
                p.phase(), p.cutoffAt(), p.resumeAfterAt(), p.resumeAfterId(), owner, p.filesCutoffAt(),
                p.ipCutoffAt())))
                .map(rows -> rows.size() == 0 ? job : LeasedJob.from(rows.iterator().next()))
                .call(() -> JobProgress.notify(conn, job.tenantId(), job.id()));
    }

    /**
     * Opens a batch in {@code conn}'s transaction: locks the job row, renews the lease so the whole
     * batch is covered, and bounds how long this transaction may sit idle (a frozen worker's
     * transaction is ended by PostgreSQL before its lease runs out, so the row lock cannot outlive
     * the lease). Emits the current row, or null when this worker no longer holds the job.
     */
    Uni<LeasedJob> hold(SqlConnection conn, UUID jobId) {
        return conn.preparedQuery("select set_config('idle_in_transaction_session_timeout', $1, true)")
                .execute(Tuple.of(Long.toString(Math.max(1, leaseMillis / 2))))
                .chain(() -> conn.preparedQuery("""
                        update redaction_job set lease_expires_at = now() + $3 * interval '1 millisecond'
                        where id = $1 and lease_owner = $2 and status = 'RUNNING'
                        returning\s""" + LeasedJob.COLUMNS).execute(Tuple.of(jobId, owner, leaseMillis)))
                .map(rows -> rows.size() == 0 ? null : LeasedJob.from(rows.iterator().next()));
    }

    /**
     * Adds a batch's counts and moves the keyset position, in the batch's transaction, and tells
     * every replica's subscribers (delivered when the batch commits).
     */
    Uni<Void> advance(SqlConnection conn, LeasedJob job, BatchSource.Batch batch) {
        BatchOutcome o = batch.outcome();
        LeasedJob.Position p = batch.next();
        return conn.preparedQuery("""
                update redaction_job set transcripts_redacted = transcripts_redacted + $2,
                  transcripts_examined = transcripts_examined + $13,
                  transcripts_skipped = transcripts_skipped + $3, messages_redacted = messages_redacted + $4,
                  values_redacted = values_redacted + $5, files_destroyed = files_destroyed + $6,
                  phase = $7, cutoff_at = $8, resume_after_at = $9, resume_after_id = $10,
                  lease_expires_at = now() + $11 * interval '1 millisecond',
                  ips_forgotten = ips_forgotten + $14, visitor_ips_forgotten = visitor_ips_forgotten + $15,
                  files_cutoff_at = $16, ip_cutoff_at = $17
                where id = $1 and lease_owner = $12
                """).execute(Tuple.tuple(Arrays.asList(job.id(), o.transcriptsRedacted(), o.transcriptsSkipped(),
                o.messagesRedacted(), o.valuesRedacted(), o.filesDestroyed(), p.phase(), p.cutoffAt(),
                p.resumeAfterAt(), p.resumeAfterId(), leaseMillis, owner, batch.examined(), o.ipsForgotten(),
                o.visitorIpsForgotten(), p.filesCutoffAt(), p.ipCutoffAt())))
                .chain(() -> JobProgress.notify(conn, job.tenantId(), job.id()));
    }

    /** Ends the job (and forgets the erased email); emits the final row, or null when not ours any more. */
    Uni<LeasedJob> finish(SqlConnection conn, UUID jobId, JobStatus status, String error) {
        return conn.preparedQuery("""
                update redaction_job set status = $2, finished_at = now(), lease_owner = null, lease_expires_at = null,
                       subject_email = null, error = $3
                where id = $1 and lease_owner = $4
                returning\s""" + LeasedJob.COLUMNS).execute(Tuple.of(jobId, status.name(), error, owner))
                .map(rows -> rows.size() == 0 ? null : LeasedJob.from(rows.iterator().next()))
                .call(done -> done == null ? Uni.createFrom().voidItem() : JobProgress.notify(conn, done.tenantId(), jobId));
    }

    /** Back to the queue after a failure, due again after {@code backoff}; false when not ours any more. */
    Uni<Boolean> retryLater(UUID jobId, String error, Duration backoff) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                update redaction_job set status = 'QUEUED', lease_owner = null, lease_expires_at = null, error = $3,
                       next_attempt_at = now() + $4 * interval '1 millisecond'
                where id = $1 and lease_owner = $2
                returning tenant_id
                """).execute(Tuple.of(jobId, owner, error, backoff.toMillis())).chain(rows -> notifyIfOurs(conn, rows, jobId)));
    }

    /**
     * Hands the job back (graceful shutdown): due at once for any worker, and this claim does not
     * count as an attempt. False when not ours any more.
     */
    Uni<Boolean> release(UUID jobId) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                update redaction_job set status = 'QUEUED', lease_owner = null, lease_expires_at = null,
                       attempts = greatest(attempts - 1, 0), next_attempt_at = now()
                where id = $1 and lease_owner = $2 and status = 'RUNNING'
                returning tenant_id
                """).execute(Tuple.of(jobId, owner)).chain(rows -> notifyIfOurs(conn, rows, jobId)
                        // due at once: any replica's worker may resume it now
                        .call(ours -> ours ? JobQueue.queued(conn, rows.iterator().next().getString("tenant_id"), jobId)
                                : Uni.createFrom().voidItem())));
    }

    /** True (and subscribers told) when the update changed the job, i.e. it was still ours. */
    private static Uni<Boolean> notifyIfOurs(SqlConnection conn, RowSet<Row> rows, UUID jobId) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(false);
        }
        return JobProgress.notify(conn, rows.iterator().next().getString("tenant_id"), jobId).replaceWith(true);
    }
}
