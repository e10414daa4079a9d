package io.lethe.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lethe.receipt.ReceiptSigningKey;

/**
 * What a production instance needs before it may serve traffic, as plain Java (no Quarkus), so
 * the rules are unit-tested. {@link ProductionConfig} runs them while the configuration is
 * loaded, before the database or any request is touched.
 */
public final class ProductionChecks {
    /** Printed first in the startup failure so operators can grep for it. */
    public static final String HEADER = "Lethe refuses to start in production:";

    /** Shortest accepted HMAC secret; matches io.lethe.security.SubjectHasher. */
    public static final int MIN_HMAC_SECRET_LENGTH = 16;

    private ProductionChecks() {
    }

    /** The settings the checks look at; empty Optionals mean "not configured". */
    public record Settings(Optional<String> jwtPublicKey, Optional<String> jwtPublicKeyLocation,
            Optional<String> reactiveUrl, Optional<String> jdbcUrl, Optional<String> hmacSecret,
            Optional<String> receiptSigningKey) {
    }

    /** Every problem found, each a full sentence naming the env var that fixes it; empty when fine. */
    public static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        if (blank(s.jwtPublicKey()) && blank(s.jwtPublicKeyLocation())) {
            problems.add("no JWT verification key is configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "(path or URL of a PEM/JWK/JWKS public key, e.g. your OIDC issuer's JWKS) "
                    + "or MP_JWT_VERIFY_PUBLICKEY (the key itself)");
        }
        if (blank(s.reactiveUrl())) {
            problems.add("no datasource is configured: set QUARKUS_DATASOURCE_REACTIVE_URL "
                    + "(postgresql://HOST:5432/DB) with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD");
        }
        if (blank(s.jdbcUrl())) {
            problems.add("no JDBC URL for schema migrations is configured: set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(jdbc:postgresql://HOST:5432/DB, same database as QUARKUS_DATASOURCE_REACTIVE_URL)");
        }
        if (s.hmacSecret().map(String::strip).orElse("").length() < MIN_HMAC_SECRET_LENGTH) {
            problems.add("no HMAC secret for keyed hashes of erased identifiers is configured: set LETHE_HMAC_SECRET "
                    + "(at least " + MIN_HMAC_SECRET_LENGTH + " characters, e.g. openssl rand -base64 48)");
        }
        if (blank(s.receiptSigningKey())) {
            problems.add("no signing key for erasure receipts is configured: set LETHE_RECEIPT_SIGNING_KEY (an RSA"
                    + " private key as PKCS#8 PEM, at least " + ReceiptSigningKey.MIN_BITS + " bits, e.g. openssl genpkey"
                    + " -algorithm RSA -pkeyopt rsa_keygen_bits:3072)");
        } else {
            try {
                ReceiptSigningKey.parse(s.receiptSigningKey().get());
            } catch (IllegalArgumentException e) {
                // the reason names the format problem, never the key
                problems.add("LETHE_RECEIPT_SIGNING_KEY cannot be used: " + e.getMessage());
            }
        }
        return problems;
    }

    /** One message listing every problem, so a deployer fixes them all in one round. */
    public static String message(List<String> problems) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (String problem : problems) {
            sb.append("\n  - ").append(problem);
        }
        sb.append("\n  (see docs/deployment.md, section Configuration)");
        return sb.toString();
    }

    private static boolean blank(Optional<String> value) {
        return value.map(String::isBlank).orElse(true);
    }
}
