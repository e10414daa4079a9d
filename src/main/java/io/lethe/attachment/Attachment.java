package io.lethe.attachment;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A file uploaded through the chat box, bytes in the same row (bytea). The bytes are a lazy
 * attribute: they are written with the row, and loading the entity for its metadata never pulls
 * megabytes (downloads read them with SQL).
 */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "transcript_id", nullable = false)
    public UUID transcriptId;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "content_type")
    public String contentType;

    @Column(nullable = false)
    public long size;

    public String sha256;

    /** Null once destroyed. */
    @Basic(fetch = FetchType.LAZY)
    public byte[] content;

    @Column(name = "uploaded_at", nullable = false)
    public OffsetDateTime uploadedAt;

    /** Set when redaction destroyed the bytes; the row stays as a tombstone. */
    @Column(name = "destroyed_at")
    public OffsetDateTime destroyedAt;
}
