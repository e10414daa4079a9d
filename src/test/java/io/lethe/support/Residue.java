package io.lethe.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Greps the whole database, every tenant, for a value: what an erasure must leave nowhere. */
public final class Residue {
    private Residue() {
    }

    /** Every text-like column (text, varchar, json, arrays, bytea) of every table that still contains {@code needle}, any case. */
    public static List<String> columnsContaining(Pool pool, String needle) {
        List<String> hits = new ArrayList<>();
        var columns = pool.query("select table_name, column_name, data_type from information_schema.columns"
                + " where table_schema = current_schema() and table_name <> 'flyway_schema_history'"
                + " and data_type in ('text', 'bytea', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')")
                .execute().await().atMost(Duration.ofSeconds(30));
        for (Row c : columns) {
            String column = c.getString("column_name");
            String expr = "bytea".equals(c.getString("data_type")) ? "encode(" + column + ", 'escape')" : column + "::text";
            long count = pool.preparedQuery("select count(*) from " + c.getString("table_name") + " where " + expr
                    + " ilike $1").execute(Tuple.of("%" + needle + "%")).await().atMost(Duration.ofSeconds(30))
                    .iterator().next().getLong(0);
            if (count > 0) {
                hits.add(c.getString("table_name") + "." + column);
            }
        }
        return hits;
    }
}
