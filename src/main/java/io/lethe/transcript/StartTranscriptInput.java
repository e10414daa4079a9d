package io.lethe.transcript;

import org.eclipse.microprofile.graphql.Input;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.NonNull;

@Input("StartTranscriptInput")
public record StartTranscriptInput(@NonNull String visitorKey, OffsetDateTime startedAt, String ipAddress) {
}
