package io.lethe.receipt;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * The receipt signing key and its public JWKS. Loaded (or, outside production, generated) when
 * the application starts, so a bad key stops the start instead of the first receipt. The key id
 * is the RFC 7638 SHA-256 thumbprint of the public key: the same key always has the same kid, and
 * a verifier picks the key by it.
 */
@Startup
@ApplicationScoped
public class ReceiptKeys {
    private static final Logger LOG = Logger.getLogger(ReceiptKeys.class);

    private final RsaJsonWebKey signing;
    private final String publicJwks;

    public ReceiptKeys(ReceiptConfig config) {
        ReceiptSigningKey key;
        if (config.signingKey().isPresent()) {
            key = ReceiptSigningKey.parse(config.signingKey().get());
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            // ProductionConfig refuses to start first; this guards a build with those checks turned off
            throw new IllegalStateException("no receipt signing key: set LETHE_RECEIPT_SIGNING_KEY");
        } else {
            key = ReceiptSigningKey.generate();
            LOG.info("receipt signing key generated for this run (dev/test); set LETHE_RECEIPT_SIGNING_KEY to keep one");
        }
        signing = new RsaJsonWebKey(key.publicKey());
        signing.setPrivateKey(key.privateKey());
        signing.setKeyId(signing.calculateBase64urlEncodedThumbprint("SHA-256"));
        signing.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        signing.setUse("sig");
        publicJwks = new JsonWebKeySet(List.<JsonWebKey>of(signing)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    RsaJsonWebKey signing() {
        return signing;
    }

    /** {"keys": [...]} with the public halves only. */
    public String publicJwks() {
        return publicJwks;
    }

    public String keyId() {
        return signing.getKeyId();
    }
}
