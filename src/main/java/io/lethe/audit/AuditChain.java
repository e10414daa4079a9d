package io.lethe.audit;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import io.lethe.security.Hashing;

/** The hash chain: hash = sha256(previous hash + canonical form of the event). */
public final class AuditChain {
    /** The previous hash of a tenant's first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String prevHash, long seq, OffsetDateTime at, AuditEntry e) {
        String canonical = String.join("\u001f", prevHash, Long.toString(seq),
                DateTimeFormatter.ISO_INSTANT.format(at.toInstant()), e.actor(), e.action(), nullToEmpty(e.targetType()),
                nullToEmpty(e.targetId()), nullToEmpty(e.details()));
        return Hashing.sha256Hex(canonical);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
