package io.lethe.request;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Clock;
import io.lethe.db.Ids;
import io.lethe.export.ExportFormat;
import io.lethe.export.ExportService;
import io.lethe.api.BadUserInputException;
import io.lethe.api.ConflictException;
import io.lethe.api.InputRules;
import io.lethe.api.NotFoundException;
import io.lethe.redaction.DataSubject;
import io.lethe.redaction.RedactionJobService;
import io.lethe.security.Caller;
import io.lethe.security.SubjectHasher;
import io.lethe.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Opens and closes GDPR case files. What opening does depends on the right invoked:
 * <ul>
 * <li>ERASURE starts an erasure job linked to the case (IN_PROGRESS); the case completes by itself
 * when its linked jobs have all succeeded ({@link RequestCompletionHook}), and its subject is then
 * masked. A failed or cancelled job leaves the case IN_PROGRESS for an admin to decide.</li>
 * <li>ACCESS prepares a CSV and a JSON export linked to the case. They are ready at once, so the
 * case is COMPLETED when it opens (the links expire; a new export can be requested any time).</li>
 * <li>RECTIFICATION, RESTRICTION and OBJECTION open the case (OPEN) for an admin to act on
 * ({@code rectifyVisitor}, {@code restrictProcessing}, ...) and close by hand.</li>
 * </ul>
 * Everything happens in one transaction with its audit events.
 */
@ApplicationScoped
public class DataSubjectRequestService {
    static final int MAX_NOTE = 4000;

    private final AuditLog audit;
    private final SubjectHasher hasher;
    private final TenantService tenants;
    private final RedactionJobService jobs;
    private final ExportService exports;
    private final ErasedValues erased;

    public DataSubjectRequestService(AuditLog audit, SubjectHasher hasher, TenantService tenants,
            RedactionJobService jobs, ExportService exports, ErasedValues erased) {
        this.audit = audit;
        this.hasher = hasher;
        this.tenants = tenants;
        this.jobs = jobs;
        this.exports = exports;
        this.erased = erased;
    }

    @WithTransaction
    public Uni<DataSubjectRequest> open(Caller caller, DataSubjectRequestInput input) {
        if (input == null || input.type() == null) {
            throw new BadUserInputException("`type` is required");
        }
        String email = InputRules.normalizeEmail("email", input.email());
        OffsetDateTime now = Clock.now();
        OffsetDateTime received = Clock.micros(InputRules.notInFuture("receivedAt", input.receivedAt(), now));
        String note = InputRules.optionalText("note", input.note(), MAX_NOTE);
        return create(caller, input.type(), DataSubject.email(email), received, note, now);
    }

