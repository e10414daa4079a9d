package io.lethe.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lethe.api.ErrorBodies;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives the 401 of a failed or missing authentication the JSON error body of its path (GraphQL's
 * {@code errors} array on the GraphQL endpoint, {@code code} and {@code message} elsewhere). It runs
 * before the general HTTP error handler, because only it knows the rule a token broke. Status and challenge header are already set by the
 * authentication mechanism; only the body is added. The message is the rule a token broke (from
 * {@link TokenCheck}) or a generic one: never the token or a claim's value.
 */
@ApplicationScoped
public class UnauthenticatedResponse {
    static final String GENERIC = "a valid bearer token is required (header `Authorization: Bearer <token>`)";

    private final String graphqlPath;

    public UnauthenticatedResponse(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String graphqlPath) {
        this.graphqlPath = graphqlPath;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        if (ctx.response().ended() && ctx.request().headers().contains("Upgrade", "websocket", true)) {
            // a GraphQL WebSocket whose connection_init token failed: the upgrade's response is long
            // gone and the socket carries the answer (SmallRye closes it with 4403); the handlers
            // after this one would log an error trying to write a 401 on it
            return;
        }
        Throwable failure = ctx.failure();
        if (!(failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException)
                || ctx.response().ended()) {
            ctx.next();
            return;
        }
        Object reason = failure instanceof AuthenticationFailedException afe ? afe.getAttribute(TokenCheck.REASON_ATTRIBUTE) : null;
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ErrorBodies.send(ctx, graphqlPath, 401, "UNAUTHENTICATED", reason instanceof String r ? r : GENERIC);
    }
}
