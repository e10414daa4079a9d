package io.lethe.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a token must say, beyond its signature, issuer and expiry (checked by smallrye-jwt before):
 * a {@code tenant} that is a JSON string matching {@link #TENANT_PATTERN}, used exactly as given (no
 * trimming, no case folding: a near-miss must not read another tenant's data); {@code groups}, if
 * present, a JSON array of strings (unknown roles are ignored); numeric {@code exp} and {@code iat},
 * {@code iat} no later than now plus the clock skew, and {@code exp - iat} at most the maximum lifetime.
 * The claims are read from the token's payload as sent, because the JWT library converts some
 * claims (a string {@code groups} becomes a list), which would hide a malformed token.
 */
public final class TokenRules {
    public static final String TENANT_PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
    private static final Pattern TENANT = Pattern.compile(TENANT_PATTERN);
    private static final Set<String> KNOWN_ROLES = Set.of(Roles.PRIVACY_ADMIN, Roles.AGENT, Roles.AUDITOR, Roles.INGEST);

    /** Whether a tenant id has the one accepted shape. */
    public static boolean isTenantId(String tenantId) {
        return tenantId != null && TENANT.matcher(tenantId).matches();
    }

    private final Duration clockSkew;
    private final Duration maxLifetime;

    public TokenRules(Duration clockSkew, Duration maxLifetime) {
        this.clockSkew = clockSkew;
        this.maxLifetime = maxLifetime;
    }

    /** A token that breaks a rule; the message names the rule, never a claim's value. */
    public static final class Violation extends Exception {
        Violation(String message) {
            super(message, null, false, false);
        }
    }

    /** The caller a verified compact JWS stands for, or the rule it breaks. */
    public Caller check(String compactJws, String subject, Instant now) throws Violation {
        return check(payload(compactJws), subject, now);
    }

    Caller check(JsonObject claims, String subject, Instant now) throws Violation {
        Object tenant = claims.getValue("tenant");
        if (!(tenant instanceof String tenantId) || !TENANT.matcher(tenantId).matches()) {
            throw new Violation("the `tenant` claim must be a string matching " + TENANT_PATTERN);
        }
        Set<String> roles = new LinkedHashSet<>();
        Object groups = claims.getValue("groups");
        if (groups != null) {
            if (!(groups instanceof JsonArray list)) {
                throw new Violation("the `groups` claim must be an array of strings");
            }
            for (Object group : list) {
                if (!(group instanceof String role)) {
                    throw new Violation("the `groups` claim must be an array of strings");
                }
                if (KNOWN_ROLES.contains(role)) {
                    roles.add(role);
                }
            }
        }
        long exp = seconds(claims, "exp");
        long iat = seconds(claims, "iat");
        if (iat > now.plus(clockSkew).getEpochSecond()) {
            throw new Violation("the token is issued in the future (`iat`)");
        }
        if (exp - iat > maxLifetime.toSeconds()) {
            throw new Violation("the token lives longer than " + maxLifetime.toSeconds() + " s (`exp` - `iat`)");
        }
        return new Caller(tenantId, subject == null ? "unknown" : subject, roles);
    }

    private static long seconds(JsonObject claims, String name) throws Violation {
        if (!(claims.getValue(name) instanceof Number value)) {
            throw new Violation("the token has no numeric `" + name + "` claim");
        }
        return value.longValue();
    }

    private static JsonObject payload(String compactJws) throws Violation {
        String[] parts = compactJws == null ? new String[0] : compactJws.split("\\.", -1);
        if (parts.length != 3) {
            // e.g. an encrypted token: not a form this service is configured to accept
            throw new Violation("the token is not a signed JWT");
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new Violation("the token payload is not a JSON object");
        }
    }
}
