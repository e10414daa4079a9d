package io.lethe.export;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A prepared export of one data subject's data. Only the subject's visitor ids are kept: the file
 * itself is generated while it is downloaded, so no copy of the personal data exists at rest.
 */
@Entity
@Table(name = "data_export")
public class DataExport extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExportFormat format;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "visitor_ids", nullable = false, columnDefinition = "uuid[]")
    public UUID[] visitorIds;

    @Column(name = "transcript_count", nullable = false)
    public int transcriptCount;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    /** Set when an erasure of the export's subject revoked the link (then 410). */
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_by_job_id")
    public UUID revokedByJobId;

    /** The data-subject request (ACCESS) this export answers, if any. */
    @Column(name = "request_id")
    public UUID requestId;
}
