package io.lethe.transcript;

import java.util.UUID;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

@Type("FormField")
public record FormFieldView(@Ignore UUID transcriptId, @NonNull String name, @NonNull String value) {

    public static FormFieldView from(Row row) {
        return new FormFieldView(row.getUUID("transcript_id"), row.getString("name"), row.getString("value"));
    }
}
