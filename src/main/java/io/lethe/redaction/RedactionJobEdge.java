package io.lethe.redaction;

import org.eclipse.microprofile.graphql.NonNull;

public record RedactionJobEdge(@NonNull String cursor, @NonNull RedactionJobView node) {
}
