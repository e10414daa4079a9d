package io.lethe.attachment;

import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;

import io.lethe.db.Clock;
import io.lethe.db.Ids;
import io.lethe.db.Sql;
import io.lethe.api.LimitsConfig;
import io.lethe.security.Caller;
import io.lethe.security.Hashing;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stores and serves attachment bytes with SQL on the reactive pool (bytea column). */
@ApplicationScoped
public class AttachmentService {
    private static final int MAX_FILE_NAME = 255;
    private static final int MAX_CONTENT_TYPE = 200;

    private final Pool pool;
    private final LimitsConfig limits;

    public AttachmentService(Pool pool, LimitsConfig limits) {
        this.pool = pool;
        this.limits = limits;
    }

    public record Stored(UUID id, long size, String sha256) {
    }

    public record File(String contentType, byte[] content, boolean destroyed) {
    }

    public Uni<Stored> store(Caller caller, String transcriptId, String fileName, String contentType, byte[] body) {
        var transcript = Ids.parse(transcriptId);
        if (transcript.isEmpty()) {
            return Uni.createFrom().failure(new NotFoundException("transcript not found"));
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > limits.maxAttachmentBytes()) {
            return Uni.createFrom().failure(new ClientErrorException(
                    "attachment larger than " + limits.maxAttachmentBytes() + " bytes", Response.Status.REQUEST_ENTITY_TOO_LARGE));
        }
        if (fileName == null || fileName.isBlank() || fileName.length() > MAX_FILE_NAME) {
            return Uni.createFrom().failure(new BadRequestException(
                    "header X-File-Name is required (at most " + MAX_FILE_NAME + " characters)"));
        }
        String type = contentType == null || contentType.isBlank() ? null
                : contentType.substring(0, Math.min(contentType.length(), MAX_CONTENT_TYPE));
        UUID id = UUID.randomUUID();
        String sha256 = Hashing.sha256Hex(bytes);
        // insert only when the transcript is the caller's and not redacted: one statement, no race
        return pool.preparedQuery("""
                insert into attachment (id, tenant_id, transcript_id, file_name, content_type, size, sha256, content, uploaded_at)
                select $1, t.tenant_id, t.id, $4, $5, $6, $7, $8, $9 from transcript t
                where t.tenant_id = $2 and t.id = $3 and t.redacted_at is null
                """)
                .execute(Tuple.tuple(Arrays.asList(id, caller.tenantId(), transcript.get(), fileName.trim(), type,
                        (long) bytes.length, sha256, Buffer.buffer(bytes), Clock.now())))
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(new Stored(id, bytes.length, sha256))
                        : rejection(caller, transcript.get()));
    }

    /** Nothing was stored: a redacted transcript takes no more files (409), anything else is unknown (404). */
    private Uni<Stored> rejection(Caller caller, UUID transcriptId) {
        return pool.preparedQuery("select redacted_at is not null from transcript where tenant_id = $1 and id = $2")
                .execute(Tuple.of(caller.tenantId(), transcriptId))
                .map(rows -> {
                    if (rows.size() == 1 && rows.iterator().next().getBoolean(0)) {
                        throw new ClientErrorException("the transcript has been redacted and takes no more files",
                                Response.Status.CONFLICT);
                    }
                    throw new NotFoundException("transcript not found");
                });
    }

    public Uni<File> load(Caller caller, String attachmentId) {
        var id = Ids.parse(attachmentId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(new NotFoundException("attachment not found"));
        }
        return pool.preparedQuery("select a.content_type, a.content, a.destroyed_at from attachment a"
                + " join transcript t on t.id = a.transcript_id"
                + " where a.tenant_id = $1 and a.id = $2" + Sql.hideRestrictedTranscripts(caller))
                .execute(Tuple.of(caller.tenantId(), id.get()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("attachment not found");
                    }
                    var row = rows.iterator().next();
                    boolean destroyed = row.getOffsetDateTime("destroyed_at") != null;
                    String type = row.getString("content_type");
                    return new File(type,
                            destroyed ? null : row.getBuffer("content").getBytes(), destroyed);
                });
    }

}
