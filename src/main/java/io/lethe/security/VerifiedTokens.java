package io.lethe.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;

/**
 * Tokens whose signature, issuer and expiry smallrye-jwt has verified, so RS256 runs once per token
 * rather than once per request. Keyed by the SHA-256 of the compact token (the bearer secret itself
 * is not kept as a key), bounded in size, and an entry is used only while {@code now < exp} (and
 * within {@code mp.jwt.verify.token.age} of {@code iat} when set): an expired token always goes back
 * to the verifier, which rejects it. Failures are never cached. {@link TokenRules} run for every
 * token the verifier accepted (in {@link TokenCheck}); their verdict is kept with the principal only
 * when it passed (see {@link #callerOf}). Metrics: {@code lethe.jwt.cache} by {@code result}
 * (hit, miss) and {@code lethe.jwt.cache.size}.
 */
@ApplicationScoped
public class VerifiedTokens {
    private record Entry(JWTCallerPrincipal principal, long usableUntil) {
    }

    private final Cache<ByteBuffer, Entry> cache;
    /** The caller each cached principal passed {@link TokenRules} as (by identity, held while the principal is). */
    private final Cache<JWTCallerPrincipal, Caller> callers = Caffeine.newBuilder().weakKeys().build();
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;

    public VerifiedTokens(TokenConfig config, MeterRegistry metrics) {
        this.enabled = config.cacheSize() > 0;
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(1, config.cacheSize())).build();
        this.hits = Counter.builder("lethe.jwt.cache").tag("result", "hit")
                .description("bearer tokens served from the verified-token cache").register(metrics);
        this.misses = Counter.builder("lethe.jwt.cache").tag("result", "miss")
                .description("bearer tokens verified (RS256) because the cache did not hold them").register(metrics);
        Gauge.builder("lethe.jwt.cache.size", cache, Cache::estimatedSize)
                .description("verified tokens held").register(metrics);
    }

    /** The verified principal of this token if it was verified before and has not expired; null otherwise. */
    JWTCallerPrincipal get(ByteBuffer key, Instant now) {
        if (!enabled) {
            return null;
        }
        Entry entry = cache.getIfPresent(key);
        if (entry != null && now.getEpochSecond() < entry.usableUntil()) {
            hits.increment();
            return entry.principal();
        }
        if (entry != null) {
            cache.invalidate(key);
        }
        misses.increment();
        return null;
    }

    /** Remembers a principal smallrye-jwt just verified, until its {@code exp} (or its maximum age, if shorter). */
    void put(ByteBuffer key, JWTCallerPrincipal principal, Long maxAgeSeconds, Instant now) {
        if (!enabled) {
            return;
        }
        long until = principal.getExpirationTime();
        if (maxAgeSeconds != null && maxAgeSeconds > 0) {
            until = Math.min(until, principal.getIssuedAtTime() + maxAgeSeconds);
        }
        if (now.getEpochSecond() < until) {
            cache.put(key, new Entry(principal, until));
        }
    }

    /**
     * The caller a principal from this cache passed the claim rules as, if it did before. Sound because
     * the rules' one time-dependent test ({@code iat} not beyond now plus the skew) stays passed as time
     * goes on, and the principal itself is served only until its {@code exp}. Rejections are not kept.
     */
    Caller callerOf(Object principal) {
        return enabled && principal instanceof JWTCallerPrincipal known ? callers.getIfPresent(known) : null;
    }

    void passed(Object principal, Caller caller) {
        if (enabled && principal instanceof JWTCallerPrincipal known) {
            callers.put(known, caller);
        }
    }

    static ByteBuffer key(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
