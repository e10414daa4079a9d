package io.lethe.request;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DataSubjectRequestInput")
public record DataSubjectRequestInput(@NonNull RequestType type, @NonNull String email, OffsetDateTime receivedAt,
        String note) {
}
