package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.lethe.api.Cursor;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A transcript as the API shows it; visitor, messages, forms and files come from batch resolvers.
 * Messages and form fields may come with the row instead ({@code loadedMessages},
 * {@code loadedFormFields}, null when not loaded), read in the same statement.
 */
@Type("Transcript")
public record TranscriptView(
        @NonNull @Id String id,
        @NonNull @Id String visitorId,
        @NonNull OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        @NonNull OffsetDateTime lastActivityAt,
        OffsetDateTime redactedAt,
        boolean legalHold,
        @Description("Why the transcript is on legal hold, as given by the privacy admin who set it.")
        String legalHoldReason,
        @Ignore List<MessageView> loadedMessages,
        @Ignore List<FormFieldView> loadedFormFields) {

    public static final String COLUMNS = "t.id, t.visitor_id, t.started_at, t.ended_at, t.last_activity_at, "
            + "t.redacted_at, t.legal_hold, t.legal_hold_reason";

    /** Array columns of a transcript's messages in seq order (one aggregate row per transcript). */
    public static final String MESSAGE_ARRAYS = "array_agg(m.id order by m.seq) as m_id, "
            + "array_agg(m.seq order by m.seq) as m_seq, array_agg(m.sender order by m.seq) as m_sender, "
            + "array_agg(m.sender_name order by m.seq) as m_sender_name, array_agg(m.body order by m.seq) as m_body, "
            + "array_agg(m.sent_at order by m.seq) as m_sent_at";
    /** Array columns of a transcript's form fields in position order. */
    public static final String FORM_ARRAYS = "array_agg(f.name order by f.position) as f_name, "
            + "array_agg(f.value order by f.position) as f_value";

    public static TranscriptView from(Row row) {
        UUID id = row.getUUID("id");
        return new TranscriptView(id.toString(), row.getUUID("visitor_id").toString(),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("ended_at"),
                row.getOffsetDateTime("last_activity_at"), row.getOffsetDateTime("redacted_at"),
                row.getBoolean("legal_hold"), row.getString("legal_hold_reason"),
                row.getColumnIndex("m_id") < 0 ? null : messages(id, row),
                row.getColumnIndex("f_name") < 0 ? null : formFields(id, row));
    }

    public static TranscriptView from(Transcript t) {
        return new TranscriptView(t.id.toString(), t.visitorId.toString(), t.startedAt, t.endedAt, t.lastActivityAt,
                t.redactedAt, t.legalHold, t.legalHoldReason, null, null);
    }

    private static List<MessageView> messages(UUID transcriptId, Row row) {
        UUID[] ids = row.getArrayOfUUIDs("m_id");
        if (ids == null) {
            // an aggregate over no rows is null
            return List.of();
        }
        Integer[] seqs = row.getArrayOfIntegers("m_seq");
        String[] senders = row.getArrayOfStrings("m_sender");
        String[] names = row.getArrayOfStrings("m_sender_name");
        String[] bodies = row.getArrayOfStrings("m_body");
        OffsetDateTime[] sent = row.getArrayOfOffsetDateTimes("m_sent_at");
        List<MessageView> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new MessageView(ids[i].toString(), transcriptId, seqs[i], SenderKind.valueOf(senders[i]), names[i],
                    bodies[i], sent[i]));
        }
        return out;
    }

    private static List<FormFieldView> formFields(UUID transcriptId, Row row) {
        String[] names = row.getArrayOfStrings("f_name");
        if (names == null) {
            return List.of();
        }
        String[] values = row.getArrayOfStrings("f_value");
        List<FormFieldView> out = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            out.add(new FormFieldView(transcriptId, names[i], values[i]));
        }
        return out;
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }

    public Cursor cursor() {
        return Cursor.of(startedAt, uuid());
    }
}
