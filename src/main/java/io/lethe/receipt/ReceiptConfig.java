package io.lethe.receipt;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "lethe.receipt")
public interface ReceiptConfig {
    /**
     * PKCS#8 PEM RSA private key that signs erasure receipts; required in production (checked at
     * startup), generated at start in dev mode and tests.
     */
    Optional<String> signingKey();
}
