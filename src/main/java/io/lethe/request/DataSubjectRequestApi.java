package io.lethe.request;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.lethe.export.DataExportView;
import io.lethe.api.ApiBoundary;
import io.lethe.api.LimitsConfig;
import io.lethe.api.PageRequest;
import io.lethe.db.Count;
import io.lethe.redaction.RedactionJobView;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

/** GDPR case files (data-subject requests) with their deadlines, linked jobs and exports. */
@GraphQLApi
@ApiBoundary
public class DataSubjectRequestApi {
    private final CurrentCaller caller;
    private final DataSubjectRequestService requests;
    private final DataSubjectRequestQueries queries;
    private final LimitsConfig limits;

    public DataSubjectRequestApi(CurrentCaller caller, DataSubjectRequestService requests,
            DataSubjectRequestQueries queries, LimitsConfig limits) {
        this.caller = caller;
        this.requests = requests;
        this.queries = queries;
        this.limits = limits;
    }

    @Mutation("openDataSubjectRequest")
    @Description("dueAt = receivedAt + 1 calendar month. ERASURE starts the erasure job (IN_PROGRESS, completes when "
            + "it succeeds); ACCESS prepares a CSV and a JSON export (COMPLETED at once); the other types stay OPEN.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<DataSubjectRequestView> openDataSubjectRequest(@NonNull DataSubjectRequestInput input) {
        return requests.open(caller.get(), input).map(DataSubjectRequestView::from);
    }

    @Mutation("closeDataSubjectRequest")
    @Description("Closes an OPEN or IN_PROGRESS case by hand as COMPLETED or REJECTED.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<DataSubjectRequestView> closeDataSubjectRequest(@NonNull @Id String id, @NonNull RequestStatus status,
            String note) {
        return requests.close(caller.get(), id, status, note).map(DataSubjectRequestView::from);
    }

    @Query("dataSubjectRequests")
    @Description("Newest first. overdue: true lists open cases past dueAt.")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    @NonNull
    public Uni<DataSubjectRequestConnection> dataSubjectRequests(RequestStatus status, Boolean overdue,
            @DefaultValue("50") Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        var who = caller.get();
        Count count = queries.count(who, status, overdue);
        return queries.page(who, status, overdue, page).map(rows -> DataSubjectRequestConnection.of(rows, count));
    }

    @NonNull
    @Description("How many cases match (counted only when selected).")
    public Uni<List<@NonNull Integer>> totalCount(@Source List<DataSubjectRequestConnection> sources) {
        return queries.totals(sources.stream().map(DataSubjectRequestConnection::count).toList());
    }

    @Query("dataSubjectRequest")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    public Uni<DataSubjectRequestView> dataSubjectRequest(@NonNull @Id String id) {
        return queries.byId(caller.get(), id);
    }

    @NonNull
    @Name("jobs")
    public Uni<List<List<@NonNull RedactionJobView>>> jobs(@Source List<DataSubjectRequestView> sources) {
        return queries.jobs(caller.get(), sources.stream().map(DataSubjectRequestView::uuid).toList());
    }

    @NonNull
    @Name("retainedOnHold")
    @Description("ERASURE: transcripts of the subject kept under legal hold; each is erased automatically when its"
            + " hold is lifted.")
    public Uni<List<@NonNull Integer>> retainedOnHold(@Source List<DataSubjectRequestView> sources) {
        return queries.retainedOnHold(caller.get(), sources.stream().map(DataSubjectRequestView::uuid).toList());
    }

    @NonNull
    @Name("exports")
    public Uni<List<List<@NonNull DataExportView>>> exports(@Source List<DataSubjectRequestView> sources) {
        return queries.exports(caller.get(), sources.stream().map(DataSubjectRequestView::uuid).toList());
    }
}
