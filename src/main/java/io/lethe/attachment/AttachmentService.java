package io.lethe.attachment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lethe.api.BadUserInputException;
import io.lethe.api.ConflictException;
import io.lethe.api.LimitsConfig;
import io.lethe.api.NotFoundException;
import io.lethe.api.PayloadTooLargeException;
import io.lethe.db.Clock;
import io.lethe.db.Ids;
import io.lethe.security.Caller;
import io.lethe.security.Hashing;
import io.lethe.transcript.Transcript;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Stores uploaded files: validated first, then one row written with its transcript locked. */
@ApplicationScoped
public class AttachmentService {
    private static final int MAX_FILE_NAME = 255;
    private static final int MAX_CONTENT_TYPE = 200;

    private final LimitsConfig limits;

    public AttachmentService(LimitsConfig limits) {
        this.limits = limits;
    }

    public record Stored(UUID id, long size, String sha256) {
    }

    /**
     * The transcript is read FOR SHARE: a redaction (which locks it FOR UPDATE) either waits for
     * this upload and then destroys the file with the others, or runs first and this upload is
     * refused, so no file can slip past a redaction. Uploads to one transcript do not block each other.
     */
    @WithTransaction
    public Uni<Stored> store(Caller caller, String transcriptId, String fileName, String contentType, byte[] body) {
        var transcript = Ids.parse(transcriptId);
        if (transcript.isEmpty()) {
            return Uni.createFrom().failure(transcriptNotFound());
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > limits.maxAttachmentBytes()) {
            return Uni.createFrom().failure(new PayloadTooLargeException(
                    "attachment larger than " + limits.maxAttachmentBytes() + " bytes"));
        }
        if (fileName == null || fileName.isBlank() || fileName.length() > MAX_FILE_NAME) {
            return Uni.createFrom().failure(new BadUserInputException(
                    "header X-File-Name is required (at most " + MAX_FILE_NAME + " characters)"));
        }
        String type = contentType == null || contentType.isBlank() ? null
                : contentType.substring(0, Math.min(contentType.length(), MAX_CONTENT_TYPE));
        return Transcript.<Transcript>find("id = ?1 and tenantId = ?2", transcript.get(), caller.tenantId())
                .withLock(LockModeType.PESSIMISTIC_READ).firstResult()
                .chain(t -> {
                    if (t == null) {
                        return Uni.createFrom().failure(transcriptNotFound());
                    }
                    if (t.redactedAt != null) {
                        return Uni.createFrom().failure(
                                new ConflictException("the transcript has been redacted and takes no more files"));
                    }
                    Attachment a = new Attachment();
                    a.id = UUID.randomUUID();
                    a.tenantId = t.tenantId;
                    a.transcriptId = t.id;
                    a.fileName = fileName.trim();
                    a.contentType = type;
                    a.size = bytes.length;
                    a.sha256 = Hashing.sha256Hex(bytes);
                    a.content = bytes;
                    a.uploadedAt = Clock.now();
                    return a.<Attachment>persist();
                })
                .map(a -> new Stored(a.id, a.size, a.sha256));
    }

    private static NotFoundException transcriptNotFound() {
        return new NotFoundException("transcript not found");
    }
}
