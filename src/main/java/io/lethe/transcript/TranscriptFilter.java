package io.lethe.transcript;

import org.eclipse.microprofile.graphql.Input;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;

@Input("TranscriptFilter")
public record TranscriptFilter(@Id String visitorId, String email, String text, OffsetDateTime startedAfter,
        OffsetDateTime startedBefore, Boolean redacted) {
}
