package io.lethe.redaction;

import java.util.Objects;

import io.lethe.security.SubjectHasher;

/**
 * Whom an erasure is for: a normalised email (every visitor with it), or the key of one visitor
 * who never gave an email. The identifier is personal data: it lives in a job or case only while
 * it is needed; {@link #hash} is what stays.
 */
public record DataSubject(Kind kind, String identifier) {
    public enum Kind { EMAIL, VISITOR_KEY }

    /**
     * A normalised email never contains ':', so a prefixed visitor key can never hash like an email:
     * the two kinds of subject are never linked by accident.
     */
    private static final String VISITOR_KEY_PREFIX = "visitor-key:";

    public DataSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identifier, "identifier");
    }

    public static DataSubject email(String normalizedEmail) {
        return new DataSubject(Kind.EMAIL, normalizedEmail);
    }

    public static DataSubject visitorKey(String visitorKey) {
        return new DataSubject(Kind.VISITOR_KEY, visitorKey);
    }

    /** The keyed hash that names this subject in job, case and audit rows for good. */
    public String hash(SubjectHasher hasher) {
        return hasher.hash(kind == Kind.EMAIL ? identifier : VISITOR_KEY_PREFIX + identifier);
    }
}
