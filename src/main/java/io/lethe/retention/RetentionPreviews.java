package io.lethe.retention;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Clock;
import io.lethe.db.Sql;
import io.lethe.redaction.RedactorCache;
import io.lethe.redaction.TranscriptRedactor;
import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The dry run of a retention policy. Counts are exact and follow the sweep's rules (see
 * `RetentionBatches`: full redaction first, then files, then IP addresses), each one statement on
 * the indexes the sweep walks; samples come from the same redactor the job uses, run on real rows on
 * an engine thread. Every statement runs in the query's read-only snapshot, so nothing is written.
 */
@ApplicationScoped
public class RetentionPreviews {
    static final int SAMPLES = 10;
    /** Samples come from the oldest transcripts a pass would change: bounded reads whatever the tenant's size. */
    private static final int SAMPLE_TRANSCRIPTS = 20;
    private static final int SAMPLE_MESSAGES = 500;

    private final Sql sql;
    private final TranscriptRedactor redactor;

    public RetentionPreviews(Sql sql, TranscriptRedactor redactor) {
        this.sql = sql;
        this.redactor = redactor;
    }

    Uni<RetentionPreview> preview(Caller caller, RetentionPolicyView policy) {
        String tenant = caller.tenantId();
        OffsetDateTime asOf = Clock.now();
        Cutoffs c = new Cutoffs(before(asOf, policy.redactAfterDays()), before(asOf, policy.destroyFilesAfterDays()),
                before(asOf, policy.forgetIpAfterDays()));
        return counts(tenant, c).chain(counts -> samples(tenant, c).map(samples -> new RetentionPreview(asOf,
                counts.toRedact(), counts.held(), counts.files(), counts.visitors(), counts.oldest(), samples)));
    }

    private record Cutoffs(OffsetDateTime redact, OffsetDateTime files, OffsetDateTime ip) {
    }

    private record Counts(int toRedact, int held, OffsetDateTime oldest, int files, int visitors) {
    }

    /**
     * Every count in one statement (a window that is off contributes nothing, so its part is left out):
     * <ul>
     * <li>transcripts past the redaction window: to redact, or held (the sweep skips and counts them);</li>
     * <li>live files of unheld, unredacted transcripts past the files window or the redaction window;</li>
     * <li>visitors with a stored IP the sweep forgets: by the IP window (last seen before its cut-off, no
     * held transcript) or with their profile (a transcript of theirs is redacted and none is left
     * unredacted: none held, none active since the redaction cut-off).</li>
     * </ul>
     */
    private Uni<Counts> counts(String tenant, Cutoffs c) {
        if (c.redact() == null && c.files() == null && c.ip() == null) {
            return Uni.createFrom().item(new Counts(0, 0, null, 0, 0));
        }
        Tuple args = Tuple.of(tenant);
        String redact = "null";
        String ip = "null";
        String files = "null";
        if (c.redact() != null) {
            args.addValue(c.redact());
            redact = "$" + args.size();
        }
        if (c.ip() != null) {
            args.addValue(c.ip());
            ip = "$" + args.size();
        }
        OffsetDateTime filesCutoff = latest(c.redact(), c.files());
        if (filesCutoff != null) {
            args.addValue(filesCutoff);
            files = "$" + args.size();
        }
        String transcripts = c.redact() == null ? "select 0::bigint as to_redact, 0::bigint as held, null::timestamptz as oldest"
                : """
                select count(*) filter (where not t.legal_hold) as to_redact, count(*) filter (where t.legal_hold) as held,
                       min(t.last_activity_at) filter (where not t.legal_hold) as oldest
                from transcript t where t.tenant_id = $1 and t.redacted_at is null and t.last_activity_at < %s
                """.formatted(redact);
        String fileCount = filesCutoff == null ? "0::bigint" : """
                (select count(*) from attachment a join transcript t on t.tenant_id = a.tenant_id and t.id = a.transcript_id
                 where a.tenant_id = $1 and a.destroyed_at is null and t.redacted_at is null and not t.legal_hold
                   and t.last_activity_at < %s)""".formatted(files);
        List<String> sets = new ArrayList<>();
        if (c.ip() != null) {
            sets.add("""
                    select v.id from visitor v
                    where v.tenant_id = $1 and v.ip_address is not null and v.redacted_at is null and v.last_seen_at < %s
                      and not exists (select 1 from transcript h where h.tenant_id = v.tenant_id and h.visitor_id = v.id
                                      and h.redacted_at is null and h.legal_hold)
                    """.formatted(ip));
        }
        if (c.redact() != null) {
            sets.add("""
                    select v.id from transcript r join visitor v on v.tenant_id = r.tenant_id and v.id = r.visitor_id
                    where r.tenant_id = $1 and r.redacted_at is null and not r.legal_hold and r.last_activity_at < %1$s
                      and v.ip_address is not null and v.redacted_at is null
                      and not exists (select 1 from transcript k where k.tenant_id = v.tenant_id and k.visitor_id = v.id
                                      and k.redacted_at is null and (k.legal_hold or k.last_activity_at >= %1$s))
                    """.formatted(redact));
        }
        String visitorCount = sets.isEmpty() ? "0::bigint"
                : "(select count(*) from (" + String.join(" union ", sets) + ") x)";
        return sql.one("select c.to_redact, c.held, c.oldest, " + fileCount + " as files, " + visitorCount
                + " as visitors from (" + transcripts + ") c", args,
                row -> new Counts(row.getLong("to_redact").intValue(), row.getLong("held").intValue(),
                        row.getOffsetDateTime("oldest"), row.getLong("files").intValue(),
                        row.getLong("visitors").intValue()));
    }

