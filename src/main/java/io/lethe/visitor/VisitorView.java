package io.lethe.visitor;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.lethe.api.Cursor;
import io.vertx.mutiny.sqlclient.Row;

@Type("Visitor")
public record VisitorView(
        @NonNull @Id String id,
        @NonNull String visitorKey,
        String name,
        String email,
        String phone,
        String ipAddress,
        @NonNull OffsetDateTime firstSeenAt,
        @NonNull OffsetDateTime lastSeenAt,
        OffsetDateTime redactedAt,
        boolean processingRestricted) {

    /** Column list matching {@link #from(Row)}, for a `visitor v` alias. */
    public static final String COLUMNS = "v.id, v.visitor_key, v.name, v.email, v.phone, v.ip_address, "
            + "v.first_seen_at, v.last_seen_at, v.redacted_at, v.processing_restricted";

    public static VisitorView from(Row row) {
        return new VisitorView(row.getUUID("id").toString(), row.getString("visitor_key"), row.getString("name"),
                row.getString("email"), row.getString("phone"), row.getString("ip_address"),
                row.getOffsetDateTime("first_seen_at"), row.getOffsetDateTime("last_seen_at"),
                row.getOffsetDateTime("redacted_at"), row.getBoolean("processing_restricted"));
    }

    public static VisitorView from(Visitor v) {
        return new VisitorView(v.id.toString(), v.visitorKey, v.name, v.email, v.phone, v.ipAddress, v.firstSeenAt,
                v.lastSeenAt, v.redactedAt, v.processingRestricted);
    }

    public Cursor cursor() {
        return Cursor.of(firstSeenAt, UUID.fromString(id));
    }
}
