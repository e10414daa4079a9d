package io.lethe.visitor;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Count;
import io.lethe.db.Ids;
import io.lethe.db.Rows;
import io.lethe.db.Sql;
import io.lethe.api.Page;
import io.lethe.api.PageRequest;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** Visitor reads, always scoped to the caller's tenant; restricted visitors are hidden from agents. */
@ApplicationScoped
public class VisitorQueries {
    private final Sql sql;

    public VisitorQueries(Sql sql) {
        this.sql = sql;
    }

    public Uni<VisitorView> byId(Caller caller, String id) {
        var uuid = Ids.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return sql.one("select " + VisitorView.COLUMNS + " from visitor v where v.tenant_id = $1 and v.id = $2"
                + Sql.hideRestrictedVisitors(caller), Tuple.of(caller.tenantId(), uuid.get()), VisitorView::from);
    }

    /** Batch load for resolvers: one statement for a whole page, aligned with {@code ids}. */
    public Uni<List<VisitorView>> byIds(Caller caller, List<UUID> ids) {
        return sql.list("select " + VisitorView.COLUMNS + " from visitor v where v.tenant_id = $1 and v.id = any($2)",
                Tuple.of(caller.tenantId(), ids.toArray(UUID[]::new)), VisitorView::from)
                .map(rows -> Rows.alignOne(ids, rows, v -> UUID.fromString(v.id())));
    }

    public Uni<Page<VisitorView>> page(Caller caller, VisitorFilter filter, PageRequest request) {
        Where where = where(caller, filter);
        return sql.page(Sql.keysetPage(VisitorView.COLUMNS, where.from(), where.args(),
                Sql.Keyset.byTime("v.first_seen_at", "v.id"), request), request, VisitorView::from);
    }

    /**
     * The count behind {@code totalCount}, not run here. Unfiltered, it reads the tenant's counters
     * (V12); for agents it subtracts the tenant's restricted visitors (a scan of the partial index
     * of restricted visitors), as the page hides them.
     */
    public Count count(Caller caller, VisitorFilter filter) {
        Where where = where(caller, filter);
        if (where.filtered()) {
            return Count.rows(where.from(), where.args());
        }
        String counted = "coalesce((select sum(c.visitors) from tenant_counter c where c.tenant_id = $1), 0)::bigint";
        return new Count(caller.seesRestricted() ? "select " + counted
                : "select " + counted + " - (select count(*) from visitor rv where rv.tenant_id = $1"
                        + " and rv.processing_restricted)", List.of(caller.tenantId()));
    }

    public Uni<List<Integer>> totals(List<Count> counts) {
        return sql.totals(counts);
    }

    /** " from visitor v where ..." for a filter. */
    private record Where(String from, List<Object> args, boolean filtered) {
    }

    private static Where where(Caller caller, VisitorFilter filter) {
        List<Object> args = new ArrayList<>();
        args.add(caller.tenantId());
        StringBuilder where = new StringBuilder(" from visitor v where v.tenant_id = $1").append(Sql.hideRestrictedVisitors(caller));
        int unfiltered = where.length();
        if (filter != null && filter.email() != null && !filter.email().isBlank()) {
            args.add(filter.email().trim());
            where.append(" and lower(v.email) = lower($").append(args.size()).append(')');
        }
        if (filter != null && filter.visitorKey() != null && !filter.visitorKey().isBlank()) {
            args.add(filter.visitorKey());
            where.append(" and v.visitor_key = $").append(args.size()).append(" and v.redacted_at is null");
        }
        return new Where(where.toString(), args, where.length() > unfiltered);
    }
}
