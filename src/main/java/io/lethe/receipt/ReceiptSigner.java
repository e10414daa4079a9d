package io.lethe.receipt;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.json.JsonUtil;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs receipt claims as a compact JWS (RS256, header kid = the key's thumbprint, typ JWT), so
 * anyone can verify a receipt with the public keys at GET /receipts/jwks.json and nothing else.
 */
@ApplicationScoped
public class ReceiptSigner {
    private final ReceiptKeys keys;

    public ReceiptSigner(ReceiptKeys keys) {
        this.keys = keys;
    }

    /** Claims are JSON values: strings, numbers, booleans, null, lists and maps of them. */
    public String sign(Map<String, Object> claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keys.keyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(keys.signing().getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("receipt signing failed: " + e.getClass().getSimpleName());
        }
    }
}
