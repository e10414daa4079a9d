package io.lethe.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs the audit log's statements in whichever transaction the caller has open: a Hibernate
 * Reactive session or a reactive SQL client connection. Statements use `$n` parameters.
 */
interface AuditStatements {

    /** Rows of a query, each as its column values. */
    Uni<List<Object[]>> query(String sql, Object... params);

    /** A statement run for its effect. */
    Uni<Void> execute(String sql, Object... params);

    static AuditStatements of(SqlConnection conn) {
        return new AuditStatements() {
            @Override
            public Uni<List<Object[]>> query(String sql, Object... params) {
                return conn.preparedQuery(sql).execute(Tuple.from(Arrays.asList(params))).map(rows -> {
                    List<Object[]> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        Object[] values = new Object[row.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = row.getValue(i);
                        }
                        out.add(values);
                    }
                    return out;
                });
            }

            @Override
            public Uni<Void> execute(String sql, Object... params) {
                return conn.preparedQuery(sql).execute(Tuple.from(Arrays.asList(params))).replaceWithVoid();
            }
        };
    }

    static AuditStatements of(Mutiny.Session session) {
        return new AuditStatements() {
            @Override
            public Uni<List<Object[]>> query(String sql, Object... params) {
                Mutiny.SelectionQuery<Object> query = session.createNativeQuery(positional(sql));
                for (int i = 0; i < params.length; i++) {
                    query.setParameter(i + 1, params[i]);
                }
                // one selected column comes back as the bare value, several as an array
                return query.getResultList().map(rows -> rows.stream()
                        .map(r -> r instanceof Object[] values ? values : new Object[] { r }).toList());
            }

            @Override
            public Uni<Void> execute(String sql, Object... params) {
                Mutiny.Query<Object> query = session.createNativeQuery(positional(sql));
                for (int i = 0; i < params.length; i++) {
                    query.setParameter(i + 1, params[i]);
                }
                return query.executeUpdate().replaceWithVoid();
            }
        };
    }

    /** Hibernate native queries take ?n parameters. */
    private static String positional(String sql) {
        return sql.replaceAll("\\$(\\d+)", "?$1");
    }
}
