package io.lethe.transcript;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;

import io.lethe.api.ApiBoundary;
import io.lethe.api.InputRules;
import io.lethe.api.LimitsConfig;
import io.lethe.api.PageRequest;
import io.lethe.db.Count;
import io.lethe.security.CurrentCaller;
import io.lethe.security.Roles;
import io.lethe.visitor.VisitorQueries;
import io.lethe.visitor.VisitorView;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/**
 * Browsing transcripts. Nested fields are batch resolvers: one statement per field per page
 * ({@code attachments} is resolved by the attachment feature), except messages and form fields
 * selected under a root field, which come in the root's statement.
 */
@GraphQLApi
@ApiBoundary
public class TranscriptApi {
    private final CurrentCaller caller;
    private final TranscriptQueries transcripts;
    private final VisitorQueries visitors;
    private final LimitsConfig limits;
    private final Context context;

    public TranscriptApi(CurrentCaller caller, TranscriptQueries transcripts, VisitorQueries visitors,
            LimitsConfig limits, Context context) {
        this.caller = caller;
        this.transcripts = transcripts;
        this.visitors = visitors;
        this.limits = limits;
        this.context = context;
    }

    @Query("transcripts")
    @Description("Transcripts of the caller's tenant, newest first (keyset pagination).")
    @RolesAllowed({ Roles.AGENT, Roles.PRIVACY_ADMIN })
    @NonNull
    public Uni<TranscriptConnection> transcripts(TranscriptFilter filter, @DefaultValue("50") Integer first,
            String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        checkFilter(filter);
        var who = caller.get();
        Count count = transcripts.count(who, filter);
        return transcripts.page(who, filter, page, nested("edges/node/"))
                .map(rows -> TranscriptConnection.of(rows, count));
    }

    @NonNull
    @Description("How many transcripts match the filter (counted only when selected).")
    public Uni<List<@NonNull Integer>> totalCount(@Source List<TranscriptConnection> sources) {
        return transcripts.totals(sources.stream().map(TranscriptConnection::count).toList());
    }

    /** Which nested lists the selection asks for under {@code prefix} (read when the resolver is called). */
    private TranscriptQueries.Nested nested(String prefix) {
        DataFetchingFieldSelectionSet selection = context.unwrap(DataFetchingEnvironment.class).getSelectionSet();
        return new TranscriptQueries.Nested(selection.contains(prefix + "messages"),
                selection.contains(prefix + "formFields"));
    }

    /** Rejects what no query can take (NUL in text, times out of range) before SQL is built from it. */
    static void checkFilter(TranscriptFilter filter) {
        if (filter == null) {
            return;
        }
        InputRules.noNul("filter.visitorId", filter.visitorId());
        InputRules.noNul("filter.email", filter.email());
        InputRules.noNul("filter.text", filter.text());
        InputRules.timeBound("filter.startedAfter", filter.startedAfter());
        InputRules.timeBound("filter.startedBefore", filter.startedBefore());
        InputRules.timeBound("filter.lastActivityBefore", filter.lastActivityBefore());
    }

    @Query("transcript")
    @RolesAllowed({ Roles.AGENT, Roles.PRIVACY_ADMIN })
    public Uni<TranscriptView> transcript(@NonNull @Id String id) {
        return transcripts.byId(caller.get(), id, nested(""));
    }

    @NonNull
    public Uni<List<VisitorView>> visitor(@Source List<TranscriptView> sources) {
        return visitors.byIds(caller.get(), sources.stream().map(t -> java.util.UUID.fromString(t.visitorId())).toList());
    }

    @NonNull
    @Description("In seq order.")
    public Uni<List<List<@NonNull MessageView>>> messages(@Source List<TranscriptView> sources) {
        return transcripts.messages(caller.get(), sources);
    }

    @NonNull
    public Uni<List<List<@NonNull FormFieldView>>> formFields(@Source List<TranscriptView> sources) {
        return transcripts.formFields(caller.get(), sources);
    }
}
