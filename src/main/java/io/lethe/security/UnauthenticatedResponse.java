package io.lethe.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives the 401 of a failed or missing authentication a JSON body with {@code code} and
 * {@code message}, like every other error. Status and challenge header are already set by the
 * authentication mechanism; only the body is added. The message is the rule a token broke (from
 * {@link TokenCheck}) or a generic one: never the token or a claim's value.
 */
@ApplicationScoped
public class UnauthenticatedResponse {
    static final String GENERIC = "a valid bearer token is required";

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (!(failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException)
                || ctx.response().ended()) {
            ctx.next();
            return;
        }
        Object reason = failure instanceof AuthenticationFailedException afe ? afe.getAttribute(TokenCheck.REASON_ATTRIBUTE) : null;
        String body = new JsonObject().put("code", "UNAUTHENTICATED")
                .put("message", reason instanceof String r ? r : GENERIC).encode();
        if (ctx.response().getStatusCode() != 401) {
            ctx.response().setStatusCode(401);
        }
        ctx.response().putHeader("Content-Type", "application/json;charset=UTF-8").end(body);
    }
}
