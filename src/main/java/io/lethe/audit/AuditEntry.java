package io.lethe.audit;

/**
 * What to record. {@code details} is a short machine-readable note (counts, changed field names,
 * keyed hashes) and must never contain message text, emails, phones or names.
 */
public record AuditEntry(String actor, String action, String targetType, String targetId, String details) {

    public static AuditEntry of(String actor, String action, String targetType, Object targetId) {
        return new AuditEntry(actor, action, targetType, targetId == null ? null : targetId.toString(), null);
    }

    public AuditEntry withDetails(String newDetails) {
        return new AuditEntry(actor, action, targetType, targetId, newDetails);
    }
}
