package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lethe.db.Clock;
import io.lethe.redaction.engine.RedactionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * RETENTION sweeps: unredacted transcripts whose last activity is older than the tenant's window,
 * in keyset order on the partial index (tenant_id, last_activity_at, id) where redacted_at is null.
 */
final class RetentionBatches implements BatchSource {
    private static final String CANDIDATES = " from transcript t where t.tenant_id = $1"
            + " and t.redacted_at is null and t.last_activity_at < $2";

    private final TranscriptRedactor redactor;

    RetentionBatches(TranscriptRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Uni<Batch> next(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size) {
        LeasedJob.Position at = job.position();
        OffsetDateTime cutoff = at.cutoffAt();
        if (cutoff == null) {
            // planned without a retention window: nothing to sweep
            return Uni.createFrom().item(new Batch(BatchOutcome.NONE, 0, at, true));
        }
        Tuple args = at.resumeAfterAt() == null ? Tuple.of(job.tenantId(), cutoff, size)
                : Tuple.of(job.tenantId(), cutoff, size, at.resumeAfterAt(), at.resumeAfterId());
        return conn.preparedQuery("select t.id, t.last_activity_at" + CANDIDATES + keyset(at, 4)
                + " order by t.last_activity_at, t.id limit $3").execute(args).chain(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    OffsetDateTime lastAt = at.resumeAfterAt();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                        lastAt = row.getOffsetDateTime("last_activity_at");
                    }
                    var next = new LeasedJob.Position(null, cutoff, lastAt, BatchSource.last(ids, at.resumeAfterId()));
                    return redactor.redactTranscripts(conn, job.id(), job.tenantId(), ids, policy)
                            .map(o -> new Batch(o, ids.size(), next, ids.size() < size));
                });
    }

    /** The cut-off is fixed when a sweep starts, so the total and a resumed sweep cover the same set. */
    @Override
    public Uni<Plan> plan(SqlConnection conn, LeasedJob job) {
        LeasedJob.Position at = job.position();
        return cutoff(conn, job).chain(cutoff -> {
            var start = new LeasedJob.Position(at.phase(), cutoff, at.resumeAfterAt(), at.resumeAfterId());
            if (cutoff == null) {
                return Uni.createFrom().item(new Plan(start, 0));
            }
            Tuple args = at.resumeAfterAt() == null ? Tuple.of(job.tenantId(), cutoff)
                    : Tuple.of(job.tenantId(), cutoff, at.resumeAfterAt(), at.resumeAfterId());
            return conn.preparedQuery("select count(*)" + CANDIDATES + keyset(at, 3)).execute(args)
                    .map(rows -> new Plan(start, rows.iterator().next().getLong(0).intValue()));
        });
    }

    /** Rows after the keyset position, which is bound to parameters {@code first} and {@code first + 1}. */
    private static String keyset(LeasedJob.Position at, int first) {
        return at.resumeAfterAt() == null ? ""
                : " and (t.last_activity_at, t.id) > ($" + first + ", $" + (first + 1) + ")";
    }

    private static Uni<OffsetDateTime> cutoff(SqlConnection conn, LeasedJob job) {
        if (job.position().cutoffAt() != null) {
            return Uni.createFrom().item(job.position().cutoffAt());
        }
        return conn.preparedQuery("select redact_after_days from tenant where tenant_id = $1")
                .execute(Tuple.of(job.tenantId())).map(rows -> {
                    Integer days = rows.size() == 0 ? null : rows.iterator().next().getInteger("redact_after_days");
                    return days == null ? null : Clock.now().minusDays(days);
                });
    }
}
