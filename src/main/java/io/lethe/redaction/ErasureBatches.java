package io.lethe.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lethe.redaction.engine.RedactionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ERASURE jobs: with searchAllTranscripts first the MENTIONS phase (other visitors' transcripts
 * naming the subject's email or phones), then the SUBJECT phase (every transcript of every
 * visitor with the email), each in id order.
 */
final class ErasureBatches implements BatchSource {
    static final String PHASE_MENTIONS = "MENTIONS";
    static final String PHASE_SUBJECT = "SUBJECT";
    private static final String SUBJECT_TRANSCRIPTS = """
             from transcript t join visitor v on v.id = t.visitor_id
            where t.tenant_id = $1 and lower(v.email) = $2 and ($3::uuid is null or t.id > $3)
            """;

    private final TranscriptRedactor redactor;
    private final List<JobFinishedHook> hooks;

    ErasureBatches(TranscriptRedactor redactor, List<JobFinishedHook> hooks) {
        this.redactor = redactor;
        this.hooks = hooks;
    }

    @Override
    public Uni<Batch> next(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size) {
        return beforeBatch(conn, job).chain(() -> PHASE_MENTIONS.equals(job.position().phase())
                ? mentions(conn, job, policy, size)
                : subject(conn, job, policy, size));
    }

    /** Other features read what they need of the subject while it still exists (e.g. to scrub case notes). */
    private Uni<Void> beforeBatch(SqlConnection conn, LeasedJob job) {
        var subject = new JobFinishedHook.ErasureSubject(job.id(), job.tenantId(), job.subjectEmail(), job.subjectHash());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (JobFinishedHook hook : hooks) {
            chain = chain.chain(() -> hook.beforeErasureBatch(conn, subject));
        }
        return chain;
    }

    /**
     * The subject's transcripts still ahead, plus (in the MENTIONS phase) the mention candidates
     * still ahead: what the batches below will walk, counted with the same conditions.
     */
    @Override
    public Uni<Plan> plan(SqlConnection conn, LeasedJob job) {
        boolean mentions = PHASE_MENTIONS.equals(job.position().phase());
        UUID after = job.position().resumeAfterId();
        Uni<Long> subject = conn.preparedQuery("select count(*)" + SUBJECT_TRANSCRIPTS)
                .execute(Tuple.of(job.tenantId(), job.subjectEmail(), mentions ? null : after))
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<Long> mentioned = !mentions ? Uni.createFrom().item(0L)
                : MentionCandidates.subjectOf(conn, job.tenantId(), job.subjectEmail())
                        .chain(candidates -> candidates.count(conn, after));
        // one connection: the two statements run one after the other
        return subject.chain(s -> mentioned.map(m -> new Plan(job.position(), Math.toIntExact(s + m))));
    }

    private Uni<Batch> subject(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size) {
        UUID after = job.position().resumeAfterId();
        return conn.preparedQuery("select t.id" + SUBJECT_TRANSCRIPTS + " order by t.id limit $4")
                .execute(Tuple.of(job.tenantId(), job.subjectEmail(), after, size))
                .map(ErasureBatches::ids)
                .chain(ids -> redactor.redactTranscripts(conn, job.id(), job.tenantId(), ids, policy)
                        .map(o -> new Batch(o, ids.size(), new LeasedJob.Position(PHASE_SUBJECT, null, null,
                                BatchSource.last(ids, after)), ids.size() < size)));
    }

    /** After the last mentions batch the job moves to the SUBJECT phase from the first id. */
    private Uni<Batch> mentions(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size) {
        return MentionCandidates.subjectOf(conn, job.tenantId(), job.subjectEmail())
                .chain(subject -> subject.candidates(conn, job.position().resumeAfterId(), size)
                        .chain(ids -> redactor.redactMentions(conn, job.id(), job.tenantId(), ids, subject.values(),
                                policy).map(o -> ids.size() < size
                                        ? new Batch(o, ids.size(), new LeasedJob.Position(PHASE_SUBJECT, null, null, null),
                                                false)
                                        : new Batch(o, ids.size(), new LeasedJob.Position(PHASE_MENTIONS, null, null,
                                                ids.get(ids.size() - 1)), false))));
    }

    static List<UUID> ids(Iterable<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID(0)));
        return ids;
    }
}
