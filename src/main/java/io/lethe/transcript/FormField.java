package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One value of a pre-chat or offline form submitted in a transcript. */
@Entity
@Table(name = "form_field")
public class FormField extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "transcript_id", nullable = false)
    public UUID transcriptId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String value;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;
}
