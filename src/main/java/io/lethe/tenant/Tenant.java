package io.lethe.tenant;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer organisation (the data controller) and its privacy settings. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    /** Null = retention off. */
    @Column(name = "redact_after_days")
    public Integer redactAfterDays;

    /** Null = files are kept until the transcript is redacted. */
    @Column(name = "destroy_files_after_days")
    public Integer destroyFilesAfterDays;

    /** Null = IP addresses are kept until the transcript is redacted. */
    @Column(name = "forget_ip_after_days")
    public Integer forgetIpAfterDays;

    @Column(name = "phone_region", nullable = false)
    public String phoneRegion;

    @Column(name = "typed_placeholders", nullable = false)
    public boolean typedPlaceholders;

    @Column(name = "detect_payment_cards", nullable = false)
    public boolean detectPaymentCards;

    @Column(name = "processing_purposes", nullable = false)
    public String processingPurposes;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
