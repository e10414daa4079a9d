package io.lethe.request;

import org.eclipse.microprofile.graphql.NonNull;

public record DataSubjectRequestEdge(@NonNull String cursor, @NonNull DataSubjectRequestView node) {
}
