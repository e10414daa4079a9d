package io.lethe.consent;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Ids;
import io.lethe.db.Rows;
import io.lethe.db.Sql;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ConsentQueries {
    private final Sql sql;

    public ConsentQueries(Sql sql) {
        this.sql = sql;
    }

    /** The visitor's full consent history, oldest first; an unknown or foreign visitor has none. */
    public Uni<List<ConsentEventView>> history(Caller caller, String visitorId) {
        var id = Ids.parse(visitorId);
        if (id.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sql.list("select " + ConsentEventView.COLUMNS + " from consent_event c"
                + " where c.tenant_id = $1 and c.visitor_id = $2 order by c.occurred_at, c.id",
                Tuple.of(caller.tenantId(), id.get()), ConsentEventView::from);
    }

    /** Current consent per purpose (latest event wins) of each visitor, one statement, aligned with {@code ids}. */
    public Uni<List<List<ConsentStatusView>>> consents(Caller caller, List<UUID> ids) {
        return sql.list("select distinct on (c.visitor_id, c.purpose) c.visitor_id, c.purpose, c.granted,"
                + " c.consent_version, c.consent_text, c.occurred_at from consent_event c"
                + " where c.tenant_id = $1 and c.visitor_id = any($2)"
                + " order by c.visitor_id, c.purpose, c.occurred_at desc, c.id desc",
                Tuple.of(caller.tenantId(), ids.toArray(UUID[]::new)), ConsentStatusView::from)
                .map(rows -> Rows.groupAligned(ids, rows, ConsentStatusView::visitorId));
    }

    /** Full consent history of each visitor, oldest first, one statement, aligned with {@code ids}. */
    public Uni<List<List<ConsentEventView>>> consentEvents(Caller caller, List<UUID> ids) {
        return sql.list("select " + ConsentEventView.COLUMNS + " from consent_event c"
                + " where c.tenant_id = $1 and c.visitor_id = any($2) order by c.visitor_id, c.occurred_at, c.id",
                Tuple.of(caller.tenantId(), ids.toArray(UUID[]::new)), ConsentEventView::from)
                .map(rows -> Rows.groupAligned(ids, rows, e -> UUID.fromString(e.visitorId())));
    }
}
