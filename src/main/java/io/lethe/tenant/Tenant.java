package io.lethe.tenant;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "phone_regions", nullable = false)
    public List<String> phoneRegions;

    @Enumerated(EnumType.STRING)
    @Column(name = "placeholder_style", nullable = false)
    public PlaceholderStyle placeholderStyle;

    @Column(name = "detect_payment_cards", nullable = false)
    public boolean detectPaymentCards;

    @Column(name = "truncate_ip_addresses", nullable = false)
    public boolean truncateIpAddresses;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "erase_on_consent_withdrawal", nullable = false)
    public List<String> eraseOnConsentWithdrawal;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "processing_purposes", nullable = false)
    public List<String> processingPurposes;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * Applies a validated change (null fields stay as they are) and names what actually changed,
     * each as {@code field=newValue}; an empty list means nothing changed.
     */
    public List<String> apply(PrivacySettingsChange change, OffsetDateTime now) {
        List<String> changed = new ArrayList<>();
        if (change.phoneRegions() != null && !change.phoneRegions().equals(phoneRegions)) {
            phoneRegions = change.phoneRegions();
            changed.add("phoneRegions=" + PrivacySettingsChange.render(phoneRegions));
        }
        if (change.placeholderStyle() != null && change.placeholderStyle() != placeholderStyle) {
            placeholderStyle = change.placeholderStyle();
            changed.add("placeholderStyle=" + placeholderStyle);
        }
        if (change.detectPaymentCards() != null && change.detectPaymentCards() != detectPaymentCards) {
            detectPaymentCards = change.detectPaymentCards();
            changed.add("detectPaymentCards=" + detectPaymentCards);
        }
        if (change.truncateIpAddresses() != null && change.truncateIpAddresses() != truncateIpAddresses) {
            truncateIpAddresses = change.truncateIpAddresses();
            changed.add("truncateIpAddresses=" + truncateIpAddresses);
        }
        if (change.eraseOnConsentWithdrawal() != null
                && !change.eraseOnConsentWithdrawal().equals(eraseOnConsentWithdrawal)) {
            eraseOnConsentWithdrawal = change.eraseOnConsentWithdrawal();
            changed.add("eraseOnConsentWithdrawal=" + PrivacySettingsChange.render(eraseOnConsentWithdrawal));
        }
        if (change.processingPurposes() != null && !Objects.equals(change.processingPurposes(), processingPurposes)) {
            processingPurposes = change.processingPurposes();
            changed.add("processingPurposes=" + PrivacySettingsChange.render(processingPurposes));
        }
        if (!changed.isEmpty()) {
            updatedAt = now;
        }
        return changed;
    }
}
