package io.lethe.attachment;

import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

@Type("Attachment")
public record AttachmentView(
        @NonNull @Id String id,
        @Ignore UUID transcriptId,
        @NonNull String fileName,
        String contentType,
        int size,
        boolean destroyed) {

    public static AttachmentView from(Row row) {
        return new AttachmentView(row.getUUID("id").toString(), row.getUUID("transcript_id"),
                row.getString("file_name"), row.getString("content_type"), (int) Math.min(Integer.MAX_VALUE,
                        row.getLong("size")),
                row.getOffsetDateTime("destroyed_at") != null);
    }
}
