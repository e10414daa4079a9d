package io.lethe.visitor;

import org.eclipse.microprofile.graphql.NonNull;

public record VisitorEdge(@NonNull String cursor, @NonNull VisitorView node) {
}
