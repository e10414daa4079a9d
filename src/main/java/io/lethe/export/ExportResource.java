package io.lethe.export;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.quarkus.vertx.VertxContextSupport;

/**
 * {@code GET /exports/{id}}: the export file, generated while it streams (chunked). Same bearer
 * token as the API, role privacy-admin; unauthenticated 401 (HTTP permission), another tenant's or
 * unknown id 404, expired link or one revoked by an erasure 410. Runs on a worker thread: the blocking output stream gives
 * back-pressure from the client all the way to the keyset reads.
 */
@Path("/exports")
public class ExportResource {
    private static final Logger LOG = Logger.getLogger(ExportResource.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final CurrentCaller caller;
    private final ExportService exports;
    private final ExportStreamer streamer;

    public ExportResource(CurrentCaller caller, ExportService exports, ExportStreamer streamer) {
        this.caller = caller;
        this.exports = exports;
        this.streamer = streamer;
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    public Response download(@PathParam("id") String id) {
        ExportService.Download download = open(id);
        if (download.gone() != null) {
            String message = download.gone() == ExportService.Gone.REVOKED
                    ? "this export link was revoked when its data subject was erased"
                    : "this export link has expired; request a new export";
            return Response.status(Response.Status.GONE).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("code", "GONE", "message", message)).build();
        }
        ExportStreamer.Plan plan = download.plan();
        StreamingOutput body = out -> {
            ExportWriter writer = plan.format() == ExportFormat.CSV ? new CsvExportWriter(out)
                    : new JsonExportWriter(out);
            try {
                streamer.write(plan, writer);
            } catch (IOException | RuntimeException e) {
                // headers are gone already: the only signal left is an aborted (incomplete) response
                LOG.warnf("export %s aborted: %s", plan.exportId(), e.getClass().getSimpleName());
                throw e instanceof IOException io ? io : new IOException(e.getClass().getSimpleName());
            }
        };
        return Response.ok(body, plan.format().contentType())
                .header("Content-Disposition", "attachment; filename=\"lethe-export-" + plan.exportId() + "."
                        + plan.format().fileExtension() + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * This method runs on a worker thread (the body below is written with blocking I/O), while
     * opening is a Hibernate Reactive transaction, which needs a Vert.x context: run it on one and wait.
     */
    private ExportService.Download open(String id) {
        var current = caller.get();
        try {
            return VertxContextSupport.subscribeAndAwait(() -> exports.open(current, id)
                    .ifNoItem().after(OPEN_TIMEOUT).fail());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e.getClass().getSimpleName());
        }
    }
}
