package io.lethe.audit;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import io.lethe.security.Hashing;

/**
 * The hash chain: hash = sha256 (lower-case hex) of the UTF-8 bytes of the previous hash, seq, time,
 * actor, action, target type, target id and details, in that order, joined by U+001F (unit
 * separator), a missing value as the empty string. docs/audit.md describes the same rule for
 * checking a downloaded log offline.
 */
public final class AuditChain {
    /** The previous hash of a tenant's first event. */
    public static final String GENESIS = "0".repeat(64);
    static final String SEPARATOR = "\u001f";

    private AuditChain() {
    }

    public static String hash(String prevHash, long seq, OffsetDateTime at, AuditEntry e) {
        String canonical = String.join(SEPARATOR, prevHash, Long.toString(seq), time(at), e.actor(), e.action(),
                nullToEmpty(e.targetType()), nullToEmpty(e.targetId()), nullToEmpty(e.details()));
        return Hashing.sha256Hex(canonical);
    }

    /** The event time as hashed: ISO-8601 in UTC, fraction digits in groups of three as needed (2026-01-31T09:15:02.123400Z). */
    static String time(OffsetDateTime at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.toInstant());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
