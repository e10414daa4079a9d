package io.lethe.export;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What an export is made of, as plain values read page by page from the database. The writers
 * ({@link CsvExportWriter}, {@link JsonExportWriter}) only see these, so they are pure Java.
 */
public final class ExportRows {
    private ExportRows() {
    }

    /** The controller (tenant) side: why the data is processed and how long it is kept. */
    public record Controller(String tenantId, List<String> processingPurposes, Integer redactAfterDays) {
    }

    public record Header(UUID exportId, OffsetDateTime generatedAt, Controller controller) {
    }

    public record Visitor(UUID id, String visitorKey, String name, String email, String phone, String ipAddress,
            OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, OffsetDateTime redactedAt,
            boolean processingRestricted) {
    }

    public record Consent(UUID id, UUID transcriptId, String purpose, boolean granted, String consentText,
            String consentVersion, OffsetDateTime occurredAt, String source) {
    }

    public record Transcript(UUID id, UUID visitorId, OffsetDateTime startedAt, OffsetDateTime endedAt,
            OffsetDateTime lastActivityAt, String ipAddress, OffsetDateTime redactedAt, boolean legalHold) {
    }

    public record FormField(UUID transcriptId, String name, String value, OffsetDateTime submittedAt) {
    }

    public record Attachment(UUID id, UUID transcriptId, String fileName, String contentType, long size,
            String sha256, OffsetDateTime uploadedAt, OffsetDateTime destroyedAt) {
    }

    public record Message(int seq, String sender, String senderName, String body, OffsetDateTime sentAt) {
    }

    /** Whether and when retention will redact a transcript (last activity + the tenant's window). */
    public record RetentionOutlook(boolean willBeRedacted, OffsetDateTime redactionDueAt, String status) {
        public static final String SCHEDULED = "SCHEDULED";
        public static final String RETENTION_OFF = "RETENTION_OFF";
        public static final String LEGAL_HOLD = "LEGAL_HOLD";
        public static final String ALREADY_REDACTED = "ALREADY_REDACTED";

        public static RetentionOutlook of(Transcript t, Integer redactAfterDays) {
            if (t.redactedAt() != null) {
                return new RetentionOutlook(false, null, ALREADY_REDACTED);
            }
            if (t.legalHold()) {
                return new RetentionOutlook(false, null, LEGAL_HOLD);
            }
            if (redactAfterDays == null) {
                return new RetentionOutlook(false, null, RETENTION_OFF);
            }
            return new RetentionOutlook(true, t.lastActivityAt().plusDays(redactAfterDays), SCHEDULED);
        }
    }
}
