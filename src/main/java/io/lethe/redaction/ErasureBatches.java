package io.lethe.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.lethe.redaction.engine.RedactionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ERASURE jobs: with searchAllTranscripts first the MENTIONS phase (other visitors' transcripts
 * naming the subject's email or phones), then the SUBJECT phase (every transcript of every
 * visitor with the email), each in id order. The erasure of a visitor who never gave an email runs
 * the VISITOR_KEY phase alone: that visitor's transcripts, its subject being the visitor key. An
 * erasure with a transcript id is the erasure of one transcript released from legal hold
 * ({@link HeldErasures}): no email is stored for it, its subject is the visitor row of that
 * transcript, read at run time.
 * <p>
 * Each batch, in its transaction and before anything is redacted: the hooks remove the subject's
 * other copies (case notes, export links), the subject's identifiers are kept for the final
 * residue scan ({@link ErasureResidue}); after the redaction, the subject's held transcripts are
 * recorded as pending erasures and the job's extra counts advance.
 */
final class ErasureBatches implements BatchSource {
    static final String PHASE_MENTIONS = "MENTIONS";
    static final String PHASE_SUBJECT = "SUBJECT";
    static final String PHASE_VISITOR_KEY = "VISITOR_KEY";

    private final TranscriptRedactor redactor;
    private final List<JobFinishedHook> hooks;

    ErasureBatches(TranscriptRedactor redactor, List<JobFinishedHook> hooks) {
        this.redactor = redactor;
        this.hooks = hooks;
    }

    /** Who is being erased, as far as this batch can still read it. */
    record Subject(String email, List<UUID> visitorIds, List<String> phones, List<String> visitorKeys) {
        UUID[] visitorArray() {
            return visitorIds.toArray(UUID[]::new);
        }
    }

    @Override
    public Uni<Batch> next(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size) {
        return subjectOf(conn, job).chain(subject -> beforeBatch(conn, job, subject)
                .chain(copies -> (PHASE_MENTIONS.equals(job.position().phase())
                        ? mentions(conn, job, subject, policy, size)
                        : subjectTranscripts(conn, job, subject, policy, size))
                        .call(step -> count(conn, job, subject, copies, step.formValues()))
                        .map(Step::batch)));
    }

    /** A batch and the form values it replaced (not among the shared counts of {@link BatchOutcome}). */
    private record Step(Batch batch, int formValues) {
    }

