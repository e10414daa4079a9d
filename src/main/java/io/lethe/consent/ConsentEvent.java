package io.lethe.consent;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Append-only record of a consent granted or withdrawn, with the exact text shown. */
@Entity
@Table(name = "consent_event")
public class ConsentEvent extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "visitor_id", nullable = false)
    public UUID visitorId;

    @Column(name = "transcript_id")
    public UUID transcriptId;

    @Column(nullable = false)
    public String purpose;

    @Column(nullable = false)
    public boolean granted;

    @Column(name = "consent_text", nullable = false)
    public String consentText;

    /** sha256 (hex) of the consent text: identifies the wording the visitor agreed to. */
    @Column(name = "consent_version", nullable = false)
    public String consentVersion;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(nullable = false)
    public String source;
}
