package io.lethe.audit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The audit log as NDJSON, oldest first, read in keyset pages while it is written: a download of
 * any length holds one page in memory, and the blocking output stream slows the reads down to the
 * client's pace. Runs on a worker thread (it waits for each page).
 */
@ApplicationScoped
public class AuditDownload {
    private final AuditQueries queries;
    private final AuditConfig config;

    public AuditDownload(AuditQueries queries, AuditConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /**
     * What to write: the tenant, the validated filter, and the last event that existed when the
     * download started (events appended meanwhile belong to the next download).
     */
    public record Plan(String tenantId, AuditCriteria criteria, long upToSeq) {
    }

    /** Validates the filter (BAD_USER_INPUT before any byte is sent) and fixes the end of the log. */
    public Plan plan(String tenantId, AuditFilter filter) throws IOException {
        AuditCriteria criteria = AuditCriteria.of(filter);
        return new Plan(tenantId, criteria, await(queries.lastSeq(tenantId)));
    }

    public void write(Plan plan, OutputStream out) throws IOException {
        AuditNdjsonWriter writer = new AuditNdjsonWriter(out);
        int pageSize = config.pageSize();
        long after = 0;
        List<AuditEventView> page;
        do {
            page = await(queries.oldestFirst(plan.tenantId(), plan.criteria(), after, plan.upToSeq(), pageSize));
            for (AuditEventView e : page) {
                writer.write(e);
            }
            writer.flush();
            after = page.isEmpty() ? after : page.get(page.size() - 1).seq();
        } while (page.size() == pageSize);
    }

    private <T> T await(Uni<T> uni) throws IOException {
        CompletableFuture<T> pending = uni.subscribeAsCompletionStage();
        Duration timeout = config.statementTimeout();
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new InterruptedIOException("audit log read timed out after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("audit log download interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                // coded API errors and database failures are translated by the REST layer
                throw runtime;
            }
            throw new IOException("audit log read failed: " + cause.getClass().getSimpleName());
        }
    }
}
