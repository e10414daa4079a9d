package io.lethe.tenant;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.lethe.api.ApiBoundary;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
@RolesAllowed(Roles.PRIVACY_ADMIN)
public class PrivacySettingsApi {
    private final CurrentCaller caller;
    private final PrivacySettingsService settings;

    public PrivacySettingsApi(CurrentCaller caller, PrivacySettingsService settings) {
        this.caller = caller;
        this.settings = settings;
    }

    @Query("privacySettings")
    @NonNull
    public Uni<PrivacySettings> privacySettings() {
        return settings.settings(caller.get());
    }

    @Mutation("updatePrivacySettings")
    @Description("Omitted fields stay as they are. Applies from the next ingest call and redaction batch on.")
    @NonNull
    public Uni<PrivacySettings> updatePrivacySettings(@NonNull PrivacySettingsInput input) {
        return settings.update(caller.get(), input);
    }
}
