package io.lethe.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * GETs on the GraphQL path (permission {@code graphql-websocket}): a WebSocket upgrade passes
 * without a token, because a browser cannot set headers on a WebSocket and sends its token in the
 * graphql-transport-ws {@code connection_init} payload instead, where SmallRye authenticates it
 * (through the same mechanism and {@link TokenCheck}); until then the socket is anonymous and no
 * operation on it gets data. Any other GET needs a token, like every request to that path. An
 * upgrade that does carry a token was authenticated already (proactive authentication): a bad one
 * got 401 before reaching this policy.
 */
@ApplicationScoped
public class WebSocketUpgradePolicy implements HttpSecurityPolicy {
    static final String NAME = "graphql-websocket";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        if (request.request().method() == HttpMethod.GET && request.request().headers().contains("Upgrade", "websocket", true)) {
            return CheckResult.permit();
        }
        return identity.map(id -> id.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return NAME;
    }
}
