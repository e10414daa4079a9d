package io.lethe.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.api.Page;
import io.lethe.api.PageRequest;
import io.lethe.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-side SQL. GraphQL resolvers at one level run concurrently, so reads do not share a
 * Hibernate session: within a GraphQL query they run in the request's {@link ReadSession} (one
 * connection, one snapshot), elsewhere each statement takes a pooled connection. Every statement
 * is counted (metric {@code lethe.db.read.statements}; the session's BEGIN and COMMIT are not) so
 * tests can guard against N+1 queries.
 */
@ApplicationScoped
public class Sql {
    private final ReadSessions sessions;
    private final Counter statements;

    public Sql(ReadSessions sessions, MeterRegistry registry) {
        this.sessions = sessions;
        this.statements = Counter.builder("lethe.db.read.statements")
                .description("SQL statements issued by GraphQL reads and batch resolvers").register(registry);
    }

    public <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
        statements.increment();
        return sessions.execute(sql, args).map(rows -> {
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

    /** How a list is ordered for keyset paging: newest first by {@code sortColumn}, ties by {@code idColumn}. */
    public record Keyset(String sortColumn, String idColumn, boolean timeKey) {
        public static Keyset byTime(String sortColumn, String idColumn) {
            return new Keyset(sortColumn, idColumn, true);
        }

        public static Keyset bySequence(String sortColumn, String idColumn) {
            return new Keyset(sortColumn, idColumn, false);
        }
    }

    /** A statement with its arguments bound to $1..$n, built now and run later (or never). */
    public record Statement(String sql, List<Object> args) {
        public Statement {
            args = List.copyOf(args);
        }
    }

    /**
     * The page statement alone: {@code select columns from ... [and (sort, id) < cursor] order by
     * sort desc, id desc limit size + 1}.
     */
    public static Statement keysetPage(String columns, String from, List<Object> args, Keyset keyset,
            PageRequest request) {
        List<Object> pageArgs = new ArrayList<>(args);
        StringBuilder pageSql = new StringBuilder("select ").append(columns).append(from);
        if (request.after() != null) {
            pageArgs.add(keyset.timeKey() ? request.after().keyAsTime() : request.after().key());
            pageArgs.add(request.after().id());
            pageSql.append(" and (").append(keyset.sortColumn()).append(", ").append(keyset.idColumn())
                    .append(") < ($").append(pageArgs.size() - 1).append(", $").append(pageArgs.size()).append(')');
        }
        pageSql.append(" order by ").append(keyset.sortColumn()).append(" desc, ").append(keyset.idColumn())
                .append(" desc limit ").append(request.fetchSize());
        return new Statement(pageSql.toString(), pageArgs);
    }

    /**
     * A page, one statement, without its count: the connection counts on demand with a
     * {@link Count}, when its {@code totalCount} is selected.
     */
    public <T> Uni<Page<T>> page(Statement page, PageRequest request, Function<Row, T> mapper) {
        return list(page.sql(), Tuple.from(page.args()), mapper).map(rows -> Page.of(rows, request));
    }

    /** The totals of a batch of connections, aligned with {@code counts}; statements run concurrently. */
    public Uni<List<Integer>> totals(List<Count> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Integer>> each = new ArrayList<>(counts.size());
        for (Count c : counts) {
            each.add(c.sql() == null ? Uni.createFrom().item(0)
                    : count(c.sql(), Tuple.from(c.args())).map(n -> (int) Math.min(Integer.MAX_VALUE, n == null ? 0 : n)));
        }
        return Uni.join().all(each).andFailFast();
    }

    public double statementCount() {
        return statements.count();
    }

    /** Agents do not see visitors whose processing is restricted (Art. 18); needs a `visitor v` alias. */
    public static String hideRestrictedVisitors(Caller caller) {
        return caller.seesRestricted() ? "" : " and not v.processing_restricted";
    }

    /**
     * The same rule for a `transcript t` alias, as an anti-join against the (few) restricted
     * visitors, so transcript lists and counts need no join with the visitor table.
     */
    public static String hideRestrictedTranscripts(Caller caller) {
        return caller.seesRestricted() ? ""
                : " and not exists (select 1 from visitor rv where rv.id = t.visitor_id and rv.processing_restricted)";
    }

    /** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\'). */
    public static String likeContains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
