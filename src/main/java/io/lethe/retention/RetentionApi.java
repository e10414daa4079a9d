package io.lethe.retention;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.lethe.api.ApiBoundary;
import io.lethe.redaction.RedactionJobView;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
@RolesAllowed(Roles.PRIVACY_ADMIN)
public class RetentionApi {
    private final CurrentCaller caller;
    private final RetentionService retention;

    public RetentionApi(CurrentCaller caller, RetentionService retention) {
        this.caller = caller;
        this.retention = retention;
    }

    @Query("retentionPolicy")
    @NonNull
    public Uni<RetentionPolicyView> retentionPolicy() {
        return retention.policy(caller.get());
    }

    @Query("previewRetention")
    @Description("Dry run of the given policy (default: the current one) as of now: exact counts and up to 10 "
            + "sample messages before and after. Writes nothing.")
    @NonNull
    public Uni<RetentionPreview> previewRetention(RetentionPolicyInput input) {
        return retention.preview(caller.get(), input);
    }

    @Mutation("setRetentionPolicy")
    @Description("Sets all three windows: each 1..3650 days, or null to turn it off.")
    @NonNull
    public Uni<RetentionPolicyView> setRetentionPolicy(@NonNull RetentionPolicyInput input) {
        return retention.setPolicy(caller.get(), input);
    }

    @Mutation
    @Description("Enqueues a RETENTION sweep now (the scheduler also runs it); returns the active sweep if one exists.")
    @NonNull
    public Uni<RedactionJobView> applyRetentionPolicy() {
        return retention.applyNow(caller.get()).map(RedactionJobView::from);
    }
}
