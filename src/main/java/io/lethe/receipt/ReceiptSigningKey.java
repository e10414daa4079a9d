package io.lethe.receipt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The key that signs erasure receipts (RS256): an RSA private key in PKCS#8 PEM, the form
 * {@code openssl genpkey -algorithm RSA} writes. The public half follows from the private key's
 * CRT form, so one secret is all a deployment keeps. Plain Java, so the production checks can
 * validate the setting while the configuration loads. Failure messages never quote the key.
 */
public final class ReceiptSigningKey {
    /** Shortest accepted modulus. */
    public static final int MIN_BITS = 2048;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;

    private ReceiptSigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads a PKCS#8 PEM RSA key; an env var may carry its line breaks as literal {@code \n}. */
    public static ReceiptSigningKey parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no key given");
        }
        String text = pem.replace("\\n", "\n").strip();
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                || text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("the key is not an unencrypted PKCS#8 PEM (\"" + BEGIN + "\");"
                    + " convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the key is not a PEM block starting with \"" + BEGIN + "\"");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text.substring(begin + BEGIN.length(), end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block is not valid base64");
        }
        java.security.PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key is not an RSA private key (receipts are signed with RS256)");
        }
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the RSA key lacks its public exponent (CRT form)");
        }
        if (crt.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalArgumentException("the RSA key has " + crt.getModulus().bitLength() + " bits; at least "
                    + MIN_BITS + " are needed");
        }
        return new ReceiptSigningKey(crt, publicOf(crt.getModulus(), crt.getPublicExponent()));
    }

    /** A fresh key for dev mode and tests, which have no configured one. */
    public static ReceiptSigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_BITS);
            var pair = generator.generateKeyPair();
            return new ReceiptSigningKey((RSAPrivateCrtKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JVM", e);
        }
    }

    /** The key as PKCS#8 PEM (what LETHE_RECEIPT_SIGNING_KEY holds). */
    public String toPem() {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded()) + "\n" + END + "\n";
    }

    RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }

    private static RSAPublicKey publicOf(BigInteger modulus, BigInteger exponent) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the RSA key's public half cannot be built");
        }
    }
}
