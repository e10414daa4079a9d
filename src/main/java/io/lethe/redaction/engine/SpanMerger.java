package io.lethe.redaction.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the raw, possibly overlapping spans of all detectors into sorted, disjoint spans. Overlapping or
 * touching spans become one (one placeholder): "a@b.com" found both as e-mail and as known value, or a phone
 * glued to an e-mail, must not leave a fragment or produce {@code <redacted><redacted>}. The merged span keeps
 * the type of its longest part, which is the most specific description of what was removed.
 */
final class SpanMerger {

    /** By start, longest first. */
    static final Comparator<Span> ORDER = Comparator.comparingInt(Span::start)
            .thenComparing(Comparator.comparingInt(Span::end).reversed());

    private SpanMerger() {
    }

    static List<Span> merge(List<Span> spans) {
        if (spans.size() <= 1) {
            return spans;
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(ORDER);
        List<Span> merged = new ArrayList<>(sorted.size());
        Span current = sorted.get(0);
        Span longest = current;
        int end = current.end();
        for (int k = 1; k < sorted.size(); k++) {
            Span next = sorted.get(k);
            if (next.start() <= end) {
                end = Math.max(end, next.end());
                if (next.length() > longest.length()) {
                    longest = next;
                }
            } else {
                merged.add(new Span(current.start(), end, longest.type()));
                current = next;
                longest = next;
                end = next.end();
            }
        }
        merged.add(new Span(current.start(), end, longest.type()));
        return merged;
    }
}
