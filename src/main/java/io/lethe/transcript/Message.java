package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "transcript_id", nullable = false)
    public UUID transcriptId;

    @Column(nullable = false)
    public int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SenderKind sender;

    @Column(name = "sender_name")
    public String senderName;

    @Column(nullable = false)
    public String body;

    @Column(name = "sent_at", nullable = false)
    public OffsetDateTime sentAt;
}
