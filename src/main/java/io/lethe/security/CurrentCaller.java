package io.lethe.security;

import jakarta.enterprise.context.RequestScoped;

import io.lethe.api.ServiceUnavailableException;
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
            Object found;
            try {
                found = identity.isAnonymous() ? null : identity.getAttribute(TokenCheck.CALLER_ATTRIBUTE);
            } catch (IllegalStateException e) {
                // the identity proxy would have to block the event loop: the request already ended (the
                // client hung up while sibling resolvers were still starting), so nobody reads the answer
                throw new ServiceUnavailableException("the request ended before it was answered; send it again");
            }
            if (!(found instanceof Caller known)) {
                throw new UnauthenticatedException("a valid bearer token is required");
            }
            caller = current = known;
        }
        return current;
    }
}
