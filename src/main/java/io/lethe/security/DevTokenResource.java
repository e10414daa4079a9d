package io.lethe.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.lethe.api.BadUserInputException;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * Dev and test only: mints a signed token for any tenant and roles. The class is not part of a
 * production build at all, so the route does not exist there.
 */
@UnlessBuildProfile("prod")
@Path("/dev/token")
public class DevTokenResource {
    private static final Set<String> KNOWN_ROLES = Set.of(Roles.PRIVACY_ADMIN, Roles.AGENT, Roles.AUDITOR, Roles.INGEST);
    private static final String KNOWN = String.join(", ", new TreeSet<>(KNOWN_ROLES));

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@QueryParam("tenant") String tenant, @QueryParam("roles") String roles,
            @QueryParam("subject") String subject) {
        if (!TokenRules.isTenantId(tenant)) {
            throw new BadUserInputException("`tenant` is required and must match " + TokenRules.TENANT_PATTERN
                    + ": /dev/token?tenant=acme&roles=" + Roles.AGENT + "; roles: " + KNOWN);
        }
        Set<String> groups = new LinkedHashSet<>();
        if (roles != null && !roles.isBlank()) {
            Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).forEach(groups::add);
        }
        for (String role : groups) {
            if (!KNOWN_ROLES.contains(role)) {
                throw new BadUserInputException("unknown role in `roles`: use a comma-separated list of " + KNOWN);
            }
        }
        return Jwt.subject(subject == null || subject.isBlank() ? "dev-" + tenant : subject)
                .claim("tenant", tenant)
                .groups(groups)
                .expiresIn(Duration.ofHours(12))
                .sign();
    }
}
