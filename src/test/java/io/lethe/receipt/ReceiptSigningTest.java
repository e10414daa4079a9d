package io.lethe.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A receipt signed by {@link ReceiptSigner} verifies with nothing but what GET /receipts/jwks.json
 * (public, no token) serves, and a changed payload does not.
 */
@QuarkusTest
class ReceiptSigningTest {
    @Inject
    ReceiptSigner signer;

    @TestHTTPResource("/receipts/jwks.json")
    URL jwks;

    @Test
    void aSignedReceiptVerifiesWithThePublishedKeysOnlyAndAChangedOneDoesNot() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jobId", "0b7f3c1e-6a55-4a38-9a55-2b1d4c8e9f10");
        claims.put("subjectHash", "4f2a9c");
        claims.put("transcriptsRedacted", 3);
        claims.put("retainedOnHold", List.of("t-1"));
        claims.put("residueFound", 0);
        String jws = signer.sign(claims);
        assertThat(jws.split("\\.")).hasSize(3);

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwks.toString())))
                .setExpectedType(true, "JWT")
                .setSkipDefaultAudienceValidation()
                .build();
        JwtClaims verified = consumer.processToClaims(jws);
        assertThat(verified.getClaimValue("jobId")).isEqualTo("0b7f3c1e-6a55-4a38-9a55-2b1d4c8e9f10");
        assertThat(verified.getClaimValue("transcriptsRedacted", Long.class)).isEqualTo(3L);
        assertThat(verified.getStringListClaimValue("retainedOnHold")).containsExactly("t-1");

        // the same header and signature over a changed payload
        String[] parts = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"residueFound\":0");
        String forged = payload.replace("\"residueFound\":0", "\"residueFound\":7");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> consumer.processToClaims(tampered)).isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("signature");
        // a signature by another key under the published kid
        ReceiptSigningKey stranger = ReceiptSigningKey.generate();
        org.jose4j.jws.JsonWebSignature foreign = new org.jose4j.jws.JsonWebSignature();
        foreign.setCompactSerialization(jws);
        org.jose4j.jws.JsonWebSignature resigned = new org.jose4j.jws.JsonWebSignature();
        resigned.setPayload(foreign.getUnverifiedPayload());
        resigned.setAlgorithmHeaderValue("RS256");
        resigned.setKeyIdHeaderValue(foreign.getKeyIdHeaderValue());
        resigned.setHeader("typ", "JWT");
        resigned.setKey(stranger.privateKey());
        String impostor = resigned.getCompactSerialization();
        assertThatThrownBy(() -> consumer.processToClaims(impostor)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void theKeySetIsPublicHoldsNoPrivatePartsAndNamesTheKeyByItsThumbprint() throws Exception {
        String body = given().get("/receipts/jwks.json").then().statusCode(200)
                .contentType("application/jwk-set+json").extract().asString();
        assertThat(body).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
        JsonWebKeySet set = new JsonWebKeySet(body);
        assertThat(set.getJsonWebKeys()).singleElement().satisfies(key -> {
            assertThat(key).isInstanceOf(RsaJsonWebKey.class);
            assertThat(key.getUse()).isEqualTo("sig");
            assertThat(key.getAlgorithm()).isEqualTo("RS256");
            assertThat(key.getKeyId()).isEqualTo(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            assertThat(((RsaJsonWebKey) key).getRsaPublicKey().getModulus().bitLength())
                    .isGreaterThanOrEqualTo(ReceiptSigningKey.MIN_BITS);
        });
        // the signature's kid is that key's
        String header = new String(Base64.getUrlDecoder().decode(signer.sign(Map.of("a", 1)).split("\\.")[0]),
                StandardCharsets.UTF_8);
        assertThat(header).contains("\"kid\":\"" + set.getJsonWebKeys().get(0).getKeyId() + "\"", "\"alg\":\"RS256\"");
    }

    @Test
    void aConfiguredKeyIsReadAndItsPublicHalfDerived() {
        ReceiptSigningKey generated = ReceiptSigningKey.generate();
        ReceiptSigningKey parsed = ReceiptSigningKey.parse(generated.toPem());
        assertThat(parsed.publicKey()).isEqualTo(generated.publicKey());
        assertThat(ReceiptSigningKey.parse(generated.toPem().replace("\n", "\\n")).publicKey())
                .isEqualTo(generated.publicKey());
    }
}
