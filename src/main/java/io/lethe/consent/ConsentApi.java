package io.lethe.consent;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.lethe.api.ApiBoundary;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.lethe.visitor.VisitorQueries;
import io.lethe.visitor.VisitorView;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
public class ConsentApi {
    private final CurrentCaller caller;
    private final ConsentService consents;
    private final ConsentQueries queries;
    private final VisitorQueries visitors;

    public ConsentApi(CurrentCaller caller, ConsentService consents, ConsentQueries queries, VisitorQueries visitors) {
        this.caller = caller;
        this.consents = consents;
        this.queries = queries;
        this.visitors = visitors;
    }

    @Mutation
    @RolesAllowed(Roles.INGEST)
    @NonNull
    public Uni<ConsentEventView> recordConsent(@NonNull ConsentInput input) {
        return consents.record(caller.get(), input).map(ConsentEventView::from);
    }

    @Query("consentEvents")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    @NonNull
    public Uni<List<@NonNull ConsentEventView>> consentEvents(@NonNull @Id String visitorId) {
        return queries.history(caller.get(), visitorId);
    }

    @NonNull
    public Uni<List<VisitorView>> visitor(@Source List<ConsentEventView> events) {
        return visitors.byIds(caller.get(), events.stream().map(e -> UUID.fromString(e.visitorId())).toList());
    }

    @NonNull
    @Name("consents")
    @Description("Current consent per purpose: the latest event for each purpose wins.")
    public Uni<List<List<@NonNull ConsentStatusView>>> consents(@Source List<VisitorView> sources) {
        return queries.consents(caller.get(), sources.stream().map(v -> UUID.fromString(v.id())).toList());
    }

    @NonNull
    @Name("consentEvents")
    @Description("The full consent history, oldest first (privacy-admin, auditor).")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    public Uni<List<List<@NonNull ConsentEventView>>> consentEvents(@Source List<VisitorView> sources) {
        return queries.consentEvents(caller.get(), sources.stream().map(v -> UUID.fromString(v.id())).toList());
    }
}
