package io.lethe.security;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lethe.api.ErrorBodies;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer-token authentication exactly as smallrye-jwt does it, except that the 401 challenge sent
 * to a request without a token carries a coded JSON body: Quarkus ends that response empty, which
 * clients (the GraphQL UI among them) cannot parse. Tokens that fail verification reach
 * {@link io.lethe.api.HttpErrorHandler} instead.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class JsonChallengeAuthMechanism implements HttpAuthenticationMechanism {
    private final JWTAuthMechanism delegate;
    private final String graphqlPath;

    public JsonChallengeAuthMechanism(JWTAuthMechanism delegate,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String graphqlPath) {
        this.delegate = delegate;
        this.graphqlPath = graphqlPath;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return delegate.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return delegate.getChallenge(context).map(challenge -> {
            if (challenge == null || context.response().ended()) {
                return false;
            }
            challenge.getHeaders().forEach((name, value) -> context.response().putHeader(name, value));
            ErrorBodies.send(context, graphqlPath, challenge.status, ErrorBodies.codeFor(challenge.status),
                    ErrorBodies.defaultMessage(challenge.status));
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }
}
