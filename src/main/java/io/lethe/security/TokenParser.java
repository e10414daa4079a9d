package io.lethe.security;

import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The default token parser, with two changes. A token verified before is served from
 * {@link VerifiedTokens} until it expires, so its RS256 signature is checked once, not per request.
 * And a signed token whose claims it cannot handle (a JSON object
 * as {@code groups} makes it throw a ClassCastException) is an invalid token, answered with 401 like
 * any other, instead of escaping as a server error.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenParser extends DefaultJWTCallerPrincipalFactory {
    private final VerifiedTokens verified;

    public TokenParser(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (token == null) {
            return verify(null, authContextInfo);
        }
        var key = VerifiedTokens.key(token);
        Instant now = Instant.now();
        JWTCallerPrincipal known = verified.get(key, now);
        if (known != null) {
            return known;
        }
        JWTCallerPrincipal principal = verify(token, authContextInfo);
        verified.put(key, principal, authContextInfo.getTokenAge(), now);
        return principal;
    }

    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            return super.parse(token, authContextInfo);
        } catch (RuntimeException e) {
            throw new ParseException("the token claims are malformed", e);
        }
    }
}
