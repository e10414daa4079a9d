package io.lethe.redaction;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.ApiBoundary;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

/** Live job progress over graphql-transport-ws on the GraphQL path. */
@GraphQLApi
@ApiBoundary
public class JobProgressApi {
    private final CurrentCaller caller;
    private final JobProgressService progress;

    public JobProgressApi(CurrentCaller caller, JobProgressService progress) {
        this.caller = caller;
        this.progress = progress;
    }

    @Subscription("redactionJobProgress")
    @Description("The job now, then after every committed batch, then once when it has ended; then the stream completes.")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    @NonNull
    public Multi<RedactionJobView> redactionJobProgress(@NonNull @Id String id) {
        return progress.follow(caller.get(), id);
    }
}
