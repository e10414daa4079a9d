package io.lethe.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Errors decided at the HTTP layer, before any resource or resolver runs (authentication, body
 * limit, unknown paths, failures no mapper handled), answer with a coded JSON body too. Without
 * this Quarkus sends an empty body (401, 413) or an HTML page (404), which GraphQL clients cannot
 * read. The GraphQL endpoint gets a GraphQL-over-HTTP {@code errors} array, other paths
 * {@code {"code", "message"}}.
 */
@ApplicationScoped
public class HttpErrorHandler {
    /** Just before Quarkus' own body-size check (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2), which answers 413 with no body. */
    static final int BODY_LIMIT_ORDER = -3;

    private final String graphqlPath;
    private final long maxBodyBytes;

    public HttpErrorHandler(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String graphqlPath,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBody) {
        this.graphqlPath = graphqlPath;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(BODY_LIMIT_ORDER).handler(this::rejectDeclaredOversizedBody);
        router.route().failureHandler(this::onFailure);
        router.errorHandler(404, ctx -> {
            if (!ctx.response().headWritten()) {
                send(ctx, 404, "NOT_FOUND", ErrorBodies.defaultMessage(404));
            }
        });
        router.errorHandler(405, ctx -> {
            if (!ctx.response().headWritten()) {
                send(ctx, 405, "METHOD_NOT_ALLOWED", ErrorBodies.defaultMessage(405));
            }
        });
    }

    void rejectDeclaredOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > maxBodyBytes) {
                // the rest of the body is not read: close once the answer is out, as Quarkus does
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ctx.response().endHandler(v -> ctx.request().connection().close());
                send(ctx, 413, "PAYLOAD_TOO_LARGE", "the request body is larger than the limit of " + maxBodyBytes + " bytes");
                return;
            }
        }
        ctx.next();
    }

    void onFailure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next(); // a streamed response broke off: Quarkus closes the connection
            return;
        }
        Throwable failure = ctx.failure();
        int status;
        String code;
        String message;
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            status = 401;
            code = "UNAUTHENTICATED";
            message = ErrorBodies.defaultMessage(401);
        } else if (failure instanceof ForbiddenException) {
            status = 403;
            code = "FORBIDDEN";
            message = ErrorBodies.defaultMessage(403);
        } else if (failure == null || failure instanceof HttpException) {
            status = failure == null ? ctx.statusCode() : ((HttpException) failure).getStatusCode();
            status = status < 400 ? 500 : status;
            code = ErrorBodies.codeFor(status);
            message = status == 413 ? "the request body is larger than the limit of " + maxBodyBytes + " bytes"
                    : ErrorBodies.defaultMessage(status);
        } else {
            // translate logs the type only: the failure's message may carry request data
            ApiException api = ApiErrors.translate(failure);
            code = api.code();
            status = ErrorBodies.statusFor(code);
            message = api.getMessage();
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        } else if (status == 503) {
            ctx.response().putHeader("Retry-After", "5");
        }
        send(ctx, status, code, message);
    }

    private void send(RoutingContext ctx, int status, String code, String message) {
        ErrorBodies.send(ctx, graphqlPath, status, code, message);
    }
}
