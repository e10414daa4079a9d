package io.lethe.audit;

import org.eclipse.microprofile.graphql.NonNull;

public record AuditEventEdge(@NonNull String cursor, @NonNull AuditEventView node) {
}
