package io.lethe.db;

import java.util.List;

/**
 * A connection's total, computed only if its {@code totalCount} is selected ({@link Sql#totals}).
 * {@code sql} answers one row and column, its arguments bound to $1..$n; null when the answer is
 * known to be 0 without asking.
 */
public record Count(String sql, List<Object> args) {
    public static final Count NONE = new Count(null, List.of());

    public Count {
        args = List.copyOf(args);
    }

    /** {@code count(*)} of the rows of {@code from} (" from ... where ...", arguments $1..$n). */
    public static Count rows(String from, List<Object> args) {
        return new Count("select count(*)" + from, args);
    }
}
