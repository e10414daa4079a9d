package io.lethe.redaction;

import java.util.Locale;

import io.lethe.audit.AuditEntry;

/** The audit record of a job's end: counts and the subject's keyed hash, never the subject. */
final class JobAudit {
    static final String ACTOR = "system:redaction-worker";

    private JobAudit() {
    }

    static AuditEntry finished(LeasedJob job, JobStatus status) {
        String action = switch (job.kind()) {
            case ERASURE -> "erasure.";
            case RETENTION -> "retention.";
            case TRANSCRIPT -> "transcript.redaction.";
        } + status.name().toLowerCase(Locale.ROOT);
        BatchOutcome c = job.counts();
        String details = "transcriptsRedacted=" + c.transcriptsRedacted() + " messagesRedacted=" + c.messagesRedacted()
                + " valuesRedacted=" + c.valuesRedacted() + " filesDestroyed=" + c.filesDestroyed()
                + " transcriptsSkipped=" + c.transcriptsSkipped()
                + (job.subjectHash() == null ? "" : " subject=" + job.subjectHash());
        return new AuditEntry(ACTOR, action, "RedactionJob", job.id().toString(), details);
    }
}
