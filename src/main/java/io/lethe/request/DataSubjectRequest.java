package io.lethe.request;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A GDPR case file: one data subject's request, its deadline and its outcome. */
@Entity
@Table(name = "data_subject_request")
public class DataSubjectRequest extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;

    /** The normalised email while needed; masked ("g***@example.net") once an erasure completes. */
    @Column(nullable = false)
    public String subject;

    /** Keyed hash of the normalised email: links cases, jobs and audit rows of one subject for good. */
    @Column(name = "subject_hash", nullable = false)
    public String subjectHash;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    public String note;

    @Column(name = "resolution_note")
    public String resolutionNote;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
