package io.lethe.visitor;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.lethe.graphql.ApiBoundary;
import io.lethe.graphql.LimitsConfig;
import io.lethe.graphql.PageRequest;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
public class VisitorApi {
    private final CurrentCaller caller;
    private final VisitorQueries visitors;
    private final LimitsConfig limits;

    public VisitorApi(CurrentCaller caller, VisitorQueries visitors, LimitsConfig limits) {
        this.caller = caller;
        this.visitors = visitors;
        this.limits = limits;
    }

    @Query("visitors")
    @RolesAllowed({ Roles.AGENT, Roles.PRIVACY_ADMIN })
    @NonNull
    public Uni<VisitorConnection> visitors(VisitorFilter filter, @DefaultValue("50") Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        return visitors.page(caller.get(), filter, page).map(VisitorConnection::of);
    }

    @Query("visitor")
    @RolesAllowed({ Roles.AGENT, Roles.PRIVACY_ADMIN })
    public Uni<VisitorView> visitor(@NonNull @Id String id) {
        return visitors.byId(caller.get(), id);
    }
}
