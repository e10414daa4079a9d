package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.lethe.api.Cursor;
import io.vertx.mutiny.sqlclient.Row;

@Type("RedactionJob")
public record RedactionJobView(
        @NonNull @Id String id,
        @NonNull JobKind kind,
        @NonNull JobStatus status,
        @NonNull OffsetDateTime requestedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        int transcriptsRedacted,
        int messagesRedacted,
        int valuesRedacted,
        int filesDestroyed,
        int transcriptsSkipped,
        @Description("RETENTION: transcripts whose stored IP address or IP addresses in text the IP window "
                + "removed (the rest of their text stays).") int ipsForgotten,
        @Description("Visitors whose stored IP address was forgotten: by the IP window, or with their profile.")
        int visitorIpsForgotten,
        @Description("How many transcripts the job will examine, fixed when it starts; null until then.")
        Integer transcriptsTotal,
        @Description("Transcripts examined so far (redacted, skipped or already clean), committed with each batch.")
        int transcriptsExamined,
        int attempts,
        String error,
        @Id String transcriptId,
        @Id String requestId) {

    public static final String COLUMNS = "j.id, j.kind, j.status, j.requested_at, j.started_at, j.finished_at, "
            + "j.transcripts_redacted, j.messages_redacted, j.values_redacted, j.files_destroyed, "
            + "j.transcripts_skipped, j.ips_forgotten, j.visitor_ips_forgotten, j.transcripts_total, "
            + "j.transcripts_examined, j.attempts, j.error, j.transcript_id, j.request_id";

    public static RedactionJobView from(Row row) {
        UUID transcript = row.getUUID("transcript_id");
        UUID request = row.getUUID("request_id");
        return new RedactionJobView(row.getUUID("id").toString(), JobKind.valueOf(row.getString("kind")),
                JobStatus.valueOf(row.getString("status")), row.getOffsetDateTime("requested_at"),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("finished_at"),
                row.getInteger("transcripts_redacted"), row.getInteger("messages_redacted"),
                row.getInteger("values_redacted"), row.getInteger("files_destroyed"),
                row.getInteger("transcripts_skipped"), row.getInteger("ips_forgotten"),
                row.getInteger("visitor_ips_forgotten"), row.getInteger("transcripts_total"),
                row.getInteger("transcripts_examined"), row.getInteger("attempts"), row.getString("error"),
                transcript == null ? null : transcript.toString(), request == null ? null : request.toString());
    }

    public static RedactionJobView from(RedactionJob j) {
        return new RedactionJobView(j.id.toString(), j.kind, j.status, j.requestedAt, j.startedAt, j.finishedAt,
                j.transcriptsRedacted, j.messagesRedacted, j.valuesRedacted, j.filesDestroyed, j.transcriptsSkipped,
                j.ipsForgotten, j.visitorIpsForgotten, j.transcriptsTotal, j.transcriptsExamined, j.attempts, j.error,
                j.transcriptId == null ? null : j.transcriptId.toString(),
                j.requestId == null ? null : j.requestId.toString());
    }

    public Cursor cursor() {
        return Cursor.of(requestedAt, UUID.fromString(id));
    }
}
