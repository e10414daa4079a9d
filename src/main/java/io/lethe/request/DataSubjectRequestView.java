package io.lethe.request;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.lethe.db.Clock;
import io.lethe.api.Cursor;
import io.vertx.mutiny.sqlclient.Row;

/** A case file as the API shows it; `jobs` and `exports` come from batch resolvers. */
@Type("DataSubjectRequest")
public record DataSubjectRequestView(
        @NonNull @Id String id,
        @NonNull RequestType type,
        @NonNull RequestStatus status,
        @NonNull @Description("The email while the case is open; masked (e.g. \"g***@example.net\") once an erasure completes.")
        String subject,
        @NonNull OffsetDateTime receivedAt,
        @NonNull @Description("receivedAt + 1 calendar month (GDPR Art. 12(3)).") OffsetDateTime dueAt,
        OffsetDateTime completedAt,
        @Description("Open (OPEN or IN_PROGRESS) past dueAt.") boolean overdue,
        @Description("The note given when the case was opened.") String note,
        @Description("The note given when the case was closed by hand.") String resolutionNote,
        @Ignore OffsetDateTime createdAt) {

    public static final String COLUMNS = "r.id, r.type, r.status, r.subject, r.received_at, r.due_at, r.completed_at, "
            + "r.note, r.resolution_note, r.created_at";

    public static DataSubjectRequestView from(Row row) {
        RequestStatus status = RequestStatus.valueOf(row.getString("status"));
        OffsetDateTime due = row.getOffsetDateTime("due_at");
        return new DataSubjectRequestView(row.getUUID("id").toString(), RequestType.valueOf(row.getString("type")),
                status, row.getString("subject"), row.getOffsetDateTime("received_at"), due,
                row.getOffsetDateTime("completed_at"), Deadlines.overdue(status, due, Clock.now()),
                row.getString("note"), row.getString("resolution_note"), row.getOffsetDateTime("created_at"));
    }

    public static DataSubjectRequestView from(DataSubjectRequest r) {
        return new DataSubjectRequestView(r.id.toString(), r.type, r.status, r.subject, utc(r.receivedAt),
                utc(r.dueAt), utc(r.completedAt), Deadlines.overdue(r.status, r.dueAt, Clock.now()), r.note,
                r.resolutionNote, utc(r.createdAt));
    }

    private static OffsetDateTime utc(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }

    public Cursor cursor() {
        return Cursor.of(createdAt, uuid());
    }
}
