package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Clock;
import io.lethe.security.Caller;
import io.lethe.transcript.Transcript;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Erasures kept waiting by legal hold. An erasure that skips a held transcript of its subject
 * records a pending erasure (table {@code pending_erasure}: visitor, transcript, the subject's keyed
 * hash, case and job; never the email). When that hold is lifted, {@link #release} enqueues the
 * erasure of the transcript in the same transaction: an ERASURE job with the transcript's id and
 * the subject's hash, linked to the same case, whose subject is the transcript's visitor row, read
 * when it runs. The transcript counts as retained (the case's {@code retainedOnHold}) until it is
 * redacted; the visitor's profile goes with the last of their transcripts, as for any redaction.
 */
@ApplicationScoped
public class HeldErasures {
    private final JobsConfig config;
    private final AuditLog audit;

    public HeldErasures(JobsConfig config, AuditLog audit) {
        this.config = config;
        this.audit = audit;
    }

    /**
     * Joins the caller's transaction, the transcript locked and its hold just lifted: one ERASURE job
     * per case (or per erasure without a case) still waiting for this transcript, unless one is
     * already queued or running for it.
     */
    public Uni<List<RedactionJob>> release(Caller caller, Transcript transcript) {
        if (transcript.redactedAt != null || transcript.legalHold) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select coalesce(p.request_id::text, ''), min(p.subject_hash) from pending_erasure p
                where p.tenant_id = ?1 and p.transcript_id = ?2
                  and not exists (select 1 from redaction_job j where j.tenant_id = p.tenant_id and j.id = p.erasure_job_id
                                  and j.status in ('QUEUED', 'RUNNING'))
                group by p.request_id
                """).setParameter(1, caller.tenantId()).setParameter(2, transcript.id).getResultList())
                .chain(rows -> {
                    Map<String, String> byCase = new LinkedHashMap<>();
                    for (Object row : rows) {
                        Object[] values = (Object[]) row;
                        byCase.put((String) values[0], (String) values[1]);
                    }
                    if (byCase.isEmpty()) {
                        return Uni.createFrom().item(List.<RedactionJob>of());
                    }
                    List<RedactionJob> created = new ArrayList<>();
                    return Multi.createFrom().iterable(byCase.entrySet())
                            .onItem().transformToUniAndConcatenate(e -> enqueue(caller, transcript,
                                    e.getKey().isEmpty() ? null : UUID.fromString(e.getKey()), e.getValue())
                                    .invoke(created::add))
                            .collect().last().replaceWith(created);
                });
    }

    private Uni<RedactionJob> enqueue(Caller caller, Transcript transcript, UUID requestId, String subjectHash) {
        OffsetDateTime now = Clock.now();
        RedactionJob job = new RedactionJob();
        job.id = UUID.randomUUID();
        job.tenantId = caller.tenantId();
        job.kind = JobKind.ERASURE;
        job.status = JobStatus.QUEUED;
        job.requestedBy = caller.actor();
        job.requestedAt = now;
        job.nextAttemptAt = now;
        job.maxAttempts = config.maxAttempts();
        job.subjectHash = subjectHash;
        job.transcriptId = transcript.id;
        job.requestId = requestId;
        job.phase = ErasureBatches.PHASE_SUBJECT;
        return job.<RedactionJob>persist()
                .call(JobQueue::queued)
                .call(saved -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        update pending_erasure set erasure_job_id = ?1
                        where tenant_id = ?2 and transcript_id = ?3 and request_id is not distinct from ?4
                        """).setParameter(1, saved.id).setParameter(2, saved.tenantId).setParameter(3, transcript.id)
                        .setParameter(4, requestId).executeUpdate()))
                .call(saved -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), "erasure.requested",
                        "RedactionJob", saved.id).withDetails("subject=" + subjectHash + " transcript=" + transcript.id
                                + (requestId == null ? "" : " request=" + requestId) + " reason=legal-hold-lifted")));
    }
}
