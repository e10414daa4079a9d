package io.lethe.audit;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** Which events of the audit log to list: exact matches, and a time range on the event's time. */
@Input("AuditFilter")
public record AuditFilter(
        @Description("Exactly this action, e.g. erasure.requested") String action,
        @Description("Exactly this actor") String actor,
        @Description("Exactly this target id") String targetId,
        @Description("Events at or after this time (inclusive)") OffsetDateTime from,
        @Description("Events before this time (exclusive)") OffsetDateTime to) {
}
