package io.lethe.attachment;

import java.util.List;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.lethe.api.ApiBoundary;
import io.lethe.security.CurrentCaller;
import io.lethe.transcript.TranscriptView;
import io.smallrye.mutiny.Uni;

/** {@code Transcript.attachments}: the files' metadata; the bytes are REST ({@link AttachmentResource}). */
@GraphQLApi
@ApiBoundary
public class AttachmentApi {
    private final CurrentCaller caller;
    private final AttachmentQueries attachments;

    public AttachmentApi(CurrentCaller caller, AttachmentQueries attachments) {
        this.caller = caller;
        this.attachments = attachments;
    }

    @NonNull
    @Name("attachments")
    public Uni<List<List<@NonNull AttachmentView>>> attachments(@Source List<TranscriptView> sources) {
        return attachments.ofTranscripts(caller.get(), sources.stream().map(TranscriptView::uuid).toList());
    }
}
