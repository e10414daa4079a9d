package io.lethe.attachment;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Files uploaded through the chat box (REST: raw bytes do not belong in GraphQL). Refusals are
 * {@link io.lethe.api.ApiException}s, answered as JSON {@code code}/{@code message} with their
 * HTTP status by {@link io.lethe.api.ApiExceptionMapper} (413 for a file above the limit).
 */
@Path("/")
public class AttachmentResource {
    private final CurrentCaller caller;
    private final AttachmentService attachments;
    private final AttachmentQueries files;

    public AttachmentResource(CurrentCaller caller, AttachmentService attachments, AttachmentQueries files) {
        this.caller = caller;
        this.attachments = attachments;
        this.files = files;
    }

    @POST
    @Path("transcripts/{transcriptId}/attachments")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.INGEST)
    public Uni<Response> upload(@PathParam("transcriptId") String transcriptId,
            @HeaderParam("X-File-Name") String fileName, @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        return attachments.store(caller.get(), transcriptId, fileName, contentType, body)
                .map(stored -> Response.status(Response.Status.CREATED)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("id", stored.id().toString(), "size", stored.size(), "sha256", stored.sha256()))
                        .build());
    }

    @GET
    @Path("attachments/{id}")
    @RolesAllowed({ Roles.AGENT, Roles.PRIVACY_ADMIN })
    public Uni<Response> download(@PathParam("id") String id) {
        return files.file(caller.get(), id).map(file -> {
            if (file.destroyed()) {
                return Response.status(Response.Status.GONE).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("code", "GONE", "message", "this attachment was destroyed by redaction;"
                                + " its bytes cannot be downloaded any more")).build();
            }
            String type = file.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM : file.contentType();
            return Response.ok(file.content(), type)
                    .header("Content-Length", file.content().length)
                    .header("Content-Disposition", "attachment")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        });
    }
}
