package io.lethe.redaction.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Placeholders already present in a text ({@code <redacted>} or {@code <redacted:tag>}). Detection never
 * reaches into them, which is what makes redaction idempotent: a known value such as "Ted" or "act" would
 * otherwise match inside {@code <redacted>} on the second pass.
 */
final class Placeholders {

    private static final String OPEN = "<redacted";
    private static final int MAX_TAG = 16;

    private Placeholders() {
    }

    /**
     * Removes from each span the parts that overlap a placeholder; returns {@code spans} itself if there are no
     * placeholders. {@code spans} must be sorted by start: both lists are walked once.
     */
    static List<Span> clip(String text, List<Span> spans) {
        int[] ranges = ranges(text);
        if (ranges.length == 0 || spans.isEmpty()) {
            return spans;
        }
        List<Span> clipped = new ArrayList<>(spans.size());
        int first = 0; // first placeholder that may still overlap a span
        for (Span span : spans) {
            while (first < ranges.length && ranges[first + 1] <= span.start()) {
                first += 2;
            }
            int start = span.start();
            for (int k = first; k < ranges.length && ranges[k] < span.end(); k += 2) {
                if (ranges[k] > start) {
                    clipped.add(new Span(start, ranges[k], span.type()));
                }
                start = Math.max(start, ranges[k + 1]);
            }
            if (start < span.end()) {
                clipped.add(new Span(start, span.end(), span.type()));
            }
        }
        return clipped;
    }

    /** Whether the whole of {@code value} is one placeholder. */
    static boolean isPlaceholder(String value) {
        return value.startsWith(OPEN) && placeholderEnd(value, OPEN.length()) == value.length();
    }

    /** Start/end pairs of the placeholders in {@code text}, in order. */
    private static int[] ranges(String text) {
        int at = text.indexOf(OPEN);
        if (at < 0) {
            return new int[0];
        }
        int[] ranges = new int[8];
        int count = 0;
        while (at >= 0) {
            int end = placeholderEnd(text, at + OPEN.length());
            if (end > 0) {
                if (count == ranges.length) {
                    ranges = Arrays.copyOf(ranges, count * 2);
                }
                ranges[count++] = at;
                ranges[count++] = end;
                at = text.indexOf(OPEN, end);
            } else {
                at = text.indexOf(OPEN, at + 1);
            }
        }
        return Arrays.copyOf(ranges, count);
    }

    /** After {@code <redacted}: {@code >} or {@code :tag>}; returns the end index or -1. */
    private static int placeholderEnd(String text, int i) {
        int n = text.length();
        if (i < n && text.charAt(i) == '>') {
            return i + 1;
        }
        if (i >= n || text.charAt(i) != ':') {
            return -1;
        }
        int j = i + 1;
        while (j < n && j - i <= MAX_TAG && Chars.isAsciiLetter(text.charAt(j))) {
            j++;
        }
        return j > i + 1 && j < n && text.charAt(j) == '>' ? j + 1 : -1;
    }
}
