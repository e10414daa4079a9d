package io.lethe.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.lethe.db.Sql;
import io.lethe.api.ApiBoundary;
import io.lethe.api.LimitsConfig;
import io.lethe.api.PageRequest;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

@GraphQLApi
@ApiBoundary
@RolesAllowed({ Roles.AUDITOR, Roles.PRIVACY_ADMIN })
public class AuditApi {
    private static final String COLUMNS = "id, seq, at, actor, action, target_type, target_id, details, prev_hash, hash";
    private final CurrentCaller caller;
    private final Sql sql;
    private final LimitsConfig limits;

    public AuditApi(CurrentCaller caller, Sql sql, LimitsConfig limits) {
        this.caller = caller;
        this.sql = sql;
        this.limits = limits;
    }

    @Query("auditLog")
    @Description("The tenant's audit trail, newest first.")
    @NonNull
    public Uni<AuditEventConnection> auditLog(@DefaultValue("50") Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        return sql.page(COLUMNS, " from audit_event where tenant_id = $1", List.of(caller.get().tenantId()),
                Sql.Keyset.bySequence("seq", "id"), page, AuditEventView::from).map(AuditEventConnection::of);
    }

    @Query("auditChainValid")
    @Description("Recomputes the tenant's whole hash chain; false means an event was altered or removed.")
    public Uni<Boolean> auditChainValid() {
        return sql.list("select " + COLUMNS + " from audit_event where tenant_id = $1 order by seq",
                Tuple.of(caller.get().tenantId()), AuditEventView::from)
                .map(AuditApi::verify);
    }

    static boolean verify(List<AuditEventView> events) {
        String previous = AuditChain.GENESIS;
        long expectedSeq = 1;
        for (AuditEventView e : events) {
            if (e.seq() != expectedSeq++ || !e.chainsFrom(previous)) {
                return false;
            }
            previous = e.hash();
        }
        return true;
    }
}
