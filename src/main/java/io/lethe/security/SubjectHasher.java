package io.lethe.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;

/**
 * Keyed hash (HMAC-SHA256) of a data subject's identifier: lets job, case and audit rows say
 * "the same subject" after erasure without keeping the email, and cannot be reversed or
 * brute-forced from a dictionary without the server secret.
 */
@ApplicationScoped
public class SubjectHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_LENGTH = 16;

    @ConfigMapping(prefix = "lethe.security")
    public interface Secrets {
        /** Server secret for keyed hashes (env LETHE_SECURITY_HMAC_SECRET); at least 16 characters. */
        String hmacSecret();
    }

    private final SecretKeySpec key;

    public SubjectHasher(Secrets secrets) {
        String secret = secrets.hmacSecret();
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("lethe.security.hmac-secret (LETHE_SECURITY_HMAC_SECRET) must be at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Hash of a normalised (trimmed, lower-case) email. */
    public String hash(String normalizedIdentifier) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "hmac:" + HexFormat.of().formatHex(mac.doFinal(normalizedIdentifier.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
