package io.lethe.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Limits on bearer tokens beyond their signature (see {@link TokenRules}). */
@ConfigMapping(prefix = "lethe.jwt")
public interface TokenConfig {
    /** Longest accepted lifetime, {@code exp - iat} (env LETHE_JWT_MAX_LIFETIME). */
    Duration maxLifetime();

    /** How far a token's {@code iat} may lie in the future, for clocks that differ (env LETHE_JWT_CLOCK_SKEW). */
    Duration clockSkew();

    /** Verified tokens kept so their signature is checked once; 0 verifies every request (env LETHE_JWT_CACHE_SIZE). */
    int cacheSize();
}
