package io.lethe.visitor;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.lethe.api.ApiBoundary;
import io.lethe.api.InputRules;
import io.lethe.api.LimitsConfig;
import io.lethe.api.PageRequest;
import io.lethe.db.Count;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
public class VisitorApi {
    private final CurrentCaller caller;
    private final VisitorQueries visitors;
    private final VisitorRightsService rights;
    private final LimitsConfig limits;

    public VisitorApi(CurrentCaller caller, VisitorQueries visitors, VisitorRightsService rights, LimitsConfig limits) {
        this.caller = caller;
        this.visitors = visitors;
        this.rights = rights;
        this.limits = limits;
    }

    @Query("visitors")
    @RolesAllowed({ Roles.AGENT, Roles.PRIVACY_ADMIN })
    @NonNull
    public Uni<VisitorConnection> visitors(VisitorFilter filter, @DefaultValue("50") Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        if (filter != null) {
            InputRules.noNul("filter.email", filter.email());
            InputRules.noNul("filter.visitorKey", filter.visitorKey());
        }
        var who = caller.get();
        Count count = visitors.count(who, filter);
        return visitors.page(who, filter, page).map(rows -> VisitorConnection.of(rows, count));
    }

    @NonNull
    @Description("How many visitors match the filter (counted only when selected).")
    public Uni<List<@NonNull Integer>> totalCount(@Source List<VisitorConnection> sources) {
        return visitors.totals(sources.stream().map(VisitorConnection::count).toList());
    }

    @Query("visitor")
    @RolesAllowed({ Roles.AGENT, Roles.PRIVACY_ADMIN })
    public Uni<VisitorView> visitor(@NonNull @Id String id) {
        return visitors.byId(caller.get(), id);
    }

    @Mutation("rectifyVisitor")
    @Description("Corrects name, email and phone (Art. 16): omitted fields stay, an empty string clears. "
            + "The audit event names the changed fields, never their values. An erased visitor is a CONFLICT.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<VisitorView> rectifyVisitor(@NonNull @Id String id, @NonNull RectifyVisitorInput input) {
        return rights.rectify(caller.get(), id, input).map(VisitorView::from);
    }

    @Mutation("restrictProcessing")
    @Description("Restricted visitors (Art. 18) and their transcripts are hidden from agents; ingest still stores data.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<VisitorView> restrictProcessing(@NonNull @Id String visitorId, boolean restricted) {
        return rights.restrict(caller.get(), visitorId, restricted).map(VisitorView::from);
    }
}
