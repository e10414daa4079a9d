package io.lethe.consent;

import org.eclipse.microprofile.graphql.Input;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ConsentInput")
public record ConsentInput(@NonNull String visitorKey, @Id String transcriptId, @NonNull String purpose,
        @NonNull Boolean granted, @NonNull String consentText, OffsetDateTime occurredAt) {
}
