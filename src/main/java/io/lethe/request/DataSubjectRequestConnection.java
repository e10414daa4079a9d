package io.lethe.request;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.lethe.api.Page;
import io.lethe.api.PageInfo;

public record DataSubjectRequestConnection(@NonNull List<@NonNull DataSubjectRequestEdge> edges,
        @NonNull PageInfo pageInfo, int totalCount) {

    public static DataSubjectRequestConnection of(Page<DataSubjectRequestView> page) {
        return new DataSubjectRequestConnection(page.edges(DataSubjectRequestView::cursor, DataSubjectRequestEdge::new),
                page.pageInfo(DataSubjectRequestView::cursor), page.total());
    }
}
