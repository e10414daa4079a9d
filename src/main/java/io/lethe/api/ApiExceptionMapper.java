package io.lethe.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every failure of a REST route (attachments, exports, dev tokens) answers with its HTTP status and
 * a JSON body {@code {"code": …, "message": …}}, never an empty or HTML body. The REST endpoints
 * share the services and {@link io.lethe.security.CurrentCaller} with GraphQL, so an
 * {@link ApiException} can reach them too and keeps its safe message.
 */
public class ApiExceptionMapper {
    /** JAX-RS' own messages ("HTTP 404 Not Found", no route matched): replaced by ones that help. */
    private static final Pattern DEFAULT_MESSAGE = Pattern.compile("HTTP \\d{3}\\b.*|Unable to find matching target resource method.*");

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return respond(ErrorBodies.statusFor(e.code()), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        String message = e.getMessage();
        if (status >= 500 || message == null || message.isBlank() || DEFAULT_MESSAGE.matcher(message).matches()) {
            message = ErrorBodies.defaultMessage(status);
        }
        if (status == 405 && original != null && !original.getAllowedMethods().isEmpty()) {
            message = "this path does not accept this HTTP method; use " + String.join(" or ", original.getAllowedMethods());
        }
        Response.ResponseBuilder builder = body(status, ErrorBodies.codeFor(status), message);
        if (original != null && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response map(ForbiddenException e, ResourceInfo resource) {
        ApiException forbidden = ApiErrors.forbidden(allowedRoles(resource));
        return respond(403, forbidden.code(), forbidden.getMessage());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return respond(401, "UNAUTHENTICATED", ErrorBodies.defaultMessage(401));
    }

    /** Anything else: the same translation as GraphQL (database down is 503, bad SQL input 400, else 500). */
    @ServerExceptionMapper
    public Response map(Exception e) {
        ApiException api = ApiErrors.translate(e);
        return respond(ErrorBodies.statusFor(api.code()), api.code(), api.getMessage());
    }

    private static Response respond(int status, String code, String message) {
        Response.ResponseBuilder builder = body(status, code, message);
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        } else if (status == 503) {
            builder.header("Retry-After", "5");
        }
        return builder.build();
    }

    private static Response.ResponseBuilder body(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(Map.of("code", code, "message", message));
    }

    private static List<String> allowedRoles(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? List.of() : List.of(roles.value());
    }
}
