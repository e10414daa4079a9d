package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.lethe.api.Cursor;
import io.vertx.mutiny.sqlclient.Row;

/** A transcript as the API shows it; visitor, messages, forms and files come from batch resolvers. */
@Type("Transcript")
public record TranscriptView(
        @NonNull @Id String id,
        @NonNull @Id String visitorId,
        @NonNull OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        @NonNull OffsetDateTime lastActivityAt,
        OffsetDateTime redactedAt,
        boolean legalHold,
        @Description("Why the transcript is on legal hold, as given by the privacy admin who set it.")
        String legalHoldReason) {

    public static final String COLUMNS = "t.id, t.visitor_id, t.started_at, t.ended_at, t.last_activity_at, "
            + "t.redacted_at, t.legal_hold, t.legal_hold_reason";

    public static TranscriptView from(Row row) {
        return new TranscriptView(row.getUUID("id").toString(), row.getUUID("visitor_id").toString(),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("ended_at"),
                row.getOffsetDateTime("last_activity_at"), row.getOffsetDateTime("redacted_at"),
                row.getBoolean("legal_hold"), row.getString("legal_hold_reason"));
    }

    public static TranscriptView from(Transcript t) {
        return new TranscriptView(t.id.toString(), t.visitorId.toString(), t.startedAt, t.endedAt, t.lastActivityAt,
                t.redactedAt, t.legalHold, t.legalHoldReason);
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }

    public Cursor cursor() {
        return Cursor.of(startedAt, uuid());
    }
}
