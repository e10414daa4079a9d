package io.lethe.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Clock;
import io.lethe.export.ExportRows.Attachment;
import io.lethe.export.ExportRows.Consent;
import io.lethe.export.ExportRows.FormField;
import io.lethe.export.ExportRows.Header;
import io.lethe.export.ExportRows.Message;
import io.lethe.export.ExportRows.Transcript;
import io.lethe.export.ExportRows.Visitor;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * Drives an {@link ExportWriter} from {@link ExportReader} pages. Runs on a worker thread of the
 * download request (blocking on each page is fine there): the HTTP output stream applies
 * back-pressure, so a slow client slows the reads down instead of filling the heap.
 */
@ApplicationScoped
public class ExportStreamer {
    private final ExportReader reader;
    private final ExportConfig config;

    public ExportStreamer(ExportReader reader, ExportConfig config) {
        this.reader = reader;
        this.config = config;
    }

    /** What to stream: the tenant and the subject's visitors as fixed when the export was requested. */
    public record Plan(UUID exportId, String tenantId, ExportFormat format, UUID[] visitorIds) {
    }

    public void write(Plan plan, ExportWriter writer) throws IOException {
        var controller = await(reader.controller(plan.tenantId()));
        List<Visitor> visitors = await(reader.visitors(plan.tenantId(), plan.visitorIds()));
        Map<UUID, Visitor> byId = new HashMap<>();
        visitors.forEach(v -> byId.put(v.id(), v));
        writer.begin(new Header(plan.exportId(), Clock.now(), controller), visitors);
        int pageSize = config.messagePageSize();
        for (Visitor v : visitors) {
            writer.visitor(v);
            if (writer.includesConsents()) {
                Consent after = null;
                List<Consent> page;
                do {
                    page = await(reader.consents(plan.tenantId(), v.id(), after, pageSize));
                    writer.consents(page);
                    after = page.isEmpty() ? after : page.get(page.size() - 1);
                } while (page.size() == pageSize);
            }
            writer.endVisitor();
        }
        writer.beginTranscripts();
        Transcript afterTranscript = null;
        List<Transcript> transcripts;
        do {
            transcripts = visitors.isEmpty() ? List.of()
                    : await(reader.transcripts(plan.tenantId(), plan.visitorIds(), afterTranscript,
                            config.transcriptPageSize()));
            if (transcripts.isEmpty()) {
                break;
            }
            UUID[] ids = transcripts.stream().map(Transcript::id).toArray(UUID[]::new);
            Map<UUID, List<FormField>> forms = group(await(reader.formFields(plan.tenantId(), ids)),
                    FormField::transcriptId);
            Map<UUID, List<Attachment>> files = group(await(reader.attachments(plan.tenantId(), ids)),
                    Attachment::transcriptId);
            for (Transcript t : transcripts) {
                writer.transcript(t, byId.get(t.visitorId()), forms.getOrDefault(t.id(), List.of()),
                        files.getOrDefault(t.id(), List.of()));
                int afterSeq = 0;
                List<Message> messages;
                do {
                    messages = await(reader.messages(plan.tenantId(), t.id(), afterSeq, pageSize));
                    writer.messages(messages);
                    afterSeq = messages.isEmpty() ? afterSeq : messages.get(messages.size() - 1).seq();
                } while (messages.size() == pageSize);
                writer.endTranscript();
            }
            afterTranscript = transcripts.get(transcripts.size() - 1);
        } while (transcripts.size() == config.transcriptPageSize());
        writer.finish();
    }

    private <T> T await(Uni<T> uni) throws IOException {
        Duration timeout = config.statementTimeout();
        try {
            return uni.await().atMost(timeout);
        } catch (TimeoutException e) {
            throw new InterruptedIOException("export read timed out after " + timeout);
        } catch (RuntimeException e) {
            // the message may quote row values: keep only the type
            throw new IOException("export read failed: " + e.getClass().getSimpleName());
        }
    }

    private static <T> Map<UUID, List<T>> group(List<T> rows, java.util.function.Function<T, UUID> key) {
        Map<UUID, List<T>> out = new HashMap<>();
        for (T row : rows) {
            out.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
        }
        return out;
    }
}
