package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A durable unit of privacy work. Workers on any replica claim it with FOR UPDATE SKIP LOCKED and
 * a lease; progress counts are committed with each batch, so a resumed job finishes exact.
 */
@Entity
@Table(name = "redaction_job")
public class RedactionJob extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "transcripts_redacted", nullable = false)
    public int transcriptsRedacted;

    @Column(name = "messages_redacted", nullable = false)
    public int messagesRedacted;

    @Column(name = "values_redacted", nullable = false)
    public int valuesRedacted;

    @Column(name = "files_destroyed", nullable = false)
    public int filesDestroyed;

    @Column(name = "transcripts_skipped", nullable = false)
    public int transcriptsSkipped;

    @Column(name = "ips_forgotten", nullable = false)
    public int ipsForgotten;

    @Column(name = "visitor_ips_forgotten", nullable = false)
    public int visitorIpsForgotten;

    /** How many transcripts the job will examine: set once, when it is first claimed; null while QUEUED. */
    @Column(name = "transcripts_total")
    public Integer transcriptsTotal;

    @Column(name = "transcripts_examined", nullable = false)
    public int transcriptsExamined;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "max_attempts", nullable = false)
    public int maxAttempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    public String error;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public OffsetDateTime leaseExpiresAt;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "subject_hash")
    public String subjectHash;

    /** The erased email, only while the job is queued or running; cleared when it ends. */
    @Column(name = "subject_email")
    public String subjectEmail;

    @Column(name = "search_all", nullable = false)
    public boolean searchAll;

    public String phase;

    @Column(name = "transcript_id")
    public UUID transcriptId;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "cutoff_at")
    public OffsetDateTime cutoffAt;

    @Column(name = "resume_after_at")
    public OffsetDateTime resumeAfterAt;

    @Column(name = "resume_after_id")
    public UUID resumeAfterId;

    @Column(name = "files_cutoff_at")
    public OffsetDateTime filesCutoffAt;

    @Column(name = "ip_cutoff_at")
    public OffsetDateTime ipCutoffAt;
}
