package io.lethe.transcript;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.NonNull;

public record StartTranscriptInput(@NonNull String visitorKey, OffsetDateTime startedAt, String ipAddress) {
}
