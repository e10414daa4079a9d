package io.lethe.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.lethe.receipt.ReceiptSigningKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Production settings for the packaged application started by the *IT classes (prod profile):
 * the public half of the fixed test key pair, given inline exactly as the Kubernetes Secret
 * passes MP_JWT_VERIFY_PUBLICKEY, so tokens signed in the test JVM (failsafe sets
 * smallrye.jwt.sign.key.location to the private half) are accepted, and a receipt signing key
 * generated for the run. The datasource comes from
 * the embedded PostgreSQL built into the non-dist jar.
 */
public class ProdAppResource implements QuarkusTestResourceLifecycleManager {
    public static final String PUBLIC_KEY = "deploy/it-jwt-public.pem";
    public static final String HMAC_SECRET = "it-only-hmac-secret-0123456789";
    /** A receipt signing key made for this test run (PKCS#8 PEM), as LETHE_RECEIPT_SIGNING_KEY carries it. */
    public static final String RECEIPT_SIGNING_KEY = ReceiptSigningKey.generate().toPem();

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey", publicKey(),
                "lethe.security.hmac-secret", HMAC_SECRET,
                "lethe.receipt.signing-key", RECEIPT_SIGNING_KEY,
                // no readiness drain when the test stops the app
                "quarkus.shutdown.delay", "0s");
    }

    @Override
    public void stop() {
    }

    public static String publicKey() {
        try (InputStream in = ProdAppResource.class.getClassLoader().getResourceAsStream(PUBLIC_KEY)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + PUBLIC_KEY);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
