package io.lethe.security;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Applies {@link TokenRules} while the request authenticates, so a malformed token fails with 401
 * on every endpoint (GraphQL and REST alike) before anything runs; the resulting {@link Caller} rides
 * on the identity and is read, never recomputed, by {@link CurrentCaller}. Pure computation on the
 * calling thread: safe on the event loop.
 */
@ApplicationScoped
public class TokenCheck implements SecurityIdentityAugmentor {
    static final String CALLER_ATTRIBUTE = "io.lethe.caller";
    /** The safe reason of a rejection, shown in the 401 body (see {@link UnauthenticatedResponse}). */
    static final String REASON_ATTRIBUTE = "io.lethe.token-rule";

    private final TokenRules rules;
    private final VerifiedTokens verified;

    public TokenCheck(TokenConfig config, VerifiedTokens verified) {
        this.rules = new TokenRules(config.clockSkew(), config.maxLifetime());
        this.verified = verified;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        try {
            Caller caller = verified.callerOf(jwt);
            if (caller == null) {
                String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
                caller = rules.check(jwt.getRawToken(), subject, Instant.now());
                verified.passed(jwt, caller);
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(CALLER_ATTRIBUTE, caller).build());
        } catch (TokenRules.Violation | RuntimeException e) {
            String reason = e instanceof TokenRules.Violation ? e.getMessage() : "the token claims are malformed";
            return Uni.createFrom().failure(new AuthenticationFailedException(reason, Map.of(REASON_ATTRIBUTE, reason)));
        }
    }
}
