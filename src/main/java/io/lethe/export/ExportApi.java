package io.lethe.export;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.ApiBoundary;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
public class ExportApi {
    private final CurrentCaller caller;
    private final ExportService exports;

    public ExportApi(CurrentCaller caller, ExportService exports) {
        this.caller = caller;
        this.exports = exports;
    }

    @Mutation("exportVisitorData")
    @Description("Everything held about the visitors with this email (case-insensitive), as CSV or JSON. "
            + "GET downloadPath with the same bearer token before expiresAt; the file is generated while it streams.")
    @RolesAllowed(Roles.PRIVACY_ADMIN)
    @NonNull
    public Uni<DataExportView> exportVisitorData(@NonNull String email, @DefaultValue("CSV") ExportFormat format) {
        return exports.create(caller.get(), email, format, null).map(DataExportView::from);
    }
}
