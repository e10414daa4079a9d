package io.lethe.audit;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import io.lethe.api.BadUserInputException;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;

/**
 * {@code GET /audit-log}: the caller's tenant's audit log as NDJSON (one event per line, oldest
 * first), with the filters of the auditLog query as query parameters. Errors before the first byte
 * (401, 403, 400 for a bad parameter) have a JSON body {code, message}.
 */
@Path("/audit-log")
public class AuditLogResource {
    static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = Logger.getLogger(AuditLogResource.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final CurrentCaller caller;
    private final AuditDownload download;

    public AuditLogResource(CurrentCaller caller, AuditDownload download) {
        this.caller = caller;
        this.download = download;
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.PRIVACY_ADMIN })
    public Response download(@QueryParam("action") String action, @QueryParam("actor") String actor,
            @QueryParam("targetId") String targetId, @QueryParam("from") String from, @QueryParam("to") String to)
            throws IOException {
        String tenantId = caller.get().tenantId();
        AuditDownload.Plan plan = download.plan(tenantId,
                new AuditFilter(action, actor, targetId, time("from", from), time("to", to)));
        StreamingOutput body = out -> {
            try {
                download.write(plan, out);
            } catch (IOException | RuntimeException e) {
                // headers are gone already: the only signal left is an aborted (incomplete) response
                LOG.warnf("audit log download aborted: %s", e.getClass().getSimpleName());
                throw e instanceof IOException io ? io : new IOException(e.getClass().getSimpleName());
            }
        };
        String file = "lethe-audit-log-" + tenantId + "-" + FILE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC))
                + ".ndjson";
        return Response.ok(body, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadUserInputException("`" + name + "` must be an ISO-8601 date-time with an offset,"
                    + " e.g. 2026-01-31T00:00:00Z");
        }
    }
}
