package io.lethe.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.lethe.api.ApiBoundary;
import io.lethe.api.LimitsConfig;
import io.lethe.api.PageRequest;
import io.lethe.db.Count;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
@RolesAllowed({ Roles.AUDITOR, Roles.PRIVACY_ADMIN })
public class AuditApi {
    private final CurrentCaller caller;
    private final AuditQueries queries;
    private final AuditVerifier verifier;
    private final LimitsConfig limits;

    public AuditApi(CurrentCaller caller, AuditQueries queries, AuditVerifier verifier, LimitsConfig limits) {
        this.caller = caller;
        this.queries = queries;
        this.verifier = verifier;
        this.limits = limits;
    }

    @Query("auditLog")
    @Description("The tenant's audit trail, newest first; `filter` matches action, actor and target id exactly,"
            + " `from` (inclusive) and `to` (exclusive) bound the event time.")
    @NonNull
    public Uni<AuditEventConnection> auditLog(@DefaultValue("50") Integer first, String after, AuditFilter filter) {
        PageRequest page = PageRequest.of(first, after, limits);
        String tenantId = caller.get().tenantId();
        Count count = queries.count(tenantId, filter);
        return queries.page(tenantId, filter, page).map(rows -> AuditEventConnection.of(rows, count));
    }

    @NonNull
    @Description("How many events match the filter (counted only when selected).")
    public Uni<List<@NonNull Integer>> totalCount(@Source List<AuditEventConnection> sources) {
        return queries.totals(sources.stream().map(AuditEventConnection::count).toList());
    }

    @Query("auditChainValid")
    @Description("Recomputes the tenant's whole hash chain; false means an event was altered or removed.")
    public Uni<Boolean> auditChainValid() {
        return verifier.chainValid(caller.get().tenantId());
    }
}
