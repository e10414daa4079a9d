package io.lethe.export;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.export.ExportRows.Attachment;
import io.lethe.export.ExportRows.Consent;
import io.lethe.export.ExportRows.Controller;
import io.lethe.export.ExportRows.FormField;
import io.lethe.export.ExportRows.Message;
import io.lethe.export.ExportRows.Transcript;
import io.lethe.export.ExportRows.Visitor;
import io.lethe.tenant.PrivacySettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reads behind a streaming export, every one scoped by tenant and bounded: keyset pages over
 * indexes that lead with the page key (message by (transcript_id, seq), transcripts by visitor),
 * so an export of any size costs a flat amount of memory. Attachment bytes are never read.
 */
@ApplicationScoped
public class ExportReader {
    private final Pool pool;

    public ExportReader(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's purposes are a list of its own (privacy settings); a tenant without a row has the defaults. */
    public Uni<Controller> controller(String tenantId) {
        return pool.preparedQuery("select redact_after_days, processing_purposes from tenant where tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    if (rows.size() == 0) {
                        return new Controller(tenantId, PrivacySettings.DEFAULT_PURPOSES, null);
                    }
                    Row row = rows.iterator().next();
                    return new Controller(tenantId, List.of(row.getArrayOfStrings("processing_purposes")),
                            row.getInteger("redact_after_days"));
                });
    }

    public Uni<List<Visitor>> visitors(String tenantId, UUID[] visitorIds) {
        return pool.preparedQuery("""
                select id, visitor_key, name, email, phone, ip_address, first_seen_at, last_seen_at, redacted_at,
                       processing_restricted
                from visitor where tenant_id = $1 and id = any($2) order by first_seen_at, id
                """).execute(Tuple.of(tenantId, visitorIds))
                .map(rows -> map(rows, r -> new Visitor(r.getUUID("id"), r.getString("visitor_key"), r.getString("name"),
                        r.getString("email"), r.getString("phone"), r.getString("ip_address"),
                        r.getOffsetDateTime("first_seen_at"), r.getOffsetDateTime("last_seen_at"),
                        r.getOffsetDateTime("redacted_at"), r.getBoolean("processing_restricted"))));
    }

    /** One page of a visitor's consent history, oldest first, after {@code after} (null: from the start). */
    public Uni<List<Consent>> consents(String tenantId, UUID visitorId, Consent after, int limit) {
        String keyset = after == null ? "" : " and (occurred_at, id) > ($3, $4)";
        Tuple args = after == null ? Tuple.of(tenantId, visitorId)
                : Tuple.of(tenantId, visitorId, after.occurredAt(), after.id());
        return pool.preparedQuery("select id, transcript_id, purpose, granted, consent_text, consent_version,"
                + " occurred_at, source from consent_event where tenant_id = $1 and visitor_id = $2" + keyset
                + " order by occurred_at, id limit " + limit)
                .execute(args)
                .map(rows -> map(rows, r -> new Consent(r.getUUID("id"), r.getUUID("transcript_id"),
                        r.getString("purpose"), r.getBoolean("granted"), r.getString("consent_text"),
                        r.getString("consent_version"), r.getOffsetDateTime("occurred_at"), r.getString("source"))));
    }

    /** One page of the subject's transcripts, oldest first, after {@code after} (null: from the start). */
    public Uni<List<Transcript>> transcripts(String tenantId, UUID[] visitorIds, Transcript after, int limit) {
        String keyset = after == null ? "" : " and (started_at, id) > ($3, $4)";
        Tuple args = after == null ? Tuple.of(tenantId, visitorIds)
                : Tuple.of(tenantId, visitorIds, after.startedAt(), after.id());
        return pool.preparedQuery("select id, visitor_id, started_at, ended_at, last_activity_at, ip_address,"
                + " redacted_at, legal_hold from transcript where tenant_id = $1 and visitor_id = any($2)" + keyset
                + " order by started_at, id limit " + limit)
                .execute(args)
                .map(rows -> map(rows, r -> new Transcript(r.getUUID("id"), r.getUUID("visitor_id"),
                        r.getOffsetDateTime("started_at"), r.getOffsetDateTime("ended_at"),
                        r.getOffsetDateTime("last_activity_at"), r.getString("ip_address"),
                        r.getOffsetDateTime("redacted_at"), r.getBoolean("legal_hold"))));
    }

    /** Form fields of a page of transcripts, in submission order. */
    public Uni<List<FormField>> formFields(String tenantId, UUID[] transcriptIds) {
        return pool.preparedQuery("select transcript_id, name, value, submitted_at from form_field"
                + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, position")
                .execute(Tuple.of(tenantId, transcriptIds))
                .map(rows -> map(rows, r -> new FormField(r.getUUID("transcript_id"), r.getString("name"),
                        r.getString("value"), r.getOffsetDateTime("submitted_at"))));
    }

    /** Attachment metadata (never the bytes) of a page of transcripts. */
    public Uni<List<Attachment>> attachments(String tenantId, UUID[] transcriptIds) {
        return pool.preparedQuery("select id, transcript_id, file_name, content_type, size, sha256, uploaded_at,"
                + " destroyed_at from attachment where tenant_id = $1 and transcript_id = any($2)"
                + " order by transcript_id, uploaded_at, id")
                .execute(Tuple.of(tenantId, transcriptIds))
                .map(rows -> map(rows, r -> new Attachment(r.getUUID("id"), r.getUUID("transcript_id"),
                        r.getString("file_name"), r.getString("content_type"), r.getLong("size"),
                        r.getString("sha256"), r.getOffsetDateTime("uploaded_at"),
                        r.getOffsetDateTime("destroyed_at"))));
    }

    /** One page of a transcript's messages in seq order, after seq {@code afterSeq}. */
    public Uni<List<Message>> messages(String tenantId, UUID transcriptId, int afterSeq, int limit) {
        return pool.preparedQuery("select seq, sender, sender_name, body, sent_at from message"
                + " where transcript_id = $1 and tenant_id = $2 and seq > $3 order by seq limit " + limit)
                .execute(Tuple.of(transcriptId, tenantId, afterSeq))
                .map(rows -> map(rows, r -> new Message(r.getInteger("seq"), r.getString("sender"),
                        r.getString("sender_name"), r.getString("body"), r.getOffsetDateTime("sent_at"))));
    }

    private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(mapper.apply(row));
        }
        return out;
    }
}
