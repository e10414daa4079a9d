package io.lethe.redaction.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall / "non-PII kept" bookkeeping for the corpus evaluations.
 *
 * <ul>
 *   <li><b>recall</b>: expected PII spans recalled / expected PII spans. A span is recalled when none of its
 *       text survives, i.e. every one of its chars lies inside a detected span.</li>
 *   <li><b>kept</b>: must-keep strings that survive / must-keep strings.</li>
 * </ul>
 * Counted per case type, overall, and again without the cases marked debatable.
 */
final class EvaluationMetrics {

    private static final String ALL = "(all)";

    private final String title;
    private final Map<String, Counts> all = new TreeMap<>();
    private final Map<String, Counts> decided = new TreeMap<>();
    private boolean anyDebatable;

    EvaluationMetrics(String title) {
        this.title = title;
    }

    void add(String type, boolean debatable, int spans, int recalled, int keeps, int kept) {
        anyDebatable |= debatable;
        for (String key : List.of(ALL, type)) {
            all.computeIfAbsent(key, k -> new Counts()).add(spans, recalled, keeps, kept);
            if (!debatable) {
                decided.computeIfAbsent(key, k -> new Counts()).add(spans, recalled, keeps, kept);
            }
        }
    }

    double recall(boolean excludingDebatable) {
        return (excludingDebatable ? decided : all).getOrDefault(ALL, new Counts()).recall();
    }

    double kept(boolean excludingDebatable) {
        return (excludingDebatable ? decided : all).getOrDefault(ALL, new Counts()).kept();
    }

    /** Every character of {@code [start, end)} lies inside one of the (sorted, disjoint) detected spans. */
    static boolean covered(List<Span> detected, int start, int end) {
        int next = start;
        for (Span span : detected) {
            if (span.start() <= next && span.end() > next) {
                next = span.end();
            }
            if (next >= end) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code [start, end)} is untouched by the detected spans. */
    static boolean untouched(List<Span> detected, int start, int end) {
        for (Span span : detected) {
            if (span.start() < end && span.end() > start) {
                return false;
            }
        }
        return true;
    }

    String report() {
        StringBuilder out = new StringBuilder("=== ").append(title).append(" ===\n");
        if (anyDebatable) {
            out.append(String.format(Locale.ROOT, "%-14s %-27s   %s%n", "", "all cases", "excluding debatable"));
        }
        out.append(String.format(Locale.ROOT, "%-14s %-13s %-13s", "type", "recall", "kept"));
        out.append(anyDebatable ? String.format(Locale.ROOT, "   %-13s %-13s%n", "recall", "kept") : "\n");
        for (String key : all.keySet()) {
            Counts a = all.get(key);
            out.append(String.format(Locale.ROOT, "%-14s %s %s", key, a.recallCell(), a.keptCell()));
            if (anyDebatable) {
                Counts d = decided.getOrDefault(key, new Counts());
                out.append(String.format(Locale.ROOT, "   %s %s", d.recallCell(), d.keptCell()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static final class Counts {
        int spans;
        int recalled;
        int keeps;
        int kept;

        void add(int spans, int recalled, int keeps, int kept) {
            this.spans += spans;
            this.recalled += recalled;
            this.keeps += keeps;
            this.kept += kept;
        }

        double recall() {
            return spans == 0 ? 1.0 : (double) recalled / spans;
        }

        double kept() {
            return keeps == 0 ? 1.0 : (double) kept / keeps;
        }

        String recallCell() {
            return cell(recalled, spans);
        }

        String keptCell() {
            return cell(kept, keeps);
        }

        private static String cell(int hit, int total) {
            return total == 0 ? String.format(Locale.ROOT, "%-13s", "-")
                    : String.format(Locale.ROOT, "%5.3f %-7s", (double) hit / total, hit + "/" + total);
        }
    }
}
