package io.lethe.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.lethe.api.ServiceUnavailableException;
import io.lethe.api.UnauthenticatedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@link Caller} of the current request, as {@link TokenCheck} derived it from the verified token
 * during authentication; this bean only hands it out, and never blocks. A GraphQL request's caller is
 * published on the request's Vert.x context before execution ({@link #publish}), where every resolver
 * finds it with a map lookup, even one still starting after the client hung up (when the request
 * context it runs in is a fresh one). Otherwise (REST, subscriptions) it is the identity that
 * proactive authentication resolved already, read without waiting.
 */
@RequestScoped
public class CurrentCaller {
    private static final String CONTEXT_KEY = "io.lethe.caller";

    private final CurrentIdentityAssociation identities;
    private volatile Caller caller;

    public CurrentCaller(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** Makes the authenticated caller of this HTTP request known to the request's Vert.x context. */
    public static void publish(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && VertxContext.isOnDuplicatedContext()
                && user.getSecurityIdentity().getAttribute(TokenCheck.CALLER_ATTRIBUTE) instanceof Caller known) {
            ContextLocals.put(CONTEXT_KEY, known);
        }
    }

    public Caller get() {
        Caller current = caller;
        if (current == null) {
            Optional<Caller> published = VertxContext.isOnDuplicatedContext() ? ContextLocals.get(CONTEXT_KEY)
                    : Optional.empty();
            current = published.isPresent() ? published.get() : fromIdentity();
            caller = current;
        }
        return current;
    }

    private Caller fromIdentity() {
        // resolved already (proactive authentication), so the item arrives during subscribe; getIdentity()
        // would instead block when it is not, which on an event loop fails
        SecurityIdentity[] found = new SecurityIdentity[1];
        identities.getDeferredIdentity().subscribe().with(identity -> found[0] = identity, failure -> {
        });
        SecurityIdentity identity = found[0];
        if (identity == null) {
            // the request ended before this resolver started (the client hung up): nobody reads the answer
            throw new ServiceUnavailableException("the request ended before it was answered; send it again");
        }
        if (identity.isAnonymous() || !(identity.getAttribute(TokenCheck.CALLER_ATTRIBUTE) instanceof Caller known)) {
            throw new UnauthenticatedException("a valid bearer token is required");
        }
        return known;
    }
}
