package io.lethe.request;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.redaction.JobFinishedHook;
import io.lethe.redaction.JobKind;
import io.lethe.redaction.JobStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs inside a redaction job's final transaction. When a job linked to a case succeeds and none of
 * the case's other jobs is left unsucceeded, the case is COMPLETED. When an erasure succeeds, every
 * case file of that subject (same keyed hash) keeps only the masked email from then on, and the
 * subject's values leave the notes of every case ({@link CaseNoteScrubber}): in each erasure batch,
 * while the values still exist, and once more in the final transaction.
 */
@ApplicationScoped
public class RequestCompletionHook implements JobFinishedHook {
    static final String ACTOR = "system:dsr";

    private final AuditLog audit;
    private final CaseNoteScrubber notes;

    public RequestCompletionHook(AuditLog audit, CaseNoteScrubber notes) {
        this.audit = audit;
        this.notes = notes;
    }

    @Override
    public Uni<CopiesRemoved> beforeErasureBatch(SqlConnection conn, ErasureSubject subject) {
        return notes.scrub(conn, subject.tenantId(), subject.email(), subject.subjectHash(), subject.visitorIds())
                .replaceWith(CopiesRemoved.NONE);
    }

    @Override
    public Uni<Void> onFinished(SqlConnection conn, FinishedJob job) {
        if (job.status() != JobStatus.SUCCEEDED) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> complete = job.requestId() == null ? Uni.createFrom().voidItem() : completeIfDone(conn, job);
        return job.kind() == JobKind.ERASURE ? complete.chain(() -> maskSubject(conn, job)) : complete;
    }

    private Uni<Void> completeIfDone(SqlConnection conn, FinishedJob job) {
        return conn.preparedQuery("""
                update data_subject_request r set status = 'COMPLETED', completed_at = now()
                where r.tenant_id = $1 and r.id = $2 and r.status in ('OPEN', 'IN_PROGRESS')
                  and not exists (select 1 from redaction_job j where j.tenant_id = r.tenant_id
                                  and j.request_id = r.id and j.status <> 'SUCCEEDED')
                returning r.id
                """).execute(Tuple.of(job.tenantId(), job.requestId()))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                        : audit.append(conn, job.tenantId(), AuditEntry.of(ACTOR, "dsr.completed",
                                "DataSubjectRequest", job.requestId()).withDetails("linked jobs succeeded")));
    }

    private Uni<Void> maskSubject(SqlConnection conn, FinishedJob job) {
        return scrubNotes(conn, job).chain(() -> conn.preparedQuery("""
                select r.id, r.subject, r.note, r.resolution_note from data_subject_request r
                join redaction_job j on j.tenant_id = r.tenant_id and j.subject_hash = r.subject_hash
                where j.id = $1 and r.tenant_id = $2
                for update of r
                """).execute(Tuple.of(job.id(), job.tenantId()))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .select().where(row -> !SubjectMask.isMasked(row.getString("subject")))
                        .onItem().transformToUniAndConcatenate(row -> mask(conn, row))
                        .collect().last()))
                .replaceWithVoid();
    }

    /** The job's email is gone by now; the subject's cases still name it until they are masked below. */
    private Uni<Void> scrubNotes(SqlConnection conn, FinishedJob job) {
        return conn.preparedQuery("""
                select distinct r.subject, r.subject_hash from data_subject_request r
                join redaction_job j on j.tenant_id = r.tenant_id and j.subject_hash = r.subject_hash
                where j.id = $1 and r.tenant_id = $2
                """).execute(Tuple.of(job.id(), job.tenantId()))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .select().where(row -> !SubjectMask.isMasked(row.getString("subject")))
                        .onItem().transformToUniAndConcatenate(row -> notes.scrub(conn, job.tenantId(),
                                row.getString("subject"), row.getString("subject_hash")))
                        .collect().last())
                .replaceWithVoid();
    }

    private static Uni<Void> mask(SqlConnection conn, Row row) {
        String clear = row.getString("subject");
        return conn.preparedQuery("update data_subject_request set subject = $2, note = $3, resolution_note = $4"
                + " where id = $1")
                .execute(Tuple.of(row.getUUID("id"), SubjectMask.mask(clear),
                        SubjectMask.scrub(row.getString("note"), clear),
                        SubjectMask.scrub(row.getString("resolution_note"), clear)))
                .replaceWithVoid();
    }
}
