package io.lethe.request;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Count;
import io.lethe.db.Ids;
import io.lethe.db.Rows;
import io.lethe.db.Sql;
import io.lethe.export.DataExportView;
import io.lethe.api.Page;
import io.lethe.api.PageRequest;
import io.lethe.redaction.RedactionJobView;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** Case-file reads, scoped to the caller's tenant; linked jobs and exports in one statement per page. */
@ApplicationScoped
public class DataSubjectRequestQueries {
    private static final String OPEN = "r.status in ('OPEN', 'IN_PROGRESS')";
    private final Sql sql;

    public DataSubjectRequestQueries(Sql sql) {
        this.sql = sql;
    }

    public Uni<DataSubjectRequestView> byId(Caller caller, String id) {
        var uuid = Ids.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return sql.one("select " + DataSubjectRequestView.COLUMNS + " from data_subject_request r"
                + " where r.tenant_id = $1 and r.id = $2", Tuple.of(caller.tenantId(), uuid.get()),
                DataSubjectRequestView::from);
    }

    /** Newest first; {@code overdue: true} = open past due, {@code false} = everything else. */
    public Uni<Page<DataSubjectRequestView>> page(Caller caller, RequestStatus status, Boolean overdue,
            PageRequest request) {
        Sql.Statement where = where(caller, status, overdue);
        return sql.page(Sql.keysetPage(DataSubjectRequestView.COLUMNS, where.sql(), where.args(),
                Sql.Keyset.byTime("r.created_at", "r.id"), request), request, DataSubjectRequestView::from);
    }

    /** The count behind {@code totalCount} of the same list, not run here. */
    public Count count(Caller caller, RequestStatus status, Boolean overdue) {
        Sql.Statement where = where(caller, status, overdue);
        return Count.rows(where.sql(), where.args());
    }

    public Uni<List<Integer>> totals(List<Count> counts) {
        return sql.totals(counts);
    }

    /** " from data_subject_request r where ..." and its arguments. */
    private static Sql.Statement where(Caller caller, RequestStatus status, Boolean overdue) {
        List<Object> args = new ArrayList<>(List.of(caller.tenantId()));
        StringBuilder where = new StringBuilder(" from data_subject_request r where r.tenant_id = $1");
        if (status != null) {
            args.add(status.name());
            where.append(" and r.status = $").append(args.size());
        }
        if (overdue != null) {
            where.append(overdue ? " and " + OPEN + " and r.due_at < now()"
                    : " and not (" + OPEN + " and r.due_at < now())");
        }
        return new Sql.Statement(where.toString(), args);
    }

    public Uni<List<List<RedactionJobView>>> jobs(Caller caller, List<UUID> requestIds) {
        return sql.list("select " + RedactionJobView.COLUMNS + " from redaction_job j"
                + " where j.tenant_id = $1 and j.request_id = any($2) order by j.requested_at, j.id",
                Tuple.of(caller.tenantId(), requestIds.toArray(UUID[]::new)), RedactionJobView::from)
                .map(rows -> Rows.groupAligned(requestIds, rows, j -> UUID.fromString(j.requestId())));
    }

    /**
     * Per case: its subject's transcripts an erasure of the case had to keep under legal hold and
     * that are still unredacted (each is erased once its hold is lifted).
     */
    public Uni<List<Integer>> retainedOnHold(Caller caller, List<UUID> requestIds) {
        return sql.list("""
                select p.request_id, count(distinct p.transcript_id) from pending_erasure p
                join transcript t on t.tenant_id = p.tenant_id and t.id = p.transcript_id
                where p.tenant_id = $1 and p.request_id = any($2) and t.redacted_at is null
                group by p.request_id
                """, Tuple.of(caller.tenantId(), requestIds.toArray(UUID[]::new)),
                row -> java.util.Map.entry(row.getUUID(0), row.getLong(1).intValue()))
                .map(rows -> {
                    java.util.Map<UUID, Integer> counts = new java.util.HashMap<>();
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return requestIds.stream().map(id -> counts.getOrDefault(id, 0)).toList();
                });
    }

    public Uni<List<List<DataExportView>>> exports(Caller caller, List<UUID> requestIds) {
        return sql.list("select " + DataExportView.COLUMNS + " from data_export e"
                + " where e.tenant_id = $1 and e.request_id = any($2) order by e.created_at, e.format, e.id",
                Tuple.of(caller.tenantId(), requestIds.toArray(UUID[]::new)), DataExportView::from)
                .map(rows -> Rows.groupAligned(requestIds, rows, DataExportView::requestId));
    }
}
