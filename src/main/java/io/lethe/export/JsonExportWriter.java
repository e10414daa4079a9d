package io.lethe.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.lethe.export.ExportRows.Attachment;
import io.lethe.export.ExportRows.Consent;
import io.lethe.export.ExportRows.FormField;
import io.lethe.export.ExportRows.Header;
import io.lethe.export.ExportRows.Message;
import io.lethe.export.ExportRows.RetentionOutlook;
import io.lethe.export.ExportRows.Transcript;
import io.lethe.export.ExportRows.Visitor;

/**
 * One JSON document (UTF-8), written with Jackson's streaming generator so it never exists as a
 * whole in memory:
 *
 * <pre>
 * { "format": "lethe-visitor-export", "version": 1, "exportId", "generatedAt",
 *   "controller": { "tenantId", "processingPurposes": [..], "retentionPolicy": { "redactAfterDays" } },
 *   "visitors": [ { profile..., "consentHistory": [ { purpose, granted, consentText, consentVersion, occurredAt, ... } ],
 *                   "consents": [ current status per purpose, latest event wins ] } ],
 *   "transcripts": [ { "id", "visitorId", "startedAt", ..., "retention": { "willBeRedacted", "redactionDueAt", "status" },
 *                      "formFields": [..], "attachments": [ metadata only ], "messages": [ { seq, sender, senderName, body, sentAt } ] } ],
 *   "summary": { "visitors", "transcripts", "messages" } }
 * </pre>
 */
public final class JsonExportWriter implements ExportWriter {
    public static final String FORMAT = "lethe-visitor-export";
    public static final int VERSION = 1;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final JsonGenerator json;
    private Integer redactAfterDays;
    private final Map<String, Consent> currentConsents = new TreeMap<>();
    private long visitors;
    private long transcripts;
    private long messages;

    public JsonExportWriter(OutputStream out) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    @Override
    public boolean includesConsents() {
        return true;
    }

    @Override
    public void begin(Header header, List<Visitor> subjects) throws IOException {
        redactAfterDays = header.controller().redactAfterDays();
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeNumberField("version", VERSION);
        json.writeStringField("exportId", header.exportId().toString());
        writeTime("generatedAt", header.generatedAt());
        json.writeObjectFieldStart("controller");
        json.writeStringField("tenantId", header.controller().tenantId());
        json.writeArrayFieldStart("processingPurposes");
        for (String purpose : header.controller().processingPurposes()) {
            json.writeString(purpose);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("retentionPolicy");
        writeNumber("redactAfterDays", redactAfterDays);
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("visitors");
    }

    @Override
    public void visitor(Visitor v) throws IOException {
        visitors++;
        currentConsents.clear();
        json.writeStartObject();
        json.writeStringField("id", v.id().toString());
        json.writeStringField("visitorKey", v.visitorKey());
        json.writeStringField("name", v.name());
        json.writeStringField("email", v.email());
        json.writeStringField("phone", v.phone());
        json.writeStringField("ipAddress", v.ipAddress());
        writeTime("firstSeenAt", v.firstSeenAt());
        writeTime("lastSeenAt", v.lastSeenAt());
        writeTime("redactedAt", v.redactedAt());
        json.writeBooleanField("processingRestricted", v.processingRestricted());
        json.writeArrayFieldStart("consentHistory");
    }

    @Override
    public void consents(List<Consent> page) throws IOException {
        for (Consent c : page) {
            json.writeStartObject();
            json.writeStringField("id", c.id().toString());
            json.writeStringField("transcriptId", c.transcriptId() == null ? null : c.transcriptId().toString());
            json.writeStringField("purpose", c.purpose());
            json.writeBooleanField("granted", c.granted());
            json.writeStringField("consentText", c.consentText());
            json.writeStringField("consentVersion", c.consentVersion());
            writeTime("occurredAt", c.occurredAt());
            json.writeStringField("source", c.source());
            json.writeEndObject();
            // pages come oldest first, so the last event seen per purpose is the current one
            currentConsents.put(c.purpose(), c);
        }
    }

    @Override
    public void endVisitor() throws IOException {
        json.writeEndArray();
        json.writeArrayFieldStart("consents");
        for (Consent c : currentConsents.values()) {
            json.writeStartObject();
            json.writeStringField("purpose", c.purpose());
            json.writeBooleanField("granted", c.granted());
            json.writeStringField("consentVersion", c.consentVersion());
            writeTime("occurredAt", c.occurredAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void beginTranscripts() throws IOException {
        json.writeEndArray();
        json.writeArrayFieldStart("transcripts");
    }

    @Override
    public void transcript(Transcript t, Visitor v, List<FormField> fields, List<Attachment> files) throws IOException {
        transcripts++;
        json.writeStartObject();
        json.writeStringField("id", t.id().toString());
        json.writeStringField("visitorId", t.visitorId().toString());
        writeTime("startedAt", t.startedAt());
        writeTime("endedAt", t.endedAt());
        writeTime("lastActivityAt", t.lastActivityAt());
        json.writeStringField("ipAddress", t.ipAddress());
        writeTime("redactedAt", t.redactedAt());
        json.writeBooleanField("legalHold", t.legalHold());
        RetentionOutlook retention = RetentionOutlook.of(t, redactAfterDays);
        json.writeObjectFieldStart("retention");
        json.writeBooleanField("willBeRedacted", retention.willBeRedacted());
        writeTime("redactionDueAt", retention.redactionDueAt());
        json.writeStringField("status", retention.status());
        json.writeEndObject();
        json.writeArrayFieldStart("formFields");
        for (FormField f : fields) {
            json.writeStartObject();
            json.writeStringField("name", f.name());
            json.writeStringField("value", f.value());
            writeTime("submittedAt", f.submittedAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("attachments");
        for (Attachment a : files) {
            json.writeStartObject();
            json.writeStringField("id", a.id().toString());
            json.writeStringField("fileName", a.fileName());
            json.writeStringField("contentType", a.contentType());
            json.writeNumberField("size", a.size());
            json.writeStringField("sha256", a.sha256());
            writeTime("uploadedAt", a.uploadedAt());
            json.writeBooleanField("destroyed", a.destroyedAt() != null);
            writeTime("destroyedAt", a.destroyedAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("messages");
    }

    @Override
    public void messages(List<Message> page) throws IOException {
        for (Message m : page) {
            messages++;
            json.writeStartObject();
            json.writeNumberField("seq", m.seq());
            json.writeStringField("sender", m.sender());
            json.writeStringField("senderName", m.senderName());
            json.writeStringField("body", m.body());
            writeTime("sentAt", m.sentAt());
            json.writeEndObject();
        }
    }

    @Override
    public void endTranscript() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.writeObjectFieldStart("summary");
        json.writeNumberField("visitors", visitors);
        json.writeNumberField("transcripts", transcripts);
        json.writeNumberField("messages", messages);
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }

    private void writeTime(String field, OffsetDateTime at) throws IOException {
        if (at == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field,
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.withOffsetSameInstant(ZoneOffset.UTC)));
        }
    }

    private void writeNumber(String field, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
