package io.lethe.audit;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Recomputes a tenant's whole chain in keyset pages of {@link AuditConfig#pageSize()} events, so a
 * check holds one page in memory however long the log, and each page is its own short statement
 * (within a GraphQL query, all pages read the query's one snapshot).
 */
@ApplicationScoped
public class AuditVerifier {
    private final AuditQueries queries;
    private final int pageSize;

    public AuditVerifier(AuditQueries queries, AuditConfig config) {
        this.queries = queries;
        this.pageSize = config.pageSize();
    }

    public Uni<Boolean> chainValid(String tenantId) {
        AuditChainCheck check = new AuditChainCheck();
        // a repeated Uni, not recursion: the number of pages does not grow the stack
        return Multi.createBy().repeating()
                .uni(() -> queries.chain(tenantId, check.lastSeq(), pageSize))
                .whilst(page -> check.accept(page) && page.size() == pageSize)
                .onItem().ignoreAsUni()
                .map(ignored -> check.valid());
    }
}
