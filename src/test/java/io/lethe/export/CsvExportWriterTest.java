package io.lethe.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.lethe.export.ExportRows.Attachment;
import io.lethe.export.ExportRows.Controller;
import io.lethe.export.ExportRows.FormField;
import io.lethe.export.ExportRows.Header;
import io.lethe.export.ExportRows.Message;
import io.lethe.export.ExportRows.RetentionOutlook;
import io.lethe.export.ExportRows.Transcript;
import io.lethe.export.ExportRows.Visitor;

/** The CSV writer alone (pure Java): quoting, neutralisation, empty transcripts. */
class CsvExportWriterTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-31T10:15:30Z");

    @Test
    void neutralisesEveryFormulaPrefixAndNothingElse() {
        for (String formula : List.of("=1+1", "+1 415 555 0142", "-2", "@SUM(A1)", "\tcmd", "\rcmd")) {
            assertThat(CsvExportWriter.neutralise(formula)).isEqualTo("'" + formula);
        }
        for (String plain : List.of("hello", " =not first", "1+1", "a=b", "'quoted", "€5")) {
            assertThat(CsvExportWriter.neutralise(plain)).isEqualTo(plain);
        }
        assertThat(CsvExportWriter.neutralise(null)).isEmpty();
    }

    @Test
    void writesRfc4180RowsThatParseBackExactly() throws IOException {
        UUID visitorId = UUID.randomUUID();
        Visitor visitor = new Visitor(visitorId, "vk-1", "Zoë \"Z\" Müller", "zoe@example.com", "+44 20 7946 0958",
                "203.0.113.9", T0, T0, null, false);
        Transcript withMessages = new Transcript(UUID.randomUUID(), visitorId, T0, null, T0, null, null, false);
        Transcript formOnly = new Transcript(UUID.randomUUID(), visitorId, T0.plusDays(1), T0.plusDays(1),
                T0.plusDays(1), null, null, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExportWriter writer = new CsvExportWriter(out);
        writer.begin(new Header(UUID.randomUUID(), T0, new Controller("t", List.of(), null)), List.of(visitor));
        writer.beginTranscripts();
        writer.transcript(withMessages, visitor, List.of(new FormField(withMessages.id(), "company", "ACME, Inc.", T0)),
                List.of(new Attachment(UUID.randomUUID(), withMessages.id(), "scan.pdf", "application/pdf", 42, "ab", T0,
                        null)));
        writer.messages(List.of(new Message(1, "VISITOR", null, "line one\r\nline \"two\", with comma", T0),
                new Message(2, "OPERATOR", "Ann", "=HYPERLINK(\"http://x\")", T0)));
        writer.endTranscript();
        writer.transcript(formOnly, visitor, List.of(new FormField(formOnly.id(), "email", "zoe@example.com", T0)),
                List.of());
        writer.messages(List.of());
        writer.endTranscript();
        writer.finish();

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith(String.join(",", CsvExportWriter.COLUMNS) + "\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("body")).isEqualTo("line one\r\nline \"two\", with comma");
        assertThat(rows.get(0).get("visitor_name")).isEqualTo("Zoë \"Z\" Müller");
        assertThat(rows.get(0).get("visitor_phone")).isEqualTo("'+44 20 7946 0958");
        assertThat(rows.get(0).get("form_fields")).isEqualTo("company: ACME, Inc.");
        assertThat(rows.get(0).get("attachments")).isEqualTo("scan.pdf (application/pdf, 42 bytes)");
        assertThat(rows.get(0).get("transcript_started_at")).isEqualTo("2026-01-31T10:15:30Z");
        assertThat(rows.get(1).get("body")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(rows.get(1).get("sender_name")).isEqualTo("Ann");
        assertThat(rows.get(2).get("transcript_id")).isEqualTo(formOnly.id().toString());
        assertThat(rows.get(2).get("message_seq")).isEmpty();
        assertThat(rows.get(2).get("form_fields")).isEqualTo("email: zoe@example.com");
    }

    @Test
    void retentionOutlookFollowsPolicyHoldAndRedaction() {
        Transcript live = new Transcript(UUID.randomUUID(), UUID.randomUUID(), T0, null, T0, null, null, false);
        assertThat(RetentionOutlook.of(live, 30)).isEqualTo(new RetentionOutlook(true, T0.plusDays(30), "SCHEDULED"));
        assertThat(RetentionOutlook.of(live, null).status()).isEqualTo("RETENTION_OFF");
        Transcript held = new Transcript(live.id(), live.visitorId(), T0, null, T0, null, null, true);
        assertThat(RetentionOutlook.of(held, 30)).isEqualTo(new RetentionOutlook(false, null, "LEGAL_HOLD"));
        Transcript redacted = new Transcript(live.id(), live.visitorId(), T0, null, T0, null, T0, false);
        assertThat(RetentionOutlook.of(redacted, 30).status()).isEqualTo("ALREADY_REDACTED");
    }
}
