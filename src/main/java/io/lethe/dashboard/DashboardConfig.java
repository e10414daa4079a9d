package io.lethe.dashboard;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Single sign-on for the dashboard: the OIDC provider it sends people to (authorization code + PKCE). */
@ConfigMapping(prefix = "lethe.oidc")
public interface DashboardConfig {
    /** The issuer URL; without it the dashboard offers only the pasted token (and dev sign-in in dev mode). */
    Optional<String> issuerUrl();

    @WithDefault("lethe-dashboard")
    String clientId();

    @WithDefault("openid")
    String scopes();
}