    static Uni<Subject> subjectOf(SqlConnection conn, LeasedJob job) {
        boolean byKey = PHASE_VISITOR_KEY.equals(job.position().phase());
        Uni<RowSet<Row>> rows = job.transcriptId() == null
                ? conn.preparedQuery("select id, visitor_key, email, phone from visitor where tenant_id = $1 and "
                        + (byKey ? "visitor_key = $2" : "lower(email) = $2") + " and redacted_at is null")
                        .execute(Tuple.of(job.tenantId(), job.subjectEmail()))
                : conn.preparedQuery("""
                        select v.id, v.visitor_key, v.email, v.phone from transcript t
                        join visitor v on v.tenant_id = t.tenant_id and v.id = t.visitor_id
                        where t.tenant_id = $1 and t.id = $2 and v.redacted_at is null
                        """).execute(Tuple.of(job.tenantId(), job.transcriptId()));
        return rows.map(found -> {
            String email = byKey ? null : job.subjectEmail();
            List<UUID> visitors = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Row row : found) {
                visitors.add(row.getUUID("id"));
                keys.add(row.getString("visitor_key"));
                String phone = row.getString("phone");
                if (phone != null && !phone.isBlank()) {
                    phones.add(phone);
                }
                String rowEmail = row.getString("email");
                if (email == null && rowEmail != null && !rowEmail.isBlank()) {
                    email = rowEmail.trim().toLowerCase(Locale.ROOT);
                }
            }
            return new Subject(email, visitors, phones, keys);
        });
    }

    /** Other features' copies first, while the subject's values can still be read; then the residue terms. */
    private Uni<JobFinishedHook.CopiesRemoved> beforeBatch(SqlConnection conn, LeasedJob job, Subject subject) {
        var erasureSubject = new JobFinishedHook.ErasureSubject(job.id(), job.tenantId(), subject.email(),
                job.subjectHash(), List.copyOf(subject.visitorIds()));
        Uni<JobFinishedHook.CopiesRemoved> chain = Uni.createFrom().item(JobFinishedHook.CopiesRemoved.NONE);
        for (JobFinishedHook hook : hooks) {
            chain = chain.chain(sum -> hook.beforeErasureBatch(conn, erasureSubject).map(sum::plus));
        }
        return chain.call(() -> ErasureResidue.keepTerms(conn, job, subject));
    }

    private Uni<Step> subjectTranscripts(SqlConnection conn, LeasedJob job, Subject subject, RedactionPolicy policy,
            int size) {
        UUID after = job.position().resumeAfterId();
        boolean released = job.transcriptId() != null;
        String phase = PHASE_VISITOR_KEY.equals(job.position().phase()) ? PHASE_VISITOR_KEY : PHASE_SUBJECT;
        Uni<List<UUID>> batch = released ? Uni.createFrom().item(List.of(job.transcriptId()))
                : conn.preparedQuery("select t.id" + subjectTranscripts(phase) + " order by t.id limit $4")
                        .execute(Tuple.of(job.tenantId(), job.subjectEmail(), after, size))
                        .map(ErasureBatches::ids);
        return batch.chain(ids -> formValuesToRedact(conn, job, ids)
                .chain(forms -> redactor.redactTranscripts(conn, job.id(), job.tenantId(), ids, policy)
                        .call(() -> released ? Uni.createFrom().voidItem() : recordHeld(conn, job, ids))
                        .map(o -> new Step(new Batch(o, ids.size(), new LeasedJob.Position(phase, null, null,
                                BatchSource.last(ids, after)), released || ids.size() < size), forms))));
    }

    /**
     * The subject's transcripts ($1 tenant, $2 email or visitor key, $3 keyset id): a visitor key is
     * unique among the tenant's live visitors, an email may belong to several.
     */
    private static String subjectTranscripts(String phase) {
        return " from transcript t join visitor v on v.tenant_id = t.tenant_id and v.id = t.visitor_id"
                + " where t.tenant_id = $1 and " + (PHASE_VISITOR_KEY.equals(phase)
                        ? "v.visitor_key = $2 and v.redacted_at is null" : "lower(v.email) = $2")
                + " and ($3::uuid is null or t.id > $3)";
    }

    /**
     * The subject's transcripts still ahead, plus (in the MENTIONS phase) the mention candidates
     * still ahead: what the batches walk, counted with the same conditions. A transcript released
     * from hold is one.
     */
    @Override
    public Uni<Plan> plan(SqlConnection conn, LeasedJob job) {
        UUID after = job.position().resumeAfterId();
        if (job.transcriptId() != null) {
            return Uni.createFrom().item(new Plan(job.position(), after == null ? 1 : 0));
        }
        boolean mentions = PHASE_MENTIONS.equals(job.position().phase());
        Uni<Long> own = conn.preparedQuery("select count(*)" + subjectTranscripts(job.position().phase()))
                .execute(Tuple.of(job.tenantId(), job.subjectEmail(), mentions ? null : after))
                .map(rows -> rows.iterator().next().getLong(0));
        // one connection: the statements run one after the other
        return own.chain(count -> !mentions ? Uni.createFrom().item(count)
                : subjectOf(conn, job).chain(subject -> MentionCandidates.of(job.tenantId(), subject).count(conn, after))
                        .map(mentioned -> count + mentioned))
                .map(total -> new Plan(job.position(), Math.toIntExact(total)));
    }

    /** After the last mentions batch the job moves to the SUBJECT phase from the first id. */
    private Uni<Step> mentions(SqlConnection conn, LeasedJob job, Subject subject, RedactionPolicy policy, int size) {
        MentionCandidates candidates = MentionCandidates.of(job.tenantId(), subject);
        return candidates.candidates(conn, job.position().resumeAfterId(), size)
                .chain(ids -> redactor.redactMentions(conn, job.id(), job.tenantId(), ids, candidates.values(), policy)
                        .map(o -> new Step(ids.size() < size
                                ? new Batch(o, ids.size(), new LeasedJob.Position(PHASE_SUBJECT, null, null, null), false)
                                : new Batch(o, ids.size(), new LeasedJob.Position(PHASE_MENTIONS, null, null,
                                        ids.get(ids.size() - 1)), false), 0)));
    }

    /** Form values of the batch's transcripts that the redaction will replace, counted under the redactor's row locks. */
    private static Uni<Integer> formValuesToRedact(SqlConnection conn, LeasedJob job, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID[] array = ids.toArray(UUID[]::new);
        // the locks the redactor takes next (same order), so no hold or form changes between count and redaction
        return conn.preparedQuery("select id from transcript where tenant_id = $1 and id = any($2) order by id for update")
                .execute(Tuple.of(job.tenantId(), array))
                .chain(() -> conn.preparedQuery("""
                        select count(*) from form_field f
                        join transcript t on t.tenant_id = f.tenant_id and t.id = f.transcript_id
                        where t.tenant_id = $1 and t.id = any($2) and t.redacted_at is null and not t.legal_hold
                          and f.value !~ $3
                          and not exists (select 1 from redaction_job_transcript r
                                          where r.tenant_id = $1 and r.job_id = $4 and r.transcript_id = t.id)
                        """).execute(Tuple.of(job.tenantId(), array, TranscriptRedactor.PLACEHOLDER_REGEX, job.id())))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /** The subject's transcripts this batch skipped for legal hold: erased when the hold is lifted. */
    private static Uni<Void> recordHeld(SqlConnection conn, LeasedJob job, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                insert into pending_erasure (tenant_id, job_id, transcript_id, visitor_id, subject_hash, request_id)
                select r.tenant_id, r.job_id, r.transcript_id, t.visitor_id, $3, $4 from redaction_job_transcript r
                join transcript t on t.tenant_id = r.tenant_id and t.id = r.transcript_id
                where r.tenant_id = $1 and r.job_id = $2 and r.transcript_id = any($5) and r.outcome = 'SKIPPED'
                on conflict do nothing
                """).execute(Tuple.tuple(Arrays.asList(job.tenantId(), job.id(), job.subjectHash(), job.requestId(),
                ids.toArray(UUID[]::new)))).replaceWithVoid();
    }

    /**
     * Export links revoked, visitors erased and form values redacted by this batch, added to the job
     * in the batch's transaction (a visitor erased here has no email any more, so a resumed batch
     * cannot count it twice).
     */
    private static Uni<Void> count(SqlConnection conn, LeasedJob job, Subject subject,
            JobFinishedHook.CopiesRemoved copies, int formValues) {
        return conn.preparedQuery("""
                update redaction_job set export_links_revoked = export_links_revoked + $3,
                       form_values_redacted = form_values_redacted + $4,
                       visitors_erased = visitors_erased + (select count(*) from visitor
                                                            where tenant_id = $2 and id = any($5) and redacted_at is not null)
                where id = $1 and tenant_id = $2
                """).execute(Tuple.of(job.id(), job.tenantId(), copies.exportLinksRevoked(), formValues,
                subject.visitorArray())).replaceWithVoid();
    }

    static List<UUID> ids(Iterable<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID(0)));
        return ids;
    }
}
