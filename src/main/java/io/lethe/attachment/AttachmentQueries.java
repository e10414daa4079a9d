package io.lethe.attachment;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.api.NotFoundException;
import io.lethe.db.Ids;
import io.lethe.db.Rows;
import io.lethe.db.Sql;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Attachment reads: metadata for GraphQL (one statement per page of transcripts) and the bytes for downloads. */
@ApplicationScoped
public class AttachmentQueries {
    private final Sql sql;
    private final Pool pool;

    public AttachmentQueries(Sql sql, Pool pool) {
        this.sql = sql;
        this.pool = pool;
    }

    /** A file as served: bytes and type, or only the fact that redaction destroyed it. */
    public record File(String contentType, byte[] content, boolean destroyed) {
    }

    public Uni<List<List<AttachmentView>>> ofTranscripts(Caller caller, List<UUID> transcriptIds) {
        return sql.list("select id, transcript_id, file_name, content_type, size, destroyed_at from attachment"
                + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, uploaded_at, id",
                Tuple.of(caller.tenantId(), transcriptIds.toArray(UUID[]::new)), AttachmentView::from)
                .map(rows -> Rows.groupAligned(transcriptIds, rows, AttachmentView::transcriptId));
    }

    /** Another tenant's, an unknown, or (for agents) a restricted visitor's file is NOT_FOUND. */
    public Uni<File> file(Caller caller, String attachmentId) {
        var id = Ids.parse(attachmentId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(attachmentNotFound());
        }
        // the bytes bypass Sql (and its read-statement metric): this is a download, not a GraphQL read
        return pool.preparedQuery("select a.content_type, a.content, a.destroyed_at from attachment a"
                + " join transcript t on t.tenant_id = a.tenant_id and t.id = a.transcript_id"
                + " where a.tenant_id = $1 and a.id = $2" + Sql.hideRestrictedTranscripts(caller))
                .execute(Tuple.of(caller.tenantId(), id.get()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw attachmentNotFound();
                    }
                    var row = rows.iterator().next();
                    boolean destroyed = row.getOffsetDateTime("destroyed_at") != null;
                    return new File(row.getString("content_type"),
                            destroyed ? null : row.getBuffer("content").getBytes(), destroyed);
                });
    }

    private static NotFoundException attachmentNotFound() {
        return new NotFoundException("attachment not found");
    }
}