    /**
     * Opens an ERASURE case for the subject (and so starts its job) unless an ERASURE case of the
     * same subject is still OPEN or IN_PROGRESS: then that case is returned and nothing is written.
     * Joins the caller's transaction; a transaction-scoped advisory lock on the subject makes two
     * concurrent calls for one subject open one case.
     */
    public Uni<OpenedErasure> openErasureUnlessOpen(Caller caller, DataSubject subject, String note) {
        String subjectHash = subject.hash(hasher);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                        "select 1 from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) locked", Integer.class)
                        .setParameter("key", caller.tenantId() + "/" + subjectHash).getSingleResult())
                .chain(() -> DataSubjectRequest.<DataSubjectRequest>find(
                        "tenantId = ?1 and type = ?2 and subjectHash = ?3 and status in (?4, ?5) order by createdAt",
                        caller.tenantId(), RequestType.ERASURE, subjectHash, RequestStatus.OPEN,
                        RequestStatus.IN_PROGRESS).<DataSubjectRequest>firstResult())
                .chain(open -> {
                    if (open != null) {
                        return Uni.createFrom().item(new OpenedErasure(open, false));
                    }
                    OffsetDateTime now = Clock.now();
                    return create(caller, RequestType.ERASURE, subject, now, note, now)
                            .map(created -> new OpenedErasure(created, true));
                });
    }

    /** An ERASURE case and whether this call opened it. */
    public record OpenedErasure(DataSubjectRequest request, boolean opened) {
    }

    private Uni<DataSubjectRequest> create(Caller caller, RequestType type, DataSubject subject,
            OffsetDateTime received, String note, OffsetDateTime now) {
        DataSubjectRequest r = new DataSubjectRequest();
        r.id = UUID.randomUUID();
        r.tenantId = caller.tenantId();
        r.type = type;
        r.subject = subject.identifier();
        r.subjectHash = subject.hash(hasher);
        r.receivedAt = received;
        r.dueAt = Deadlines.dueAt(received);
        r.note = note;
        r.createdBy = caller.actor();
        r.createdAt = now;
        r.status = switch (r.type) {
            case ERASURE -> RequestStatus.IN_PROGRESS;
            case ACCESS -> RequestStatus.COMPLETED;
            default -> RequestStatus.OPEN;
        };
        if (r.status == RequestStatus.COMPLETED) {
            r.completedAt = now;
        }
        return tenants.ensure(caller.tenantId())
                // a note naming an erased subject's values does not bring them back
                .chain(() -> erased.scrub(r.tenantId, r.subjectHash, r.note)).invoke(n -> r.note = n)
                .chain(() -> r.<DataSubjectRequest>persist())
                .call(saved -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), "dsr.opened",
                        "DataSubjectRequest", saved.id).withDetails("type=" + saved.type + " subject=" + saved.subjectHash
                                + " dueAt=" + saved.dueAt.toInstant())))
                .call(saved -> switch (saved.type) {
                    case ERASURE -> jobs.requestErasure(caller, subject, saved.id);
                    case ACCESS -> exports.create(caller, subject.identifier(), ExportFormat.CSV, saved.id)
                            .chain(() -> exports.create(caller, subject.identifier(), ExportFormat.JSON, saved.id))
                            .call(() -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(),
                                    "dsr.completed", "DataSubjectRequest", saved.id).withDetails("exports prepared")));
                    default -> Uni.createFrom().voidItem();
                });
    }

    /** Closes an open case by hand: COMPLETED or REJECTED, with an optional note. */
    @WithTransaction
    public Uni<DataSubjectRequest> close(Caller caller, String id, RequestStatus status, String note) {
        if (status != RequestStatus.COMPLETED && status != RequestStatus.REJECTED) {
            throw new BadUserInputException("`status` must be COMPLETED or REJECTED");
        }
        String resolution = InputRules.optionalText("note", note, MAX_NOTE);
        var uuid = Ids.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().failure(notFound());
        }
        return DataSubjectRequest.<DataSubjectRequest>find("id = ?1 and tenantId = ?2", uuid.get(), caller.tenantId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(DataSubjectRequestService::notFound)
                .invoke(r -> {
                    if (!r.status.isOpen()) {
                        throw new ConflictException("the request is already " + r.status);
                    }
                    r.status = status;
                    r.completedAt = Clock.now();
                    r.resolutionNote = resolution;
                    r.closedBy = caller.actor();
                    if (r.type == RequestType.ERASURE && status == RequestStatus.COMPLETED) {
                        maskSubject(r);
                    }
                })
                // a note written after an erasure of this subject (or naming an erased subject) loses those values
                .call(r -> erased.scrub(r.tenantId, r.subjectHash, r.resolutionNote).invoke(n -> r.resolutionNote = n))
                .call(r -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), "dsr.closed",
                        "DataSubjectRequest", r.id).withDetails("status=" + r.status)));
    }

    /** Once an erasure is complete the case keeps only the masked email (and its keyed hash). */
    static void maskSubject(DataSubjectRequest r) {
        String clear = r.subject;
        r.subject = SubjectMask.mask(clear);
        r.note = SubjectMask.scrub(r.note, clear);
        r.resolutionNote = SubjectMask.scrub(r.resolutionNote, clear);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("data-subject request not found");
    }
}
