package io.lethe.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Ids;
import io.lethe.db.Rows;
import io.lethe.db.Sql;
import io.lethe.api.BadUserInputException;
import io.lethe.api.Page;
import io.lethe.api.PageRequest;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Transcript reads. A page of transcripts with visitor, messages, forms and files costs a fixed
 * number of statements whatever its size: page + count + one batch statement per nested field.
 */
@ApplicationScoped
public class TranscriptQueries {
    private static final int MAX_TEXT_FILTER = 500;
    private final Sql sql;

    public TranscriptQueries(Sql sql) {
        this.sql = sql;
    }

    public Uni<TranscriptView> byId(Caller caller, String id) {
        var uuid = Ids.parse(id);
        if (uuid.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return sql.one("select " + TranscriptView.COLUMNS + " from transcript t"
                + " where t.tenant_id = $1 and t.id = $2" + Sql.hideRestrictedTranscripts(caller),
                Tuple.of(caller.tenantId(), uuid.get()), TranscriptView::from);
    }

    public Uni<Page<TranscriptView>> page(Caller caller, TranscriptFilter filter, PageRequest request) {
        List<Object> args = new ArrayList<>();
        args.add(caller.tenantId());
        StringBuilder where = new StringBuilder(" from transcript t where t.tenant_id = $1")
                .append(Sql.hideRestrictedTranscripts(caller));
        if (filter != null) {
            if (filter.visitorId() != null) {
                var visitorId = Ids.parse(filter.visitorId());
                if (visitorId.isEmpty()) {
                    return Uni.createFrom().item(Page.of(List.of(), request, 0));
                }
                args.add(visitorId.get());
                where.append(" and t.visitor_id = $").append(args.size());
            }
            if (filter.email() != null && !filter.email().isBlank()) {
                args.add(filter.email().trim());
                where.append(" and t.visitor_id in (select v.id from visitor v where v.tenant_id = $1"
                        + " and lower(v.email) = lower($").append(args.size()).append("))");
            }
            if (filter.text() != null && !filter.text().isEmpty()) {
                if (filter.text().length() > MAX_TEXT_FILTER) {
                    throw new BadUserInputException("`text` filter is limited to " + MAX_TEXT_FILTER + " characters");
                }
                args.add(Sql.likeContains(filter.text()));
                where.append(" and exists (select 1 from message m where m.transcript_id = t.id and m.body ilike $")
                        .append(args.size()).append(" escape '\\')");
            }
            if (filter.startedAfter() != null) {
                args.add(filter.startedAfter());
                where.append(" and t.started_at > $").append(args.size());
            }
            if (filter.startedBefore() != null) {
                args.add(filter.startedBefore());
                where.append(" and t.started_at < $").append(args.size());
            }
            if (filter.redacted() != null) {
                where.append(filter.redacted() ? " and t.redacted_at is not null" : " and t.redacted_at is null");
            }
            if (filter.lastActivityBefore() != null) {
                args.add(filter.lastActivityBefore());
                where.append(" and t.last_activity_at < $").append(args.size());
            }
            if (filter.legalHold() != null) {
                where.append(filter.legalHold() ? " and t.legal_hold" : " and not t.legal_hold");
            }
        }
        return sql.page(TranscriptView.COLUMNS, where.toString(), args, Sql.Keyset.byTime("t.started_at", "t.id"), request,
                TranscriptView::from);
    }

    public Uni<List<List<MessageView>>> messages(Caller caller, List<UUID> transcriptIds) {
        return sql.list("select id, transcript_id, seq, sender, sender_name, body, sent_at from message"
                + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, seq",
                Tuple.of(caller.tenantId(), transcriptIds.toArray(UUID[]::new)), MessageView::from)
                .map(rows -> Rows.groupAligned(transcriptIds, rows, MessageView::transcriptId));
    }

    public Uni<List<List<FormFieldView>>> formFields(Caller caller, List<UUID> transcriptIds) {
        return sql.list("select transcript_id, name, value from form_field"
                + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, position",
                Tuple.of(caller.tenantId(), transcriptIds.toArray(UUID[]::new)), FormFieldView::from)
                .map(rows -> Rows.groupAligned(transcriptIds, rows, FormFieldView::transcriptId));
    }

}
