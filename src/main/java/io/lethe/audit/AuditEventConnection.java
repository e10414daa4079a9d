package io.lethe.audit;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;
import io.lethe.db.Count;

/** {@code totalCount} is a resolver of its own: {@code count} runs only when it is selected. */
public record AuditEventConnection(@NonNull List<@NonNull AuditEventEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore Count count) {

    public static AuditEventConnection of(Page<AuditEventView> page, Count count) {
        return new AuditEventConnection(page.edges(AuditEventView::cursor, AuditEventEdge::new),
                page.pageInfo(AuditEventView::cursor), count);
    }
}
