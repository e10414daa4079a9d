package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

@Type("Message")
public record MessageView(
        @NonNull @Id String id,
        @Ignore UUID transcriptId,
        int seq,
        @NonNull SenderKind sender,
        String senderName,
        @NonNull String body,
        @NonNull OffsetDateTime sentAt) {

    public static MessageView from(Row row) {
        return new MessageView(row.getUUID("id").toString(), row.getUUID("transcript_id"), row.getInteger("seq"),
                SenderKind.valueOf(row.getString("sender")), row.getString("sender_name"), row.getString("body"),
                row.getOffsetDateTime("sent_at"));
    }
}
