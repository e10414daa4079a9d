package io.lethe.consent;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** A consent event; `visitor` is resolved in batch from {@link #visitorId()}. */
@Type("ConsentEvent")
public record ConsentEventView(
        @NonNull @Id String id,
        @NonNull @Id String visitorId,
        @Id String transcriptId,
        @NonNull String purpose,
        boolean granted,
        @NonNull String consentText,
        @NonNull String consentVersion,
        @NonNull OffsetDateTime occurredAt) {

    public static final String COLUMNS = "c.id, c.visitor_id, c.transcript_id, c.purpose, c.granted, c.consent_text, "
            + "c.consent_version, c.occurred_at";

    public static ConsentEventView from(Row row) {
        var transcript = row.getUUID("transcript_id");
        return new ConsentEventView(row.getUUID("id").toString(), row.getUUID("visitor_id").toString(),
                transcript == null ? null : transcript.toString(), row.getString("purpose"), row.getBoolean("granted"),
                row.getString("consent_text"), row.getString("consent_version"), row.getOffsetDateTime("occurred_at"));
    }

    public static ConsentEventView from(ConsentEvent e) {
        return new ConsentEventView(e.id.toString(), e.visitorId.toString(),
                e.transcriptId == null ? null : e.transcriptId.toString(), e.purpose, e.granted, e.consentText,
                e.consentVersion, e.occurredAt);
    }
}
