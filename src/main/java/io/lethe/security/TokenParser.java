package io.lethe.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The default token parser, except that a signed token whose claims it cannot handle (a JSON object
 * as {@code groups} makes it throw a ClassCastException) is an invalid token, answered with 401 like
 * any other, instead of escaping as a server error.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenParser extends DefaultJWTCallerPrincipalFactory {

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            return super.parse(token, authContextInfo);
        } catch (RuntimeException e) {
            throw new ParseException("the token claims are malformed", e);
        }
    }
}
