package io.lethe.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lethe.support.Api;
import io.lethe.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A correctly signed token whose claims are malformed is rejected at authentication: HTTP 401 with a
 * coded JSON body on GraphQL and on the attachment download, and it never reads the tenant's data.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenClaimsTest {
    private String tenant;
    private String attachmentId;

    @BeforeEach
    void seed() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String transcript = Fixtures.start(ingest, "claims-visitor");
        attachmentId = Fixtures.upload(ingest, transcript, "secret.txt", "text/plain", "acme's file".getBytes());
    }

    private JwtClaimsBuilder signed(Object tenantClaim) {
        JwtClaimsBuilder builder = Jwt.subject("claims-test").groups("agent").expiresIn(Duration.ofHours(1));
        return tenantClaim == null ? builder : builder.claim("tenant", tenantClaim);
    }

    /** Signs any payload with the key the test build configured for smallrye-jwt. */
    private static String raw(JsonObject claims) {
        try {
            var config = ConfigProvider.getConfig();
            claims.put("iss", config.getValue("mp.jwt.verify.issuer", String.class)).put("sub", "claims-test");
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.encode());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKey(KeyUtils.decodePrivateKey(config.getValue("smallrye.jwt.sign.key", String.class)));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> malformed() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("leading space", signed(" " + tenant).sign());
        tokens.put("trailing tab", signed(tenant + "\t").sign());
        tokens.put("trailing NUL", signed(tenant + "\u0000").sign());
        tokens.put("upper case", signed(tenant.toUpperCase()).sign());
        tokens.put("empty", signed("").sign());
        tokens.put("64 characters", signed("a".repeat(64)).sign());
        tokens.put("number", signed(12345).sign());
        tokens.put("array", signed(List.of("a", "b")).sign());
        tokens.put("array of the tenant", signed(List.of(tenant)).sign());
        tokens.put("object", signed(Map.of("id", tenant)).sign());
        tokens.put("boolean", signed(true).sign());
        tokens.put("missing", signed(null).sign());
        tokens.put("groups as a string", signed(tenant).claim("groups", "agent").sign());
        long now = Instant.now().getEpochSecond();
        // the token builder refuses these shapes, so they are signed by hand
        tokens.put("groups with a number", raw(new JsonObject().put("tenant", tenant).put("groups", new JsonArray().add("agent").add(7))
                .put("iat", now).put("exp", now + 3600)));
        tokens.put("groups as an object", raw(new JsonObject().put("tenant", tenant).put("groups", new JsonObject().put("agent", true))
                .put("iat", now).put("exp", now + 3600)));
        tokens.put("no iat", raw(new JsonObject().put("tenant", tenant).put("groups", new JsonArray().add("agent"))
                .put("exp", now + 3600)));
        tokens.put("iat as a string", raw(new JsonObject().put("tenant", tenant).put("groups", new JsonArray().add("agent"))
                .put("iat", String.valueOf(now)).put("exp", now + 3600)));
        tokens.put("no exp", raw(new JsonObject().put("tenant", tenant).put("groups", new JsonArray().add("agent"))
                .put("iat", now)));
        tokens.put("issued in the future", signed(tenant).issuedAt(Instant.now().plusSeconds(600))
                .expiresAt(Instant.now().plusSeconds(1200)).sign());
        tokens.put("lives 48 hours", signed(tenant).issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofHours(48)))
                .sign());
        return tokens;
    }

    @Test
    void malformedClaimsAre401OnGraphqlWithACodedBody() {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (var token : malformed().entrySet()) {
            Response response = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token.getValue())
                    .body(Map.of("query", "{ transcripts { totalCount } }")).post("/graphql");
            String body = response.asString();
            if (response.statusCode() != 401 || !coded(response) || body.contains(tenant)) {
                wrong.put(token.getKey(), response.statusCode() + " " + body);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void malformedClaimsCannotDownloadTheTenantsAttachment() {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (var token : malformed().entrySet()) {
            Response response = given().header("Authorization", "Bearer " + token.getValue()).get("/attachments/" + attachmentId);
            if (response.statusCode() != 401 || response.asString().contains("acme's file") || !coded(response)) {
                wrong.put(token.getKey(), response.statusCode() + " " + response.asString());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** A coded JSON body: GraphQL's `errors` array on /graphql, {"code", "message"} on REST routes. */
    private static boolean coded(Response response) {
        String type = response.contentType();
        if (type == null || !type.startsWith("application/json")) {
            return false;
        }
        var json = response.jsonPath();
        return json.get("errors") != null
                ? "UNAUTHENTICATED".equals(json.getString("errors[0].extensions.code")) && json.getString("errors[0].message") != null
                : "UNAUTHENTICATED".equals(json.getString("code")) && json.getString("message") != null;
    }

    @Test
    void theMessageNamesTheRule() {
        Response bad = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + signed(" " + tenant).sign())
                .body(Map.of("query", "{ transcripts { totalCount } }")).post("/graphql");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.jsonPath().getString("errors[0].message")).contains("tenant").contains("[a-z0-9][a-z0-9._-]{0,62}");
        // a hand-signed well-formed token is accepted: the rejections above are the claims, not the signing
        long now = Instant.now().getEpochSecond();
        String good = raw(new JsonObject().put("tenant", tenant).put("groups", new JsonArray().add("agent"))
                .put("iat", now).put("exp", now + 3600));
        assertThat(Api.ok(good, "{ transcripts { totalCount } }").getInt("data.transcripts.totalCount")).isEqualTo(1);
    }

    @Test
    void wellFormedTokensStillWorkAndUnknownRolesAreIgnored() {
        String agent = signed(tenant).claim("groups", List.of("agent", "superuser", "root")).sign();
        assertThat(Api.ok(agent, "{ transcripts { totalCount } }").getInt("data.transcripts.totalCount")).isEqualTo(1);
        assertThat(given().header("Authorization", "Bearer " + agent).get("/attachments/" + attachmentId).statusCode())
                .isEqualTo(200);
        // no groups at all: authenticated, allowed nothing
        String noGroups = Jwt.subject("nobody").claim("tenant", tenant).expiresIn(Duration.ofHours(1)).sign();
        assertThat(Api.errorCode(noGroups, "{ transcripts { totalCount } }", Map.of())).isEqualTo("FORBIDDEN");
        // exactly 24 hours, and a few seconds of clock skew, are fine
        String day = signed(tenant).issuedAt(Instant.now().plusSeconds(20))
                .expiresAt(Instant.now().plusSeconds(20).plus(Duration.ofHours(24))).sign();
        assertThat(Api.ok(day, "{ transcripts { totalCount } }").getInt("data.transcripts.totalCount")).isEqualTo(1);
    }
}
