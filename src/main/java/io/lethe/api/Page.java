package io.lethe.api;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list, before it is shaped into a Relay connection. */
public record Page<T>(List<T> items, boolean hasNextPage) {

    /** Builds a page from rows fetched with {@link PageRequest#fetchSize()}. */
    public static <T> Page<T> of(List<T> fetched, PageRequest request) {
        boolean more = fetched.size() > request.size();
        return new Page<>(more ? fetched.subList(0, request.size()) : fetched, more);
    }

    public <E> List<E> edges(Function<T, Cursor> cursorOf, EdgeFactory<T, E> edge) {
        return items.stream().map(item -> edge.create(cursorOf.apply(item).encode(), item)).toList();
    }

    public PageInfo pageInfo(Function<T, Cursor> cursorOf) {
        String end = items.isEmpty() ? null : cursorOf.apply(items.get(items.size() - 1)).encode();
        return new PageInfo(hasNextPage, end);
    }

    @FunctionalInterface
    public interface EdgeFactory<T, E> {
        E create(String cursor, T node);
    }
}
