package io.lethe.attachment;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A file uploaded through the chat box. The bytes live in the same row (bytea) but are not mapped
 * here: they are streamed in and out with SQL so an entity load never pulls megabytes.
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

    @Column(name = "uploaded_at", nullable = false)
    public OffsetDateTime uploadedAt;

    /** Set when redaction destroyed the bytes; the row stays as a tombstone. */
    @Column(name = "destroyed_at")
    public OffsetDateTime destroyedAt;
}
