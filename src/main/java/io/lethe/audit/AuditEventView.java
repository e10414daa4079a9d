package io.lethe.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.lethe.api.Cursor;
import io.vertx.mutiny.sqlclient.Row;

@Type("AuditEvent")
public record AuditEventView(
        @NonNull @Id String id,
        long seq,
        @NonNull OffsetDateTime at,
        @NonNull String actor,
        @NonNull String action,
        String targetType,
        String targetId,
        String details,
        @Ignore String prevHash,
        @NonNull String hash) {

    public static AuditEventView from(Row row) {
        return new AuditEventView(row.getUUID("id").toString(), row.getLong("seq"), row.getOffsetDateTime("at"),
                row.getString("actor"), row.getString("action"), row.getString("target_type"),
                row.getString("target_id"), row.getString("details"), row.getString("prev_hash"),
                row.getString("hash"));
    }

    public Cursor cursor() {
        return new Cursor(seq, UUID.fromString(id));
    }

    /** Recomputes this event's hash from its content and the given previous hash. */
    public boolean chainsFrom(String previousHash) {
        return previousHash.equals(prevHash) && hash.equals(AuditChain.hash(previousHash, seq, at,
                new AuditEntry(actor, action, targetType, targetId, details)));
    }
}
