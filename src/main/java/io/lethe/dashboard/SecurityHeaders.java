package io.lethe.dashboard;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on the dashboard's responses (the page, its bundle and its config): a strict
 * Content-Security-Policy (scripts and styles from this origin only, no inline code, no eval),
 * connections only to this origin, its WebSocket and the configured OIDC issuer.
 */
@ApplicationScoped
public class SecurityHeaders {
    /** A Host header we are willing to echo into the policy: name or IP literal, optional port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?");

    private final Optional<String> issuerOrigin;

    public SecurityHeaders(DashboardConfig config) {
        this.issuerOrigin = config.issuerUrl().filter(s -> !s.isBlank()).map(SecurityHeaders::origin);
    }

    static String origin(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalArgumentException("lethe.oidc.issuer-url must be an absolute http(s) URL");
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    static boolean isDashboard(String path) {
        return path.equals("/") || path.equals("/index.html") || path.startsWith("/static/") || path.startsWith("/dashboard/");
    }

    String policy(String host) {
        StringBuilder connect = new StringBuilder("'self'");
        if (host != null && HOST.matcher(host).matches()) {
            connect.append(" ws://").append(host).append(" wss://").append(host);
        }
        issuerOrigin.ifPresent(o -> connect.append(' ').append(o));
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
                + "connect-src " + connect + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    void register(@Observes Filters filters) {
        filters.register(this::apply, 50);
    }

    void apply(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (isDashboard(path)) {
            String host = rc.request().getHeader("Host");
            rc.addHeadersEndHandler(v -> {
                HttpServerResponse r = rc.response();
                r.putHeader("Content-Security-Policy", policy(host));
                r.putHeader("X-Content-Type-Options", "nosniff");
                r.putHeader("Referrer-Policy", "no-referrer");
                r.putHeader("X-Frame-Options", "DENY");
                r.putHeader("Cross-Origin-Opener-Policy", "same-origin");
                r.putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
                if (path.equals("/") || path.equals("/index.html") || path.startsWith("/dashboard/")) {
                    r.putHeader("Cache-Control", "no-store");
                }
            });
        }
        rc.next();
    }
}
