package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Clock;
import io.lethe.db.Ids;
import io.lethe.api.ConflictException;
import io.lethe.api.InputRules;
import io.lethe.api.NotFoundException;
import io.lethe.security.Caller;
import io.lethe.security.SubjectHasher;
import io.lethe.tenant.TenantService;
import io.lethe.transcript.Transcript;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Creates and cancels redaction jobs; the {@link JobWorker} runs them. */
@ApplicationScoped
public class RedactionJobService {
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final JobsConfig config;
    private final AuditLog audit;
    private final SubjectHasher hasher;
    private final TenantService tenants;

    public RedactionJobService(JobsConfig config, AuditLog audit, SubjectHasher hasher, TenantService tenants) {
        this.config = config;
        this.audit = audit;
        this.hasher = hasher;
        this.tenants = tenants;
    }

    /**
     * Erasure by email: all transcripts of every visitor with that email. The same idempotency key
     * returns the first job and creates nothing; reusing a key for another email is a CONFLICT.
     */
    @WithTransaction
    public Uni<RedactionJob> requestErasure(Caller caller, ErasureInput input, UUID requestId) {
        String email = InputRules.normalizeEmail("email", input.email());
        String key = InputRules.optionalText("idempotencyKey", input.idempotencyKey(), MAX_IDEMPOTENCY_KEY);
        String subjectHash = hasher.hash(email);
        Uni<RedactionJob> existing = key == null ? Uni.createFrom().nullItem()
                : RedactionJob.<RedactionJob>find("tenantId = ?1 and idempotencyKey = ?2", caller.tenantId(), key)
                        .firstResult();
        return existing.chain(found -> {
            if (found != null) {
                if (!subjectHash.equals(found.subjectHash)) {
                    throw new ConflictException("idempotencyKey was already used for a different erasure");
                }
                return Uni.createFrom().item(found);
            }
            return newErasure(caller, DataSubject.email(email), subjectHash, key,
                    Boolean.TRUE.equals(input.searchAllTranscripts()), requestId);
        });
    }

    /**
     * The erasure job of a data-subject request (no idempotency key, the subject's own transcripts
     * only); joins the caller's transaction. A visitor-key subject's job walks that visitor's
     * transcripts ({@link ErasureBatches#PHASE_VISITOR_KEY}).
     */
    public Uni<RedactionJob> requestErasure(Caller caller, DataSubject subject, UUID requestId) {
        return newErasure(caller, subject, subject.hash(hasher), null, false, requestId);
    }

    private Uni<RedactionJob> newErasure(Caller caller, DataSubject subject, String subjectHash, String key,
            boolean searchAll, UUID requestId) {
        RedactionJob job = newJob(caller, JobKind.ERASURE);
        job.idempotencyKey = key;
        job.subjectEmail = subject.identifier();
        job.subjectHash = subjectHash;
        job.searchAll = searchAll && subject.kind() == DataSubject.Kind.EMAIL;
        job.phase = subject.kind() == DataSubject.Kind.VISITOR_KEY ? ErasureBatches.PHASE_VISITOR_KEY
                : job.searchAll ? ErasureBatches.PHASE_MENTIONS : ErasureBatches.PHASE_SUBJECT;
        job.requestId = requestId;
        return tenants.ensure(caller.tenantId())
                .chain(() -> job.<RedactionJob>persist())
                .call(JobQueue::queued)
                .call(saved -> audit.append(caller.tenantId(),
                        AuditEntry.of(caller.actor(), "erasure.requested", "RedactionJob", saved.id)
                                .withDetails("subject=" + subjectHash + (job.searchAll ? " searchAll" : ""))));
    }

    @WithTransaction
    public Uni<RedactionJob> redactTranscript(Caller caller, String transcriptId) {
        var id = Ids.parse(transcriptId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(new NotFoundException("transcript not found"));
        }
        return Transcript.<Transcript>find("id = ?1 and tenantId = ?2", id.get(), caller.tenantId()).firstResult()
                .onItem().ifNull().failWith(() -> new NotFoundException("transcript not found"))
                .chain(transcript -> {
                    RedactionJob job = newJob(caller, JobKind.TRANSCRIPT);
                    job.transcriptId = transcript.id;
                    return job.<RedactionJob>persist();
                })
                .call(JobQueue::queued)
                .call(job -> audit.append(caller.tenantId(),
                        AuditEntry.of(caller.actor(), "transcript.redaction-requested", "Transcript", job.transcriptId)
                                .withDetails("job=" + job.id)));
    }

    /**
     * Enqueues a retention sweep unless one is already queued or running for the tenant. Joins the
     * caller's transaction; returns the active job in either case.
     */
    public Uni<RedactionJob> enqueueRetention(String tenantId, String actor) {
        return RedactionJob.<RedactionJob>find("tenantId = ?1 and kind = ?2 and status in (?3, ?4)", tenantId,
                JobKind.RETENTION, JobStatus.QUEUED, JobStatus.RUNNING).firstResult()
                .chain(active -> {
                    if (active != null) {
                        return Uni.createFrom().item(active);
                    }
                    RedactionJob job = newJob(new Caller(tenantId, actor, java.util.Set.of()), JobKind.RETENTION);
                    return job.<RedactionJob>persist()
                            .call(JobQueue::queued)
                            .call(saved -> audit.append(tenantId,
                                    AuditEntry.of(actor, "retention.applied", "RedactionJob", saved.id)));
                });
    }

    /**
     * Stops a QUEUED job now, a RUNNING one between batches; transcripts already done stay redacted.
     * Subscribers are told in this transaction (see {@link JobProgress}).
     */
    @WithTransaction
    public Uni<RedactionJob> cancel(Caller caller, String jobId) {
        var id = Ids.parse(jobId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(new NotFoundException("job not found"));
        }
        return RedactionJob.<RedactionJob>find("id = ?1 and tenantId = ?2", id.get(), caller.tenantId())
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> new NotFoundException("job not found"))
                .invoke(job -> {
                    if (!job.status.isActive()) {
                        throw new ConflictException("only QUEUED or RUNNING jobs can be cancelled; this one is "
                                + job.status);
                    }
                    job.cancelRequested = true;
                    if (job.status == JobStatus.QUEUED) {
                        job.status = JobStatus.CANCELLED;
                        job.finishedAt = Clock.now();
                        job.subjectEmail = null;
                    }
                })
                // a job cancelled while queued (e.g. between retries) ends here, not in a final transaction
                .call(job -> job.status == JobStatus.CANCELLED ? ErasureResidue.forget(job.tenantId, job.id)
                        : Uni.createFrom().voidItem())
                .call(job -> audit.append(caller.tenantId(),
                        AuditEntry.of(caller.actor(), "job.cancelled", "RedactionJob", job.id)))
                .call(job -> Panache.getSession().chain(session -> session
                        .createNativeQuery("select pg_notify(:channel, :payload)::text")
                        .setParameter("channel", JobProgress.CHANNEL)
                        .setParameter("payload", JobProgress.payload(job.tenantId, job.id)).getSingleResult()));
    }

    private RedactionJob newJob(Caller caller, JobKind kind) {
        OffsetDateTime now = Clock.now();
        RedactionJob job = new RedactionJob();
        job.id = UUID.randomUUID();
        job.tenantId = caller.tenantId();
        job.kind = kind;
        job.status = JobStatus.QUEUED;
        job.requestedBy = caller.actor();
        job.requestedAt = now;
        job.nextAttemptAt = now;
        job.maxAttempts = config.maxAttempts();
        return job;
    }
}
