package io.lethe.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers for batch resolvers: results must line up with the source list. */
public final class Rows {
    private Rows() {
    }

    /** For each key, the items whose key matches, in source order (empty list when none). */
    public static <K, T> List<List<T>> groupAligned(List<K> keys, List<T> items, Function<T, K> keyOf) {
        Map<K, List<T>> byKey = new LinkedHashMap<>();
        for (T item : items) {
            byKey.computeIfAbsent(keyOf.apply(item), k -> new ArrayList<>()).add(item);
        }
        List<List<T>> out = new ArrayList<>(keys.size());
        for (K key : keys) {
            out.add(byKey.getOrDefault(key, List.of()));
        }
        return out;
    }

    /** For each key, the one item with that key (null when none). */
    public static <K, T> List<T> alignOne(List<K> keys, List<T> items, Function<T, K> keyOf) {
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T item : items) {
            byKey.put(keyOf.apply(item), item);
        }
        List<T> out = new ArrayList<>(keys.size());
        for (K key : keys) {
            out.add(byKey.get(key));
        }
        return out;
    }
}
