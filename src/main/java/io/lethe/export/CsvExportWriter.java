package io.lethe.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.lethe.export.ExportRows.Attachment;
import io.lethe.export.ExportRows.Consent;
import io.lethe.export.ExportRows.FormField;
import io.lethe.export.ExportRows.Header;
import io.lethe.export.ExportRows.Message;
import io.lethe.export.ExportRows.Transcript;
import io.lethe.export.ExportRows.Visitor;

/**
 * CSV (RFC 4180: comma, double quotes, CRLF; UTF-8 without BOM) with one row per message. The
 * contract's columns come first, in the contract's order; then the transcript's end and IP and,
 * so a spreadsheet user sees everything on each row, the transcript's form submission
 * ({@code form_fields}: "name: value; name: value") and its uploaded files ({@code attachments}:
 * "file name (type, N bytes[, destroyed]); ..."). A transcript without messages still gets one
 * row, with the message columns empty, so its form and files are not lost. Every cell that a
 * spreadsheet would read as a formula is neutralised (see {@link #neutralise(String)}).
 */
public final class CsvExportWriter implements ExportWriter {
    public static final List<String> COLUMNS = List.of("transcript_id", "transcript_started_at", "message_seq",
            "message_sent_at", "sender", "sender_name", "body", "visitor_key", "visitor_name", "visitor_email",
            "visitor_phone", "visitor_ip_address", "transcript_ended_at", "transcript_redacted_at", "form_fields",
            "attachments");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .get();
    private static final int BUFFER = 64 * 1024;

    private final BufferedWriter out;
    private CSVPrinter printer;
    private final List<String> row = new ArrayList<>(COLUMNS.size());
    private Transcript transcript;
    /** Cells that are the same on every row of the current transcript, formatted once. */
    private String transcriptId;
    private String startedAt;
    private String endedAt;
    private String redactedAt;
    private String visitorKey;
    private String visitorName;
    private String visitorEmail;
    private String visitorPhone;
    private String visitorIp;
    private String formFields;
    private String attachments;
    private int rowsOfTranscript;

    public CsvExportWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
    }

    @Override
    public boolean includesConsents() {
        return false;
    }

    @Override
    public void begin(Header header, List<Visitor> visitors) throws IOException {
        printer = new CSVPrinter(out, FORMAT);
    }

    @Override
    public void visitor(Visitor v) {
        // the CSV carries visitor values on every row instead
    }

    @Override
    public void consents(List<Consent> page) {
        // consent history is part of the JSON export
    }

    @Override
    public void endVisitor() {
    }

    @Override
    public void beginTranscripts() {
    }

    @Override
    public void transcript(Transcript t, Visitor v, List<FormField> fields, List<Attachment> files) {
        transcript = t;
        transcriptId = t.id().toString();
        startedAt = time(t.startedAt());
        endedAt = time(t.endedAt());
        redactedAt = time(t.redactedAt());
        visitorKey = neutralise(v == null ? null : v.visitorKey());
        visitorName = neutralise(v == null ? null : v.name());
        visitorEmail = neutralise(v == null ? null : v.email());
        visitorPhone = neutralise(v == null ? null : v.phone());
        visitorIp = neutralise(v == null ? null : v.ipAddress());
        formFields = formFieldsCell(fields);
        attachments = attachmentsCell(files);
        rowsOfTranscript = 0;
    }

    @Override
    public void messages(List<Message> page) throws IOException {
        for (Message m : page) {
            printRow(m);
        }
    }

    @Override
    public void endTranscript() throws IOException {
        if (rowsOfTranscript == 0) {
            printRow(null);
        }
        transcript = null;
    }

    @Override
    public void finish() throws IOException {
        if (printer == null) {
            begin(null, List.of());
        }
        printer.flush();
    }

    private void printRow(Message m) throws IOException {
        row.clear();
        row.add(transcriptId);
        row.add(startedAt);
        row.add(m == null ? "" : Integer.toString(m.seq()));
        row.add(m == null ? "" : time(m.sentAt()));
        row.add(m == null ? "" : m.sender());
        row.add(m == null ? "" : neutralise(m.senderName()));
        row.add(m == null ? "" : neutralise(m.body()));
        row.add(visitorKey);
        row.add(visitorName);
        row.add(visitorEmail);
        row.add(visitorPhone);
        row.add(visitorIp);
        row.add(endedAt);
        row.add(redactedAt);
        row.add(formFields);
        row.add(attachments);
        printer.printRecord(row);
        rowsOfTranscript++;
    }

    static String formFieldsCell(List<FormField> fields) {
        StringJoiner cell = new StringJoiner("; ");
        for (FormField f : fields) {
            cell.add(f.name() + ": " + f.value());
        }
        return neutralise(cell.toString());
    }

    static String attachmentsCell(List<Attachment> files) {
        StringJoiner cell = new StringJoiner("; ");
        for (Attachment a : files) {
            StringBuilder item = new StringBuilder(a.fileName()).append(" (");
            if (a.contentType() != null) {
                item.append(a.contentType()).append(", ");
            }
            item.append(a.size()).append(" bytes");
            if (a.destroyedAt() != null) {
                item.append(", destroyed");
            }
            cell.add(item.append(')'));
        }
        return neutralise(cell.toString());
    }

    /**
     * Spreadsheet formula injection (CSV injection): a cell starting with {@code = + - @}, tab or
     * carriage return would be evaluated by Excel/LibreOffice/Sheets. Such cells get a leading
     * apostrophe, which spreadsheets show as text; the rest of the value is unchanged.
     */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }

    static String time(OffsetDateTime at) {
        return at == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
