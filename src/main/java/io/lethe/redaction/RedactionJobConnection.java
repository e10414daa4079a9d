package io.lethe.redaction;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;

public record RedactionJobConnection(@NonNull List<@NonNull RedactionJobEdge> edges, @NonNull PageInfo pageInfo,
        int totalCount) {

    public static RedactionJobConnection of(Page<RedactionJobView> page) {
        return new RedactionJobConnection(page.edges(RedactionJobView::cursor, RedactionJobEdge::new),
                page.pageInfo(RedactionJobView::cursor), page.total());
    }
}
