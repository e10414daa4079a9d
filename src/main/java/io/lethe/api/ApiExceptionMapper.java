package io.lethe.api;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The REST endpoints (attachments, exports) share the services and {@link io.lethe.security.CurrentCaller}
 * with GraphQL, so an {@link ApiException} can reach them too: answer with the HTTP status of its
 * code instead of a 500, with the same safe message.
 */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response map(ApiException e) {
        int status = e instanceof PayloadTooLargeException ? 413 : switch (e.code()) {
            case "UNAUTHENTICATED" -> 401;
            case "FORBIDDEN" -> 403;
            case "NOT_FOUND" -> 404;
            case "BAD_USER_INPUT" -> 400;
            case "CONFLICT" -> 409;
            default -> 500;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", e.code(), "message", e.getMessage())).build();
    }
}
