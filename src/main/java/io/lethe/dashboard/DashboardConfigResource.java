package io.lethe.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.runtime.LaunchMode;

/**
 * Public (no token): what the sign-in page needs before anyone is signed in. It carries no data of
 * any tenant, only how to sign in.
 */
@Path("/dashboard/config")
public class DashboardConfigResource {
    public record Oidc(String issuer, String clientId, String scopes) {
    }

    public record View(boolean devSignIn, Oidc oidc) {
    }

    private final DashboardConfig config;

    public DashboardConfigResource(DashboardConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public View get() {
        Oidc oidc = config.issuerUrl().filter(s -> !s.isBlank())
                .map(issuer -> new Oidc(issuer, config.clientId(), config.scopes())).orElse(null);
        // /dev/token exists in dev and test builds only (see DevTokenResource)
        return new View(LaunchMode.current().isDevOrTest(), oidc);
    }
}
