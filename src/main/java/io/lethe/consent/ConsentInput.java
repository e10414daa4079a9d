package io.lethe.consent;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

public record ConsentInput(@NonNull String visitorKey, @Id String transcriptId, @NonNull String purpose,
        @NonNull Boolean granted, @NonNull String consentText, OffsetDateTime occurredAt) {
}
