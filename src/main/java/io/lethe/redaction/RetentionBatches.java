package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.lethe.db.Clock;
import io.lethe.redaction.engine.RedactionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * RETENTION sweeps apply the tenant's three windows, each counted from a transcript's last activity,
 * as phases in this order: REDACT (whole transcripts), FILES (files of transcripts past the files
 * window), IPS (stored IP and IPs in text of transcripts past the IP window), VISITOR_IPS (the
 * visitors' stored IPs). A phase whose window is off is skipped; full redaction goes first, so the
 * later phases only see what it left. Every phase walks its own partial index in keyset order, and
 * each row leaves that index once dealt with, so a sweep never revisits finished work. Legal hold
 * exempts a transcript (and its visitor's IP) from every phase.
 */
final class RetentionBatches implements BatchSource {
    static final String REDACT = "REDACT";
    static final String FILES = "FILES";
    static final String IPS = "IPS";
    static final String VISITOR_IPS = "VISITOR_IPS";
    private static final List<String> PHASES = List.of(REDACT, FILES, IPS, VISITOR_IPS);

    private final TranscriptRedactor redactor;

    RetentionBatches(TranscriptRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Uni<Batch> next(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size) {
        return position(conn, job).chain(at -> {
            String phase = at == null ? null : firstFrom(at, at.phase());
            if (phase == null) {
                return Uni.createFrom().item(new Batch(BatchOutcome.NONE, 0, job.position(), true));
            }
            LeasedJob.Position here = phase.equals(at.phase()) ? at : restart(at, phase);
            return switch (phase) {
                case REDACT -> redact(conn, job, here, policy, size);
                case FILES -> files(conn, job, here, size);
                case IPS -> ips(conn, job, here, policy, size);
                default -> visitorIps(conn, job, here, size);
            };
        });
    }

    /**
     * Fixes the cut-offs and counts the transcripts the REDACT and IPS passes will walk (the IPS pass
     * only sees what full redaction leaves); the files and visitor passes are counted in
     * filesDestroyed and visitorIpsForgotten.
     */
    @Override
    public Uni<Plan> plan(SqlConnection conn, LeasedJob job) {
        return position(conn, job).chain(start -> {
            if (start == null) {
                return Uni.createFrom().item(new Plan(job.position(), 0));
            }
            if (job.position().phase() != null) {
                return Uni.createFrom().item(new Plan(start, 0)); // a sweep begun before totals existed
            }
            return conn.preparedQuery("""
                    select count(*) filter (where $2::timestamptz is not null and t.last_activity_at < $2)
                         + count(*) filter (where $3::timestamptz is not null and t.last_activity_at < $3
                                            and t.ip_forgotten_seq < t.next_seq and not t.legal_hold
                                            and not ($2::timestamptz is not null and t.last_activity_at < $2))
                    from transcript t where t.tenant_id = $1 and t.redacted_at is null
                      and t.last_activity_at < greatest($2, $3)
                    """).execute(Tuple.of(job.tenantId(), start.cutoffAt(), start.ipCutoffAt()))
                    .map(rows -> new Plan(start, rows.iterator().next().getLong(0).intValue()));
        });
    }

    /** Whole-transcript redaction, keyset on the partial index (tenant_id, last_activity_at, id) where unredacted. */
    private Uni<Batch> redact(SqlConnection conn, LeasedJob job, LeasedJob.Position at, RedactionPolicy policy,
            int size) {
        return byActivity(conn, "select t.id, t.last_activity_at as at from transcript t where t.tenant_id = $1"
                + " and t.redacted_at is null and t.last_activity_at < $2", job, at, at.cutoffAt(), size)
                .chain(rows -> {
                    List<UUID> ids = column(rows, "id");
                    return redactor.redactTranscripts(conn, job.id(), job.tenantId(), ids, policy)
                            .map(o -> advance(o, at, rows, ids, size));
                });
    }

    /**
     * Files of unredacted, unheld transcripts inactive since the files window's cut-off, keyset on the
     * live files' partial index (tenant_id, id): only files not yet destroyed are walked.
     */
    private Uni<Batch> files(SqlConnection conn, LeasedJob job, LeasedJob.Position at, int size) {
        String keyset = at.resumeAfterId() == null ? "" : " and a.id > $4";
        Tuple args = Tuple.of(job.tenantId(), at.filesCutoffAt(), size);
        if (at.resumeAfterId() != null) {
            args.addValue(at.resumeAfterId());
        }
        return conn.preparedQuery("select a.id, a.transcript_id from attachment a join transcript t"
                + " on t.tenant_id = a.tenant_id and t.id = a.transcript_id"
                + " where a.tenant_id = $1 and a.destroyed_at is null and t.redacted_at is null and not t.legal_hold"
                + " and t.last_activity_at < $2" + keyset + " order by a.id limit $3").execute(args)
                .chain(rows -> {
                    List<UUID> fileIds = column(rows, "id");
                    Set<UUID> transcripts = new LinkedHashSet<>(column(rows, "transcript_id"));
                    var next = new LeasedJob.Position(FILES, at.cutoffAt(), null,
                            BatchSource.last(fileIds, at.resumeAfterId()), at.filesCutoffAt(), at.ipCutoffAt());
                    return redactor.destroyFiles(conn, job.tenantId(), new ArrayList<>(transcripts), at.filesCutoffAt())
                            .map(o -> fileIds.size() < size ? finished(o, 0, next) : new Batch(o, 0, next, false));
                });
    }

    /** Transcripts past the IP window with text the IP pass has not seen, on their own partial index. */
    private Uni<Batch> ips(SqlConnection conn, LeasedJob job, LeasedJob.Position at, RedactionPolicy policy,
            int size) {
        return byActivity(conn, "select t.id, t.last_activity_at as at from transcript t where t.tenant_id = $1"
                + " and t.redacted_at is null and t.ip_forgotten_seq < t.next_seq and not t.legal_hold"
                + " and t.last_activity_at < $2", job, at, at.ipCutoffAt(), size)
                .chain(rows -> {
                    List<UUID> ids = column(rows, "id");
                    return redactor.forgetIps(conn, job.tenantId(), ids, at.ipCutoffAt(), policy)
                            .map(o -> advance(o, at, rows, ids, size));
                });
    }

    /** Visitors with a stored IP, last seen before the IP window's cut-off, keyset on (last_seen_at, id). */
    private Uni<Batch> visitorIps(SqlConnection conn, LeasedJob job, LeasedJob.Position at, int size) {
        String keyset = at.resumeAfterAt() == null ? "" : " and (v.last_seen_at, v.id) > ($4, $5)";
        Tuple args = at.resumeAfterAt() == null ? Tuple.of(job.tenantId(), at.ipCutoffAt(), size)
                : Tuple.of(job.tenantId(), at.ipCutoffAt(), size, at.resumeAfterAt(), at.resumeAfterId());
        return conn.preparedQuery("select v.id, v.last_seen_at as at from visitor v where v.tenant_id = $1"
                + " and v.ip_address is not null and v.redacted_at is null and v.last_seen_at < $2" + keyset
                + " order by v.last_seen_at, v.id limit $3").execute(args)
                .chain(rows -> {
                    List<UUID> ids = column(rows, "id");
                    return redactor.forgetVisitorIps(conn, job.tenantId(), ids, at.ipCutoffAt())
                            .map(o -> advance(o, at, rows, ids, size));
                });
    }

    /** Transcripts of {@code select} (columns id, at) after the keyset position, oldest first. */
    private static Uni<RowSet<Row>> byActivity(SqlConnection conn, String select, LeasedJob job,
            LeasedJob.Position at, OffsetDateTime cutoff, int size) {
        String keyset = at.resumeAfterAt() == null ? "" : " and (t.last_activity_at, t.id) > ($4, $5)";
        Tuple args = at.resumeAfterAt() == null ? Tuple.of(job.tenantId(), cutoff, size)
                : Tuple.of(job.tenantId(), cutoff, size, at.resumeAfterAt(), at.resumeAfterId());
        return conn.preparedQuery(select + keyset + " order by t.last_activity_at, t.id limit $3").execute(args);
    }

    /** The position after a batch keyed on (time, id); a short batch ends the phase. */
    private Batch advance(BatchOutcome o, LeasedJob.Position at, RowSet<Row> rows, List<UUID> ids, int size) {
        OffsetDateTime lastAt = at.resumeAfterAt();
        for (Row row : rows) {
            lastAt = row.getOffsetDateTime("at");
        }
        var next = new LeasedJob.Position(at.phase(), at.cutoffAt(), lastAt, BatchSource.last(ids, at.resumeAfterId()),
                at.filesCutoffAt(), at.ipCutoffAt());
        // the visitor pass walks visitors, not transcripts
        int examined = VISITOR_IPS.equals(at.phase()) ? 0 : ids.size();
        return ids.size() < size ? finished(o, examined, next) : new Batch(o, examined, next, false);
    }

    /** A phase is done: the next one with a window starts from the beginning, or the sweep is complete. */
    private static Batch finished(BatchOutcome o, int examined, LeasedJob.Position at) {
        int index = PHASES.indexOf(at.phase());
        String next = index + 1 < PHASES.size() ? firstFrom(at, PHASES.get(index + 1)) : null;
        return next == null ? new Batch(o, examined, at, true) : new Batch(o, examined, restart(at, next), false);
    }

    /** The first phase, from {@code phase} on, whose window is on (null: none is). */
    private static String firstFrom(LeasedJob.Position at, String phase) {
        for (String p : PHASES.subList(PHASES.indexOf(phase), PHASES.size())) {
            OffsetDateTime cutoff = switch (p) {
                case REDACT -> at.cutoffAt();
                case FILES -> at.filesCutoffAt();
                default -> at.ipCutoffAt();
            };
            if (cutoff != null) {
                return p;
            }
        }
        return null;
    }

    private static LeasedJob.Position restart(LeasedJob.Position at, String phase) {
        return new LeasedJob.Position(phase, at.cutoffAt(), null, null, at.filesCutoffAt(), at.ipCutoffAt());
    }

    /**
     * The cut-offs are fixed when a sweep first runs, so a resumed sweep works on the same sets; null
     * when every window is off. (A sweep begun before the phases existed has only the redaction
     * cut-off and resumes its keyset.)
     */
    private static Uni<LeasedJob.Position> position(SqlConnection conn, LeasedJob job) {
        LeasedJob.Position at = job.position();
        if (at.phase() != null) {
            return Uni.createFrom().item(at);
        }
        return conn.preparedQuery("select redact_after_days, destroy_files_after_days, forget_ip_after_days from tenant"
                + " where tenant_id = $1").execute(Tuple.of(job.tenantId())).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime now = Clock.now();
                    OffsetDateTime redact = at.cutoffAt() != null ? at.cutoffAt()
                            : before(now, row.getInteger("redact_after_days"));
                    var start = new LeasedJob.Position(REDACT, redact, at.resumeAfterAt(), at.resumeAfterId(),
                            before(now, row.getInteger("destroy_files_after_days")),
                            before(now, row.getInteger("forget_ip_after_days")));
                    return firstFrom(start, REDACT) == null ? null : start;
                });
    }

    private static OffsetDateTime before(OffsetDateTime now, Integer days) {
        return days == null ? null : now.minusDays(days);
    }

    private static List<UUID> column(RowSet<Row> rows, String name) {
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getUUID(name));
        }
        return ids;
    }
}
