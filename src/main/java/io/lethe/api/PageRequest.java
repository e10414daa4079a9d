package io.lethe.api;

/** A validated page request: how many rows, and after which cursor (null = first page). */
public record PageRequest(int size, Cursor after) {

    public static PageRequest of(Integer first, String after, LimitsConfig limits) {
        int size = first == null ? limits.defaultPageSize() : first;
        if (size < 1 || size > limits.maxPageSize()) {
            throw new BadUserInputException("`first` must be between 1 and " + limits.maxPageSize());
        }
        Cursor cursor = after == null || after.isBlank() ? null : Cursor.decode(after);
        return new PageRequest(size, cursor);
    }

    /** Rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return size + 1;
    }
}
