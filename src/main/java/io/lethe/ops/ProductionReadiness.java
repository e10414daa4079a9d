package io.lethe.ops;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Prod build only: once the application is up, re-asserts the production checks (they already ran
 * while the configuration was loaded, see {@link ProductionConfig}) and warns about settings that
 * work but are almost certainly not what a deployer wants.
 */
@IfBuildProfile("prod")
@ApplicationScoped
public class ProductionReadiness {
    static final String DEV_ISSUER = "https://lethe.local/dev";
    private static final Logger LOG = Logger.getLogger(ProductionReadiness.class);

    private final ProductionConfig config;
    private final Optional<String> issuer;
    private final Optional<String> corsOrigins;

    public ProductionReadiness(ProductionConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<String> corsOrigins) {
        this.config = config;
        this.issuer = issuer;
        this.corsOrigins = corsOrigins;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("lethe.production-checks.enabled=false: production checks are skipped");
            return;
        }
        var problems = ProductionChecks.problems(config.settings());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(ProductionChecks.message(problems));
        }
        if (issuer.isEmpty() || DEV_ISSUER.equals(issuer.get())) {
            LOG.warnf("LETHE_JWT_ISSUER is not set: only tokens issued by %s are accepted; set it to your OIDC issuer",
                    DEV_ISSUER);
        }
        if (corsOrigins.map(String::isBlank).orElse(true)) {
            LOG.info("LETHE_CORS_ORIGINS is empty: browsers on other origins cannot call the API");
        }
        LOG.info("production checks passed (JWT key, datasource, HMAC secret configured)");
    }
}