    /** Full redaction of the oldest transcripts to redact, then, while fewer than 10, the IP window's changes. */
    private Uni<List<RedactionSample>> samples(String tenant, Cutoffs c) {
        if (c.redact() == null && c.ip() == null) {
            return Uni.createFrom().item(List.of());
        }
        return sql.one(RedactorCache.POLICY_SQL, Tuple.of(tenant), row -> row)
                .map(RedactorCache::policyFrom)
                .chain(policy -> redactionSamples(tenant, c, policy).chain(full -> full.size() >= SAMPLES || c.ip() == null
                        ? Uni.createFrom().item(full)
                        : ipSamples(tenant, c, policy, SAMPLES - full.size()).map(ips -> {
                            List<TranscriptRedactor.Change> all = new ArrayList<>(full);
                            all.addAll(ips);
                            return all;
                        })))
                .map(changes -> changes.stream().map(ch -> new RedactionSample(ch.transcriptId().toString(), ch.seq(),
                        ch.before(), ch.after())).toList());
    }

    private Uni<List<TranscriptRedactor.Change>> redactionSamples(String tenant, Cutoffs c, RedactionPolicy policy) {
        if (c.redact() == null) {
            return Uni.createFrom().item(List.of());
        }
        return sql.list("""
                select t.id, t.visitor_id from transcript t
                where t.tenant_id = $1 and t.redacted_at is null and not t.legal_hold and t.last_activity_at < $2
                order by t.last_activity_at, t.id limit $3
                """, Tuple.of(tenant, c.redact(), SAMPLE_TRANSCRIPTS), row -> row)
                .chain(rows -> {
                    List<UUID> transcripts = rows.stream().map(r -> r.getUUID("id")).toList();
                    List<UUID> visitors = rows.stream().map(r -> r.getUUID("visitor_id")).toList();
                    return redactor.previewRedaction((statement, args) -> sql.list(statement, args, r -> r), tenant,
                            transcripts, visitors, policy, SAMPLES, SAMPLE_MESSAGES);
                });
    }

    /** Unseen messages of the oldest transcripts the IP window (and not full redaction) would change. */
    private Uni<List<TranscriptRedactor.Change>> ipSamples(String tenant, Cutoffs c, RedactionPolicy policy, int limit) {
        Tuple args = Tuple.of(tenant, c.ip(), SAMPLE_TRANSCRIPTS, SAMPLE_MESSAGES);
        String notRedacted = "";
        if (c.redact() != null) {
            args.addValue(c.redact());
            notRedacted = " and t.last_activity_at >= $5";
        }
        return sql.list("""
                select m.id, m.transcript_id, m.seq, m.body
                from (select t.id, t.last_activity_at, t.ip_forgotten_seq from transcript t
                      where t.tenant_id = $1 and t.redacted_at is null and t.ip_forgotten_seq < t.next_seq
                        and not t.legal_hold and t.last_activity_at < $2%s
                      order by t.last_activity_at, t.id limit $3) c
                join message m on m.transcript_id = c.id and m.seq >= c.ip_forgotten_seq
                where m.tenant_id = $1 and %s
                order by c.last_activity_at, c.id, m.seq limit $4
                """.formatted(notRedacted, TranscriptRedactor.MAY_HOLD_IP), args,
                row -> row)
                .chain(rows -> redactor.previewIps(rows, policy, limit));
    }

    private static OffsetDateTime before(OffsetDateTime now, Integer days) {
        return days == null ? null : now.minusDays(days);
    }

    /** The later of two cut-offs (the shorter window), ignoring a window that is off. */
    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
