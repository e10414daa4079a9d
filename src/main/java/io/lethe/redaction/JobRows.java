package io.lethe.redaction;

import io.vertx.mutiny.sqlclient.Row;

/** Maps a `redaction_job` row read with the SQL client. */
final class JobRows {
    private JobRows() {
    }

    static RedactionJob toJob(Row row) {
        RedactionJob job = new RedactionJob();
        job.id = row.getUUID("id");
        job.tenantId = row.getString("tenant_id");
        job.kind = JobKind.valueOf(row.getString("kind"));
        job.status = JobStatus.valueOf(row.getString("status"));
        job.requestedBy = row.getString("requested_by");
        job.requestedAt = row.getOffsetDateTime("requested_at");
        job.startedAt = row.getOffsetDateTime("started_at");
        job.finishedAt = row.getOffsetDateTime("finished_at");
        job.transcriptsRedacted = row.getInteger("transcripts_redacted");
        job.messagesRedacted = row.getInteger("messages_redacted");
        job.valuesRedacted = row.getInteger("values_redacted");
        job.filesDestroyed = row.getInteger("files_destroyed");
        job.transcriptsSkipped = row.getInteger("transcripts_skipped");
        job.attempts = row.getInteger("attempts");
        job.maxAttempts = row.getInteger("max_attempts");
        job.nextAttemptAt = row.getOffsetDateTime("next_attempt_at");
        job.error = row.getString("error");
        job.leaseOwner = row.getString("lease_owner");
        job.leaseExpiresAt = row.getOffsetDateTime("lease_expires_at");
        job.cancelRequested = row.getBoolean("cancel_requested");
        job.idempotencyKey = row.getString("idempotency_key");
        job.subjectHash = row.getString("subject_hash");
        job.subjectEmail = row.getString("subject_email");
        job.searchAll = row.getBoolean("search_all");
        job.phase = row.getString("phase");
        job.transcriptId = row.getUUID("transcript_id");
        job.requestId = row.getUUID("request_id");
        job.cutoffAt = row.getOffsetDateTime("cutoff_at");
        job.resumeAfterAt = row.getOffsetDateTime("resume_after_at");
        job.resumeAfterId = row.getUUID("resume_after_id");
        return job;
    }
}
