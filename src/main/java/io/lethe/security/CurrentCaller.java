package io.lethe.security;

import jakarta.enterprise.context.RequestScoped;

import io.lethe.api.UnauthenticatedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The {@link Caller} of the current request, as {@link TokenCheck} derived it from the verified token
 * during authentication (once per request; this bean only hands it out).
 */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private volatile Caller caller;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        Caller current = caller;
        if (current == null) {
            if (identity.isAnonymous() || !(identity.getAttribute(TokenCheck.CALLER_ATTRIBUTE) instanceof Caller found)) {
                throw new UnauthenticatedException("a valid bearer token is required");
            }
            caller = current = found;
        }
        return current;
    }
}
