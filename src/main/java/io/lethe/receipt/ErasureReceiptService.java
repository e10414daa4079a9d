package io.lethe.receipt;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Ids;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;

/** Erasure receipts, signed as they are read: the rows they come from never change once the job has ended. */
@ApplicationScoped
public class ErasureReceiptService {
    private final ErasureReceiptQueries queries;
    private final ReceiptSigner signer;

    public ErasureReceiptService(ErasureReceiptQueries queries, ReceiptSigner signer) {
        this.queries = queries;
        this.signer = signer;
    }

    /** Null for an unknown id, another tenant's job, a job that is not an ERASURE or has not SUCCEEDED. */
    public Uni<ErasureReceipt> receipt(Caller caller, String jobId) {
        var id = Ids.parse(jobId);
        if (id.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return queries.unsigned(caller.tenantId(), id.get())
                .map(receipt -> receipt == null ? null : receipt.signedWith(signer.sign(receipt.claims())));
    }
}
