package io.lethe.receipt;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.lethe.api.ApiBoundary;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiBoundary
public class ErasureReceiptApi {
    private final CurrentCaller caller;
    private final ErasureReceiptService receipts;

    public ErasureReceiptApi(CurrentCaller caller, ErasureReceiptService receipts) {
        this.caller = caller;
        this.receipts = receipts;
    }

    @Query("erasureReceipt")
    @Description("The signed receipt of an ERASURE job; null until that job has SUCCEEDED.")
    @RolesAllowed({ Roles.PRIVACY_ADMIN, Roles.AUDITOR })
    public Uni<ErasureReceipt> erasureReceipt(@NonNull @Id String jobId) {
        return receipts.receipt(caller.get(), jobId);
    }
}
