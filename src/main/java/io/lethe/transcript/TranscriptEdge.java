package io.lethe.transcript;

import org.eclipse.microprofile.graphql.NonNull;

public record TranscriptEdge(@NonNull String cursor, @NonNull TranscriptView node) {
}
