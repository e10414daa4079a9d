package io.lethe.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Count;
import io.lethe.db.Ids;
import io.lethe.db.Rows;
import io.lethe.db.Sql;
import io.lethe.api.BadUserInputException;
import io.lethe.api.Page;
import io.lethe.api.PageRequest;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Transcript reads. A page of transcripts costs one statement, with its messages and form fields
 * when they are selected (aggregated per row in the same statement); the total is a statement of
 * its own, only when selected; visitors and files are one batch statement each.
 */
@ApplicationScoped
public class TranscriptQueries {
    private static final int MAX_TEXT_FILTER = 500;
    private final Sql sql;

    public TranscriptQueries(Sql sql) {
        this.sql = sql;
    }

    /** Which nested lists are read with the transcript rows. */
    public record Nested(boolean messages, boolean formFields) {
        public static final Nested NONE = new Nested(false, false);
    }

    public Uni<TranscriptView> byId(Caller caller, String id, Nested nested) {
        var uuid = Ids.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String row = "select " + TranscriptView.COLUMNS + " from transcript t"
                + " where t.tenant_id = $1 and t.id = $2" + Sql.hideRestrictedTranscripts(caller);
        return sql.one(withNested(row, nested, ""), Tuple.of(caller.tenantId(), uuid.get()), TranscriptView::from);
    }

    public Uni<Page<TranscriptView>> page(Caller caller, TranscriptFilter filter, PageRequest request, Nested nested) {
        Where where = where(caller, filter);
        if (where.empty()) {
            return Uni.createFrom().item(Page.of(List.of(), request));
        }
        Sql.Statement page = Sql.keysetPage(TranscriptView.COLUMNS, where.from(), where.args(),
                Sql.Keyset.byTime("t.started_at", "t.id"), request);
        return sql.page(new Sql.Statement(withNested(page.sql(), nested, " order by p.started_at desc, p.id desc"),
                page.args()), request, TranscriptView::from);
    }

    /**
     * The count behind {@code totalCount}, not run here. Unfiltered, it reads the tenant's counters
     * (V12) instead of counting rows; for agents it subtracts the transcripts of restricted
     * visitors (an index probe per restricted visitor), the same rule the page applies.
     */
    public Count count(Caller caller, TranscriptFilter filter) {
        Where where = where(caller, filter);
        if (where.empty()) {
            return Count.NONE;
        }
        if (where.filtered()) {
            return Count.rows(where.from(), where.args());
        }
        String counted = "coalesce((select sum(c.transcripts) from tenant_counter c where c.tenant_id = $1), 0)::bigint";
        return new Count(caller.seesRestricted() ? "select " + counted
                : "select " + counted + " - (select count(*) from transcript t where t.tenant_id = $1 and t.visitor_id in"
                        + " (select rv.id from visitor rv where rv.tenant_id = $1 and rv.processing_restricted))",
                List.of(caller.tenantId()));
    }

    public Uni<List<Integer>> totals(List<Count> counts) {
        return sql.totals(counts);
    }

    /** " from transcript t where ..." for a filter; {@code empty} when no transcript can match. */
    private record Where(String from, List<Object> args, boolean filtered, boolean empty) {
    }

