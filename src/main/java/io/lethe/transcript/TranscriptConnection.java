package io.lethe.transcript;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;

public record TranscriptConnection(@NonNull List<@NonNull TranscriptEdge> edges, @NonNull PageInfo pageInfo,
        int totalCount) {

    public static TranscriptConnection of(Page<TranscriptView> page) {
        return new TranscriptConnection(page.edges(TranscriptView::cursor, TranscriptEdge::new),
                page.pageInfo(TranscriptView::cursor), page.total());
    }
}
