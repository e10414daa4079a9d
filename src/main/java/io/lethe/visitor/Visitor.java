package io.lethe.visitor;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A chat visitor, identified by the widget's visitor key; name/email/phone come from forms. */
@Entity
@Table(name = "visitor")
public class Visitor extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "visitor_key", nullable = false)
    public String visitorKey;

    public String name;
    public String email;
    public String phone;

    @Column(name = "ip_address")
    public String ipAddress;

    @Column(name = "first_seen_at", nullable = false)
    public OffsetDateTime firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public OffsetDateTime lastSeenAt;

    @Column(name = "redacted_at")
    public OffsetDateTime redactedAt;

    @Column(name = "processing_restricted", nullable = false)
    public boolean processingRestricted;
}
