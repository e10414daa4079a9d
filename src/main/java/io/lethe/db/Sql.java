package io.lethe.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-side SQL on the reactive pool. GraphQL resolvers at one level run concurrently, so reads do
 * not share a Hibernate session: each statement takes a pooled connection. Every statement is
 * counted (metric {@code lethe.db.read.statements}) so tests can guard against N+1 queries.
 */
@ApplicationScoped
public class Sql {
    private final Pool pool;
    private final Counter statements;

    public Sql(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.statements = Counter.builder("lethe.db.read.statements")
                .description("SQL statements issued by GraphQL reads and batch resolvers").register(registry);
    }

    public <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
        statements.increment();
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                out.add(mapper.apply(row));
            }
            return out;
        });
    }

    public <T> Uni<T> one(String sql, Tuple args, Function<Row, T> mapper) {
        return list(sql, args, mapper).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Long> count(String sql, Tuple args) {
        return one(sql, args, row -> row.getLong(0));
    }

    public double statementCount() {
        return statements.count();
    }

    /** Agents do not see visitors whose processing is restricted (Art. 18); needs a `visitor v` alias. */
    public static String hideRestrictedVisitors(Caller caller) {
        return caller.seesRestricted() ? "" : " and not v.processing_restricted";
    }

    /** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\'). */
    public static String likeContains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
