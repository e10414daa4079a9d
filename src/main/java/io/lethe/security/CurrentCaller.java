package io.lethe.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.lethe.api.UnauthenticatedException;
import io.quarkus.security.identity.SecurityIdentity;

/** Reads the {@link Caller} from the verified bearer token of the current request. */
@RequestScoped
public class CurrentCaller {
    static final String TENANT_CLAIM = "tenant";
    static final int MAX_TENANT_LENGTH = 100;

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new UnauthenticatedException("a valid bearer token is required");
        }
        Object tenant = jwt.getClaim(TENANT_CLAIM);
        String tenantId = tenant == null ? null : tenant.toString().trim();
        if (tenantId == null || tenantId.isEmpty() || tenantId.length() > MAX_TENANT_LENGTH) {
            throw new UnauthenticatedException("the token has no valid `tenant` claim");
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        return new Caller(tenantId, subject == null ? "unknown" : subject, identity.getRoles());
    }
}
