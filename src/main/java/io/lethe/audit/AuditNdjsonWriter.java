package io.lethe.audit;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * One audit event per line (UTF-8 JSON, newline-terminated), with exactly the values the chain
 * hashes: {@code at} is written the way {@link AuditChain} formats it, so a line can be checked
 * without Lethe (docs/audit.md).
 */
final class AuditNdjsonWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final JsonGenerator json;

    AuditNdjsonWriter(OutputStream out) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        // lines end with a newline of their own: no separator between root values
        json.setRootValueSeparator(null);
    }

    void write(AuditEventView e) throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", e.seq());
        json.writeStringField("at", AuditChain.time(e.at()));
        json.writeStringField("actor", e.actor());
        json.writeStringField("action", e.action());
        json.writeStringField("targetType", e.targetType());
        json.writeStringField("targetId", e.targetId());
        json.writeStringField("details", e.details());
        json.writeStringField("prevHash", e.prevHash());
        json.writeStringField("hash", e.hash());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    void flush() throws IOException {
        json.flush();
    }
}
