package io.lethe.visitor;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;

public record VisitorConnection(@NonNull List<@NonNull VisitorEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {

    public static VisitorConnection of(Page<VisitorView> page) {
        return new VisitorConnection(page.edges(VisitorView::cursor, VisitorEdge::new),
                page.pageInfo(VisitorView::cursor), page.total());
    }
}
