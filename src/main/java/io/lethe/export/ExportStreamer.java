package io.lethe.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Clock;
import io.lethe.export.ExportRows.Attachment;
import io.lethe.export.ExportRows.Consent;
import io.lethe.export.ExportRows.FormField;
import io.lethe.export.ExportRows.Header;
import io.lethe.export.ExportRows.Message;
import io.lethe.export.ExportRows.Transcript;
import io.lethe.export.ExportRows.Visitor;
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
                // one page in flight while the previous one is written: database and formatting overlap,
                // and at most two pages are in memory
                CompletableFuture<List<Message>> next = reader.messages(plan.tenantId(), t.id(), 0, pageSize)
                        .subscribeAsCompletionStage();
                while (next != null) {
                    List<Message> messages = await(next);
                    next = messages.size() < pageSize ? null
                            : reader.messages(plan.tenantId(), t.id(), messages.get(messages.size() - 1).seq(), pageSize)
                                    .subscribeAsCompletionStage();
                    writer.messages(messages);
                }
                writer.endTranscript();
            }
            afterTranscript = transcripts.get(transcripts.size() - 1);
        } while (transcripts.size() == config.transcriptPageSize());
        writer.finish();
    }

    private <T> T await(Uni<T> uni) throws IOException {
        return await(uni.subscribeAsCompletionStage());
    }

    private <T> T await(CompletableFuture<T> pending) throws IOException {
        Duration timeout = config.statementTimeout();
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new InterruptedIOException("export read timed out after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("export interrupted");
        } catch (ExecutionException | RuntimeException e) {
            // the message may quote row values: keep only the type
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IOException("export read failed: " + cause.getClass().getSimpleName());
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
