package io.lethe.redaction;

import org.eclipse.microprofile.graphql.Input;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ErasureInput")
public record ErasureInput(@NonNull String email, String idempotencyKey,
        @DefaultValue("false") Boolean searchAllTranscripts) {
}
