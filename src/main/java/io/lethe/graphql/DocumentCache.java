package io.lethe.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;

/**
 * Parsed and validated GraphQL documents by query text, so a document a client sends again is neither
 * parsed nor validated again: graphql-java asks here first ({@link PreparsedDocumentProvider}) and
 * {@link RequestCheck} skips its syntax check for a text found here. Only documents that passed
 * validation and the {@link QueryGuard} limits are kept (a rejected one is checked afresh every time).
 * Bounded by the total length of the cached texts, least recently used out first. Metrics:
 * {@code lethe.graphql.document.cache} by {@code result} (hit, miss) and {@code lethe.graphql.document.cache.size}.
 */
@ApplicationScoped
public class DocumentCache implements PreparsedDocumentProvider {
    private final Cache<String, PreparsedDocumentEntry> documents;
    private final Counter hits;
    private final Counter misses;

    public DocumentCache(QueryLimits limits, MeterRegistry metrics) {
        this.documents = Caffeine.newBuilder().maximumWeight(Math.max(0, limits.documentCacheChars()))
                .weigher((String query, PreparsedDocumentEntry entry) -> query.length()).build();
        this.hits = Counter.builder("lethe.graphql.document.cache").tag("result", "hit")
                .description("GraphQL documents served parsed and validated").register(metrics);
        this.misses = Counter.builder("lethe.graphql.document.cache").tag("result", "miss")
                .description("GraphQL documents parsed and validated").register(metrics);
        Gauge.builder("lethe.graphql.document.cache.size", documents, Cache::estimatedSize)
                .description("parsed GraphQL documents held").register(metrics);
    }

    /** The cache SmallRye's GraphQL instance is built with (services loaded by SmallRye are not beans). */
    static DocumentCache instance() {
        return Arc.container().instance(DocumentCache.class).get();
    }

    /** Whether this exact text parsed and validated before. */
    boolean isKnown(String query) {
        return query != null && documents.getIfPresent(query) != null;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry entry = documents.getIfPresent(query);
        if (entry != null) {
            hits.increment();
        } else {
            misses.increment();
            // parses, validates and runs the validation instrumentation (QueryGuard prices it there)
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                documents.put(query, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }
}
