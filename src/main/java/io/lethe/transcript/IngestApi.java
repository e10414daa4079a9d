package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.ApiBoundary;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

/** The chat product's write API (service account role `ingest`). */
@GraphQLApi
@ApiBoundary
@RolesAllowed(Roles.INGEST)
public class IngestApi {
    private final CurrentCaller caller;
    private final IngestService ingest;

    public IngestApi(CurrentCaller caller, IngestService ingest) {
        this.caller = caller;
        this.ingest = ingest;
    }

    @Mutation
    @NonNull
    public Uni<TranscriptView> startTranscript(@NonNull StartTranscriptInput input) {
        return ingest.start(caller.get(), input).map(TranscriptView::from);
    }

    @Mutation
    @NonNull
    public Uni<TranscriptView> appendMessages(@NonNull @Id String transcriptId,
            @NonNull List<@NonNull MessageInput> messages) {
        return ingest.appendMessages(caller.get(), transcriptId, messages).map(TranscriptView::from);
    }

    @Mutation
    @NonNull
    public Uni<TranscriptView> submitForm(@NonNull @Id String transcriptId,
            @NonNull List<@NonNull FormFieldInput> fields) {
        return ingest.submitForm(caller.get(), transcriptId, fields).map(TranscriptView::from);
    }

    @Mutation
    @NonNull
    public Uni<TranscriptView> endTranscript(@NonNull @Id String transcriptId, OffsetDateTime endedAt) {
        return ingest.end(caller.get(), transcriptId, endedAt).map(TranscriptView::from);
    }
}
