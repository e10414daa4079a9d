package io.lethe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;

/** The cache's time rules, to the second: an entry is used only before its exp and within the configured token age. */
class VerifiedTokensExpiryTest {

    private static VerifiedTokens tokens(int size) {
        return new VerifiedTokens(new TokenConfig() {
            @Override
            public Duration maxLifetime() {
                return Duration.ofHours(24);
            }

            @Override
            public Duration clockSkew() {
                return Duration.ofSeconds(60);
            }

            @Override
            public int cacheSize() {
                return size;
            }
        }, new SimpleMeterRegistry());
    }

    private static JWTCallerPrincipal principal(String raw, long iat, long exp) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(iat));
        claims.setExpirationTime(NumericDate.fromSeconds(exp));
        claims.setSubject("s");
        return new DefaultJWTCallerPrincipal(raw, "JWT", claims);
    }

    @Test
    void usedUntilTheSecondBeforeExp() {
        VerifiedTokens tokens = tokens(10);
        ByteBuffer key = VerifiedTokens.key("a.b.c");
        JWTCallerPrincipal principal = principal("a.b.c", 1000, 2000);
        tokens.put(key, principal, null, Instant.ofEpochSecond(1001));
        assertThat(tokens.get(key, Instant.ofEpochSecond(1999))).isSameAs(principal);
        assertThat(tokens.get(key, Instant.ofEpochSecond(2000))).isNull();
        assertThat(tokens.get(key, Instant.ofEpochSecond(1500))).as("dropped once expired").isNull();
    }

    @Test
    void aMaximumTokenAgeEndsTheEntryEarlier() {
        VerifiedTokens tokens = tokens(10);
        ByteBuffer key = VerifiedTokens.key("a.b.c");
        tokens.put(key, principal("a.b.c", 1000, 2000), 300L, Instant.ofEpochSecond(1001));
        assertThat(tokens.get(key, Instant.ofEpochSecond(1299))).isNotNull();
        assertThat(tokens.get(key, Instant.ofEpochSecond(1300))).isNull();
    }

    @Test
    void anExpiredPrincipalIsNotKept() {
        VerifiedTokens tokens = tokens(10);
        ByteBuffer key = VerifiedTokens.key("a.b.c");
        tokens.put(key, principal("a.b.c", 1000, 2000), null, Instant.ofEpochSecond(2030)); // accepted within a grace period
        assertThat(tokens.get(key, Instant.ofEpochSecond(2030))).isNull();
    }

    @Test
    void sizeZeroVerifiesEveryRequest() {
        VerifiedTokens tokens = tokens(0);
        ByteBuffer key = VerifiedTokens.key("a.b.c");
        tokens.put(key, principal("a.b.c", 1000, 2000), null, Instant.ofEpochSecond(1001));
        assertThat(tokens.get(key, Instant.ofEpochSecond(1002))).isNull();
    }

    @Test
    void keysAreTheDigestNotTheToken() {
        assertThat(VerifiedTokens.key("a.b.c")).isEqualTo(VerifiedTokens.key("a.b.c"));
        assertThat(VerifiedTokens.key("a.b.c")).isNotEqualTo(VerifiedTokens.key("a.b.d"));
        assertThat(VerifiedTokens.key("a.b.c").remaining()).isEqualTo(32);
    }
}
