package io.lethe.redaction;

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
import io.lethe.api.LimitsConfig;
import io.lethe.api.PageRequest;
import io.lethe.db.Count;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.lethe.transcript.TranscriptView;
import io.smallrye.mutiny.Uni;

/** Erasure, single-transcript redaction, legal hold and the job views. */
@GraphQLApi
@ApiBoundary
public class RedactionApi {
    private final CurrentCaller caller;
    private final RedactionJobService jobs;
    private final RedactionJobQueries queries;
    private final LegalHoldService legalHolds;
    private final LimitsConfig limits;

    public RedactionApi(CurrentCaller caller, RedactionJobService jobs, RedactionJobQueries queries,
            LegalHoldService legalHolds, LimitsConfig limits) {
        this.caller = caller;
        this.jobs = jobs;
        this.queries = queries;
        this.legalHolds = legalHolds;
        this.limits = limits;
    }

    @Mutation
    @Description("Redacts every transcript of every visitor with this email (case-insensitive); held ones are skipped.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<RedactionJobView> requestErasure(@NonNull ErasureInput input) {
        return jobs.requestErasure(caller.get(), input, null).map(RedactionJobView::from);
    }

    @Mutation
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<RedactionJobView> redactTranscript(@NonNull @Id String id) {
        return jobs.redactTranscript(caller.get(), id).map(RedactionJobView::from);
    }

    @Mutation
    @Description("Only QUEUED or RUNNING jobs; transcripts already redacted stay redacted.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<RedactionJobView> cancelRedactionJob(@NonNull @Id String id) {
        return jobs.cancel(caller.get(), id).map(RedactionJobView::from);
    }

    @Mutation("setLegalHold")
    @Description("Held transcripts are skipped by retention and erasure.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<TranscriptView> setLegalHold(@NonNull @Id String transcriptId, boolean hold, String reason) {
        return legalHolds.setHold(caller.get(), transcriptId, hold, reason).map(TranscriptView::from);
    }

    @Query("redactionJob")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    public Uni<RedactionJobView> redactionJob(@NonNull @Id String id) {
        return queries.byId(caller.get(), id);
    }

    @Query("redactionJobs")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    @NonNull
    public Uni<RedactionJobConnection> redactionJobs(JobStatus status, @DefaultValue("50") Integer first,
            String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        var who = caller.get();
        Count count = queries.count(who, status);
        return queries.page(who, status, page).map(rows -> RedactionJobConnection.of(rows, count));
    }

    @NonNull
    @Description("How many jobs match (counted only when selected).")
    public Uni<List<@NonNull Integer>> totalCount(@Source List<RedactionJobConnection> sources) {
        return queries.totals(sources.stream().map(RedactionJobConnection::count).toList());
    }
}
