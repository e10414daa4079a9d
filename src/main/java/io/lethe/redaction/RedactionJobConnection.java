package io.lethe.redaction;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;
import io.lethe.db.Count;

/** {@code totalCount} is a resolver of its own: {@code count} runs only when it is selected. */
public record RedactionJobConnection(@NonNull List<@NonNull RedactionJobEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore Count count) {

    public static RedactionJobConnection of(Page<RedactionJobView> page, Count count) {
        return new RedactionJobConnection(page.edges(RedactionJobView::cursor, RedactionJobEdge::new),
                page.pageInfo(RedactionJobView::cursor), count);
    }
}
