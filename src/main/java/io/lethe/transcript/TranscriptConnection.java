package io.lethe.transcript;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;
import io.lethe.db.Count;

/** {@code totalCount} is a resolver of its own: {@code count} runs only when it is selected. */
public record TranscriptConnection(@NonNull List<@NonNull TranscriptEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore Count count) {

    public static TranscriptConnection of(Page<TranscriptView> page, Count count) {
        return new TranscriptConnection(page.edges(TranscriptView::cursor, TranscriptEdge::new),
                page.pageInfo(TranscriptView::cursor), count);
    }
}
