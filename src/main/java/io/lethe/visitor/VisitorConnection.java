package io.lethe.visitor;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;
import io.lethe.db.Count;

/** {@code totalCount} is a resolver of its own: {@code count} runs only when it is selected. */
public record VisitorConnection(@NonNull List<@NonNull VisitorEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore Count count) {

    public static VisitorConnection of(Page<VisitorView> page, Count count) {
        return new VisitorConnection(page.edges(VisitorView::cursor, VisitorEdge::new),
                page.pageInfo(VisitorView::cursor), count);
    }
}
