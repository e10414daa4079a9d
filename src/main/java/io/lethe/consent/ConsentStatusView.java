package io.lethe.consent;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** A visitor's current consent for one purpose: the latest consent event for it wins. */
@Type("ConsentStatus")
public record ConsentStatusView(
        @Ignore UUID visitorId,
        @NonNull String purpose,
        @Description("false = withdrawn") boolean granted,
        @NonNull @Description("sha256 of the consent text the visitor saw") String consentVersion,
        @NonNull String consentText,
        @NonNull @Description("When the latest event for this purpose happened") OffsetDateTime occurredAt) {

    public static ConsentStatusView from(Row row) {
        return new ConsentStatusView(row.getUUID("visitor_id"), row.getString("purpose"), row.getBoolean("granted"),
                row.getString("consent_version"), row.getString("consent_text"), row.getOffsetDateTime("occurred_at"));
    }
}
