package io.lethe.transcript;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;

public record TranscriptFilter(@Id String visitorId, String email, String text, OffsetDateTime startedAfter,
        OffsetDateTime startedBefore, Boolean redacted) {
}
