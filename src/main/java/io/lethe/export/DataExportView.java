package io.lethe.export;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

@Type("DataExport")
public record DataExportView(
        @NonNull @Id String id,
        @NonNull ExportFormat format,
        int transcriptCount,
        @NonNull @Description("GET it with the same bearer token (role privacy-admin); the file is generated while it streams.")
        String downloadPath,
        @NonNull OffsetDateTime createdAt,
        @NonNull @Description("After this the download answers 410 Gone; request a new export.")
        OffsetDateTime expiresAt,
        @Ignore UUID requestId) {

    public static final String COLUMNS = "e.id, e.format, e.transcript_count, e.created_at, e.expires_at, e.request_id";

    public static String downloadPath(UUID id) {
        return "/exports/" + id;
    }

    public static DataExportView from(Row row) {
        UUID id = row.getUUID("id");
        return new DataExportView(id.toString(), ExportFormat.valueOf(row.getString("format")),
                row.getInteger("transcript_count"), downloadPath(id), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("expires_at"), row.getUUID("request_id"));
    }

    public static DataExportView from(DataExport e) {
        return new DataExportView(e.id.toString(), e.format, e.transcriptCount, downloadPath(e.id),
                e.createdAt.withOffsetSameInstant(ZoneOffset.UTC), e.expiresAt.withOffsetSameInstant(ZoneOffset.UTC),
                e.requestId);
    }
}
