package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One conversation of one visitor. Messages, form fields and attachments hang off it. */
@Entity
@Table(name = "transcript")
public class Transcript extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "visitor_id", nullable = false)
    public UUID visitorId;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    /** Last message time, else the start: retention age counts from here. */
    @Column(name = "last_activity_at", nullable = false)
    public OffsetDateTime lastActivityAt;

    @Column(name = "ip_address")
    public String ipAddress;

    /** The seq the next appended message gets. */
    @Column(name = "next_seq", nullable = false)
    public int nextSeq;

    @Column(name = "redacted_at")
    public OffsetDateTime redactedAt;

    @Column(name = "legal_hold", nullable = false)
    public boolean legalHold;

    @Column(name = "legal_hold_reason")
    public String legalHoldReason;
}
