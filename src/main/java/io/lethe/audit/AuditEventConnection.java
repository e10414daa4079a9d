package io.lethe.audit;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;

public record AuditEventConnection(@NonNull List<@NonNull AuditEventEdge> edges, @NonNull PageInfo pageInfo,
        int totalCount) {

    public static AuditEventConnection of(Page<AuditEventView> page) {
        return new AuditEventConnection(page.edges(AuditEventView::cursor, AuditEventEdge::new),
                page.pageInfo(AuditEventView::cursor), page.total());
    }
}
