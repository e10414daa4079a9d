package io.lethe.audit;

/**
 * Walks a tenant's chain one page at a time, keeping only the last event: seq runs 1, 2, 3, ...
 * without a gap, the first event chains from {@link AuditChain#GENESIS}, and each event's stored
 * previous hash and hash are what the chain computes from the event before it and its content.
 */
final class AuditChainCheck {
    private String previousHash = AuditChain.GENESIS;
    private long lastSeq;
    private boolean valid = true;

    /** Checks the next events in seq order; false (and false from then on) once one does not chain. */
    boolean accept(Iterable<AuditEventView> events) {
        for (AuditEventView e : events) {
            if (!valid) {
                return false;
            }
            if (e.seq() != lastSeq + 1 || !e.chainsFrom(previousHash)) {
                valid = false;
                return false;
            }
            previousHash = e.hash();
            lastSeq = e.seq();
        }
        return valid;
    }

    long lastSeq() {
        return lastSeq;
    }

    boolean valid() {
        return valid;
    }
}
