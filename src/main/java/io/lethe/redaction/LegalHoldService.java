package io.lethe.redaction;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.api.InputRules;
import io.lethe.security.Caller;
import io.lethe.transcript.IngestService;
import io.lethe.transcript.Transcript;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Held transcripts are skipped by retention and erasure until the hold is lifted; lifting it
 * enqueues, in the same transaction, the erasures that were waiting for it ({@link HeldErasures}).
 */
@ApplicationScoped
public class LegalHoldService {
    private static final int MAX_REASON = 1000;
    private final IngestService transcripts;
    private final AuditLog audit;
    private final HeldErasures heldErasures;

    public LegalHoldService(IngestService transcripts, AuditLog audit, HeldErasures heldErasures) {
        this.transcripts = transcripts;
        this.audit = audit;
        this.heldErasures = heldErasures;
    }

    @WithTransaction
    public Uni<Transcript> setHold(Caller caller, String transcriptId, boolean hold, String reason) {
        String why = InputRules.optionalText("reason", reason, MAX_REASON);
        return transcripts.lock(caller, transcriptId)
                .invoke(t -> {
                    t.legalHold = hold;
                    t.legalHoldReason = hold ? why : null;
                })
                .call(t -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(),
                        hold ? "legal-hold.set" : "legal-hold.lifted", "Transcript", t.id)
                        .withDetails(hold && why != null ? "reason=" + why : null)))
                .call(t -> hold ? Uni.createFrom().voidItem() : heldErasures.release(caller, t));
    }
}
