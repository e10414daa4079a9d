package io.lethe.visitor;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
        List<Object> args = new ArrayList<>();
        args.add(caller.tenantId());
        StringBuilder where = new StringBuilder(" from visitor v where v.tenant_id = $1").append(Sql.hideRestrictedVisitors(caller));
        if (filter != null && filter.email() != null && !filter.email().isBlank()) {
            args.add(filter.email().trim());
            where.append(" and lower(v.email) = lower($").append(args.size()).append(')');
        }
        if (filter != null && filter.visitorKey() != null && !filter.visitorKey().isBlank()) {
            args.add(filter.visitorKey());
            where.append(" and v.visitor_key = $").append(args.size()).append(" and v.redacted_at is null");
        }
        return sql.page(VisitorView.COLUMNS, where.toString(), args, Sql.Keyset.byTime("v.first_seen_at", "v.id"), request,
                VisitorView::from);
    }

}
