package io.lethe.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.api.Page;
import io.lethe.api.PageRequest;
import io.lethe.db.Count;
import io.lethe.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads of the audit log, always scoped to one tenant. Every list is a keyset page on seq, which
 * is unique within a tenant, over an index that leads with (tenant_id[, filtered column]) and ends
 * with seq (V9): a page costs the same at the start and at the end of a long log.
 */
@ApplicationScoped
public class AuditQueries {
    static final String COLUMNS = "id, seq, at, actor, action, target_type, target_id, details, prev_hash, hash";
    private final Sql sql;

    /** A statement and its arguments ($1..$n). */
    record Statement(String sql, List<Object> args) {
        Tuple tuple() {
            return Tuple.from(args);
        }
    }

    public AuditQueries(Sql sql) {
        this.sql = sql;
    }

    /** Newest first. */
    public Uni<Page<AuditEventView>> page(String tenantId, AuditFilter filter, PageRequest request) {
        Statement rows = pageRows(tenantId, AuditCriteria.of(filter), request);
        return sql.list(rows.sql(), rows.tuple(), AuditEventView::from).map(list -> Page.of(list, request));
    }

    /** The count behind {@code totalCount} of the same filter, not run here. */
    public Count count(String tenantId, AuditFilter filter) {
        Statement count = countRows(tenantId, AuditCriteria.of(filter));
        return new Count(count.sql(), count.args());
    }

    public Uni<List<Integer>> totals(List<Count> counts) {
        return sql.totals(counts);
    }

    /** The next {@code limit} events of the whole chain after {@code afterSeq}, in seq order. */
    public Uni<List<AuditEventView>> chain(String tenantId, long afterSeq, int limit) {
        return sql.list("select " + COLUMNS + " from audit_event where tenant_id = $1 and seq > $2 order by seq limit "
                + limit, Tuple.of(tenantId, afterSeq), AuditEventView::from);
    }

    /** The last seq of the tenant's log (0 when empty). */
    public Uni<Long> lastSeq(String tenantId) {
        return sql.one("select seq from audit_event where tenant_id = $1 order by seq desc limit 1", Tuple.of(tenantId),
                row -> row.getLong(0)).map(seq -> seq == null ? 0L : seq);
    }

    /** The filtered events with {@code afterSeq < seq <= upToSeq}, oldest first, at most {@code limit}. */
    Uni<List<AuditEventView>> oldestFirst(String tenantId, AuditCriteria criteria, long afterSeq, long upToSeq,
            int limit) {
        Statement rows = oldestFirstRows(tenantId, criteria, afterSeq, upToSeq, limit);
        return sql.list(rows.sql(), rows.tuple(), AuditEventView::from);
    }

    static Statement pageRows(String tenantId, AuditCriteria criteria, PageRequest request) {
        List<Object> args = new ArrayList<>(List.of(tenantId));
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                .append(" from audit_event where tenant_id = $1").append(criteria.where(args));
        if (request.after() != null) {
            // seq alone orders a tenant's events: the cursor's id is not needed to break ties
            args.add(request.after().key());
            sql.append(" and seq < $").append(args.size());
        }
        sql.append(" order by seq desc limit ").append(request.fetchSize());
        return new Statement(sql.toString(), args);
    }

    static Statement countRows(String tenantId, AuditCriteria criteria) {
        List<Object> args = new ArrayList<>(List.of(tenantId));
        String where = criteria.where(args);
        return new Statement("select count(*) from audit_event where tenant_id = $1" + where, args);
    }

    static Statement oldestFirstRows(String tenantId, AuditCriteria criteria, long afterSeq, long upToSeq, int limit) {
        List<Object> args = new ArrayList<>(List.of(tenantId, afterSeq, upToSeq));
        String where = criteria.where(args);
        return new Statement("select " + COLUMNS + " from audit_event where tenant_id = $1 and seq > $2 and seq <= $3"
                + where + " order by seq limit " + limit, args);
    }
}
