package io.lethe.db;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs read statements in the current request's {@link ReadSession} (see
 * {@link RequestReadSession}), or on the pool where there is no request context.
 */
@ApplicationScoped
public class ReadSessions {
    private final Pool pool;
    private final String path;
    private final String begin;
    private final RequestReadSession current;

    /** {@code current} is the request-scoped bean's proxy: each call reaches the calling request's instance. */
    public ReadSessions(Pool pool, ReadSessionConfig config, RequestReadSession current,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String path) {
        this.pool = pool;
        this.current = current;
        this.path = path;
        // one simple-query round trip; the timeout is a number from configuration, never user input
        this.begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = "
                + config.statementTimeout().toMillis();
    }

    Uni<RowSet<Row>> execute(String sql, Tuple args) {
        if (!Arc.container().requestContext().isActive()) {
            return pool.preparedQuery(sql).execute(args);
        }
        return current.get().execute(sql, args);
    }

    ReadSession newSession(BooleanSupplier queryOperation) {
        return new ReadSession(pool, begin, queryOperation);
    }

    boolean isGraphQLPath(String requestPath) {
        return path.equals(requestPath);
    }
}
