package io.lethe.consent;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Ids;
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
}
