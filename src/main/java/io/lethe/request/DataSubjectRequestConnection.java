package io.lethe.request;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;
import io.lethe.db.Count;

/** {@code totalCount} is a resolver of its own: {@code count} runs only when it is selected. */
public record DataSubjectRequestConnection(@NonNull List<@NonNull DataSubjectRequestEdge> edges,
        @NonNull PageInfo pageInfo, @Ignore Count count) {

    public static DataSubjectRequestConnection of(Page<DataSubjectRequestView> page, Count count) {
        return new DataSubjectRequestConnection(page.edges(DataSubjectRequestView::cursor, DataSubjectRequestEdge::new),
                page.pageInfo(DataSubjectRequestView::cursor), count);
    }
}
