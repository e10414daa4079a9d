package io.lethe.transcript;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("TranscriptFilter")
public record TranscriptFilter(@Id String visitorId, String email, String text, OffsetDateTime startedAfter,
        OffsetDateTime startedBefore, Boolean redacted,
        @Description("Last activity (last message, else start) before this instant.") OffsetDateTime lastActivityBefore,
        @Description("On legal hold (true) or not (false).") Boolean legalHold) {
}
