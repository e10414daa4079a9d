package io.lethe.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Count;
import io.lethe.db.Ids;
import io.lethe.db.Sql;
import io.lethe.api.Page;
import io.lethe.api.PageRequest;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class RedactionJobQueries {
    private final Sql sql;
    private final Pool pool;

    public RedactionJobQueries(Sql sql, Pool pool) {
        this.sql = sql;
        this.pool = pool;
    }

    /**
     * The job as committed now, on a pooled connection of its own: a subscription outlives any
     * request's read snapshot, and each of its reads must see the latest batch.
     */
    public Uni<RedactionJobView> latest(String tenantId, UUID id) {
        return pool.preparedQuery("select " + RedactionJobView.COLUMNS + " from redaction_job j where j.tenant_id = $1 and j.id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? null : RedactionJobView.from(rows.iterator().next()));
    }

    public Uni<RedactionJobView> byId(Caller caller, String id) {
        var uuid = Ids.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return sql.one("select " + RedactionJobView.COLUMNS + " from redaction_job j where j.tenant_id = $1 and j.id = $2",
                Tuple.of(caller.tenantId(), uuid.get()), RedactionJobView::from);
    }

    /** Newest first. */
    public Uni<Page<RedactionJobView>> page(Caller caller, JobStatus status, PageRequest request) {
        Sql.Statement where = where(caller, status);
        return sql.page(Sql.keysetPage(RedactionJobView.COLUMNS, where.sql(), where.args(),
                Sql.Keyset.byTime("j.requested_at", "j.id"), request), request, RedactionJobView::from);
    }

    /** The count behind {@code totalCount} of the same list, not run here. */
    public Count count(Caller caller, JobStatus status) {
        Sql.Statement where = where(caller, status);
        return Count.rows(where.sql(), where.args());
    }

    public Uni<List<Integer>> totals(List<Count> counts) {
        return sql.totals(counts);
    }

    /** " from redaction_job j where ..." and its arguments. */
    private static Sql.Statement where(Caller caller, JobStatus status) {
        List<Object> args = new ArrayList<>(List.of(caller.tenantId()));
        StringBuilder where = new StringBuilder(" from redaction_job j where j.tenant_id = $1");
        if (status != null) {
            args.add(status.name());
            where.append(" and j.status = $2");
        }
        return new Sql.Statement(where.toString(), args);
    }
}
