package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/**
 * What a worker reads of a `redaction_job` row while it holds the lease: identity, lease state,
 * keyset position, counts and progress. Services and the API use the {@link RedactionJob} entity; the
 * SQL-client job path uses this record only.
 */
public record LeasedJob(UUID id, String tenantId, JobKind kind, JobStatus status, String leaseOwner,
        boolean cancelRequested, int attempts, int maxAttempts, String subjectEmail, String subjectHash,
        UUID transcriptId, UUID requestId, Position position, BatchOutcome counts, Integer transcriptsTotal,
        int transcriptsExamined) {

    /** The columns {@link #from} reads, for `select`/`returning` lists. */
    static final String COLUMNS = "id, tenant_id, kind, status, lease_owner, cancel_requested, attempts, max_attempts,"
            + " subject_email, subject_hash, transcript_id, request_id, phase, cutoff_at, resume_after_at,"
            + " resume_after_id, transcripts_redacted, transcripts_skipped, messages_redacted, values_redacted,"
            + " files_destroyed, files_cutoff_at, ip_cutoff_at, ips_forgotten, visitor_ips_forgotten,"
            + " transcripts_total, transcripts_examined";

    /**
     * Where the next batch starts: the job's phase, RETENTION's fixed cut-offs (one per window) and
     * keyset, the last id for the others.
     */
    public record Position(String phase, OffsetDateTime cutoffAt, OffsetDateTime resumeAfterAt, UUID resumeAfterId,
            OffsetDateTime filesCutoffAt, OffsetDateTime ipCutoffAt) {

        /** A position without the files and IP windows' cut-offs (every kind but RETENTION). */
        public Position(String phase, OffsetDateTime cutoffAt, OffsetDateTime resumeAfterAt, UUID resumeAfterId) {
            this(phase, cutoffAt, resumeAfterAt, resumeAfterId, null, null);
        }
    }

    static LeasedJob from(Row row) {
        return new LeasedJob(row.getUUID("id"), row.getString("tenant_id"), JobKind.valueOf(row.getString("kind")),
                JobStatus.valueOf(row.getString("status")), row.getString("lease_owner"),
                row.getBoolean("cancel_requested"), row.getInteger("attempts"), row.getInteger("max_attempts"),
                row.getString("subject_email"), row.getString("subject_hash"), row.getUUID("transcript_id"),
                row.getUUID("request_id"),
                new Position(row.getString("phase"), row.getOffsetDateTime("cutoff_at"),
                        row.getOffsetDateTime("resume_after_at"), row.getUUID("resume_after_id"),
                        row.getOffsetDateTime("files_cutoff_at"), row.getOffsetDateTime("ip_cutoff_at")),
                new BatchOutcome(row.getInteger("transcripts_redacted"), row.getInteger("transcripts_skipped"),
                        row.getInteger("messages_redacted"), row.getInteger("values_redacted"),
                        row.getInteger("files_destroyed"), row.getInteger("ips_forgotten"),
                        row.getInteger("visitor_ips_forgotten")),
                row.getInteger("transcripts_total"), row.getInteger("transcripts_examined"));
    }
}