    private static Where where(Caller caller, TranscriptFilter filter) {
        List<Object> args = new ArrayList<>();
        args.add(caller.tenantId());
        StringBuilder where = new StringBuilder(" from transcript t where t.tenant_id = $1")
                .append(Sql.hideRestrictedTranscripts(caller));
        int unfiltered = where.length();
        if (filter != null) {
            if (filter.visitorId() != null) {
                var visitorId = Ids.parse(filter.visitorId());
                if (visitorId.isEmpty()) {
                    return new Where(null, List.of(), true, true);
                }
                args.add(visitorId.get());
                where.append(" and t.visitor_id = $").append(args.size());
            }
            if (filter.email() != null && !filter.email().isBlank()) {
                args.add(filter.email().trim());
                // the visitors first (an init plan), then their transcripts by index: emails have no
                // planner statistics (V9), and a guessed row count led to a scan of the tenant's transcripts
                where.append(" and t.visitor_id = any(array(select v.id from visitor v where v.tenant_id = $1"
                        + " and lower(v.email) = lower($").append(args.size()).append(")))");
            }
            if (filter.text() != null && !filter.text().isEmpty()) {
                if (filter.text().length() > MAX_TEXT_FILTER) {
                    throw new BadUserInputException("`text` filter is limited to " + MAX_TEXT_FILTER + " characters");
                }
                args.add(Sql.likeContains(filter.text()));
                where.append(" and exists (select 1 from message m where m.transcript_id = t.id and m.body ilike $")
                        .append(args.size()).append(" escape '\\')");
            }
            if (filter.startedAfter() != null) {
                args.add(filter.startedAfter());
                where.append(" and t.started_at > $").append(args.size());
            }
            if (filter.startedBefore() != null) {
                args.add(filter.startedBefore());
                where.append(" and t.started_at < $").append(args.size());
            }
            if (filter.redacted() != null) {
                where.append(filter.redacted() ? " and t.redacted_at is not null" : " and t.redacted_at is null");
            }
            if (filter.lastActivityBefore() != null) {
                args.add(filter.lastActivityBefore());
                where.append(" and t.last_activity_at < $").append(args.size());
            }
            if (filter.legalHold() != null) {
                where.append(filter.legalHold() ? " and t.legal_hold" : " and not t.legal_hold");
            }
        }
        return new Where(where.toString(), args, where.length() > unfiltered, false);
    }

    /**
     * Wraps a statement of transcript rows (tenant bound to $1) so each row carries its messages
     * and form fields as arrays: one aggregate per row over its index, after the page's LIMIT.
     */
    private static String withNested(String rows, Nested nested, String orderBy) {
        if (!nested.messages() && !nested.formFields()) {
            return rows;
        }
        StringBuilder out = new StringBuilder("select p.*");
        if (nested.messages()) {
            out.append(", m.*");
        }
        if (nested.formFields()) {
            out.append(", f.*");
        }
        out.append(" from (").append(rows).append(") p");
        if (nested.messages()) {
            out.append(" cross join lateral (select ").append(TranscriptView.MESSAGE_ARRAYS)
                    .append(" from message m where m.tenant_id = $1 and m.transcript_id = p.id) m");
        }
        if (nested.formFields()) {
            out.append(" cross join lateral (select ").append(TranscriptView.FORM_ARRAYS)
                    .append(" from form_field f where f.tenant_id = $1 and f.transcript_id = p.id) f");
        }
        return out.append(orderBy).toString();
    }

    /** Messages of each source, in seq order: those read with the row, one statement for the rest. */
    public Uni<List<List<MessageView>>> messages(Caller caller, List<TranscriptView> sources) {
        return loadedOr(sources, TranscriptView::loadedMessages, ids -> sql.list(
                "select id, transcript_id, seq, sender, sender_name, body, sent_at from message"
                        + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, seq",
                Tuple.of(caller.tenantId(), ids.toArray(UUID[]::new)), MessageView::from)
                .map(rows -> Rows.groupAligned(ids, rows, MessageView::transcriptId)));
    }

    public Uni<List<List<FormFieldView>>> formFields(Caller caller, List<TranscriptView> sources) {
        return loadedOr(sources, TranscriptView::loadedFormFields, ids -> sql.list(
                "select transcript_id, name, value from form_field"
                        + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, position",
                Tuple.of(caller.tenantId(), ids.toArray(UUID[]::new)), FormFieldView::from)
                .map(rows -> Rows.groupAligned(ids, rows, FormFieldView::transcriptId)));
    }

    private static <T> Uni<List<List<T>>> loadedOr(List<TranscriptView> sources, Function<TranscriptView, List<T>> loaded,
            Function<List<UUID>, Uni<List<List<T>>>> load) {
        List<UUID> missing = sources.stream().filter(t -> loaded.apply(t) == null).map(TranscriptView::uuid).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(sources.stream().map(loaded).toList());
        }
        return load.apply(missing).map(read -> {
            List<List<T>> out = new ArrayList<>(sources.size());
            int next = 0;
            for (TranscriptView t : sources) {
                List<T> have = loaded.apply(t);
                out.add(have != null ? have : read.get(next++));
            }
            return out;
        });
    }
}
