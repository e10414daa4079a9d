package io.lethe.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/**
 * RS256 runs once per token: the second request with the same token is served from the verified-token
 * cache, an expired token goes back to the verifier, a token the claim rules reject stays rejected
 * although its signature check is cached, and two tenants' cached tokens never lend each other data.
 */
@QuarkusTest
class VerifiedTokensTest {
    private static final String TRANSCRIPTS = "{ transcripts(first: 10) { edges { node { visitor { visitorKey } } } } }";

    @Inject
    MeterRegistry metrics;

    private double count(String result) {
        return metrics.get("lethe.jwt.cache").tag("result", result).counter().count();
    }

    @Test
    void theSameTokenIsVerifiedOnce() {
        String agent = Api.token(Api.newTenant(), "agent");
        double misses = count("miss");
        double hits = count("hit");
        Api.ok(agent, TRANSCRIPTS);
        Api.ok(agent, TRANSCRIPTS);
        Api.ok(agent, TRANSCRIPTS);
        assertThat(count("miss") - misses).as("signature verifications").isEqualTo(1);
        assertThat(count("hit") - hits).as("requests served from the cache").isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsNeverServedFromTheCache() throws InterruptedException {
        String tenant = Api.newTenant();
        Instant exp = Instant.now().plusSeconds(2);
        String agent = Jwt.subject("short-lived").claim("tenant", tenant).groups("agent").expiresAt(exp).sign();
        Api.ok(agent, TRANSCRIPTS);
        double misses = count("miss");
        Api.ok(agent, TRANSCRIPTS);
        assertThat(count("miss") - misses).as("verified again while valid").isZero();
        while (Instant.now().getEpochSecond() < exp.getEpochSecond()) {
            Thread.sleep(100);
        }
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + agent)
                .body("{\"query\": \"" + TRANSCRIPTS + "\"}").post("/graphql");
        assertThat(count("miss") - misses).as("at its exp the token goes back to the verifier").isEqualTo(1);
    }

    @Test
    void claimRulesStillApplyToACachedToken() {
        String tenant = Api.newTenant();
        long now = Instant.now().getEpochSecond();
        // signed and unexpired, but issued further in the future than the clock skew allows
        String early = Jwt.subject("early").claim("tenant", tenant).groups("agent").issuedAt(now + 600)
                .expiresAt(now + 3600).sign();
        double hits = count("hit");
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + early)
                    .body("{\"query\": \"{ __typename }\"}").post("/graphql").then().statusCode(401);
        }
        assertThat(count("hit") - hits).as("the second request's signature check came from the cache").isEqualTo(1);
    }

    @Test
    void cachedTokensOfTwoTenantsNeverMix() {
        String a = Api.newTenant();
        String b = Api.newTenant();
        Fixtures.start(Api.token(a, "ingest"), "only-in-a");
        Fixtures.start(Api.token(b, "ingest"), "only-in-b");
        String agentA = Api.token(a, "agent");
        String agentB = Api.token(b, "agent");
        for (int i = 0; i < 3; i++) {
            assertThat(keys(agentA)).containsExactly("only-in-a");
            assertThat(keys(agentB)).containsExactly("only-in-b");
        }
    }

    private static List<String> keys(String token) {
        return Api.ok(token, TRANSCRIPTS).getList("data.transcripts.edges.node.visitor.visitorKey", String.class);
    }

    @Test
    void tokenMetricsArePublished() {
        Api.ok(Api.token(Api.newTenant(), "agent"), "{ __typename }");
        assertThat(metrics.get("lethe.jwt.cache.size").gauge().value()).isPositive();
        assertThat(count("miss")).isPositive();
    }
}
