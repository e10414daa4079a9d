package io.lethe.redaction.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Case-insensitive multi-literal matcher (Aho–Corasick): one pass over the text whatever the number of values,
 * no regex. Characters are folded one by one (upper- then lower-case, whitespace to a plain space) so offsets
 * in the folded stream are offsets in the original text.
 *
 * <p>A match counts only at token boundaries: if the value starts (ends) with a letter or digit, the text
 * character before (after) it must not be one. So the name "Ann" is found in "Ann's" and "ANN," but not in
 * "planning", which would otherwise be mangled without protecting anyone.
 */
final class KnownTextMatcher {

    private static final int[] NO_OUTPUTS = new int[0];
    /** Per value (by index): its length and the kind of personal data it is. */
    private final int[] lengths;
    private final PiiType[] kinds;
    private static final char[] ASCII_FOLD = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_FOLD[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : (Character.isWhitespace(c) ? ' ' : c);
        }
    }

    /** Per state: sorted transition chars and their target states. */
    private final char[][] edgeChars;
    private final int[][] edgeTargets;
    private final int[] failure;
    /** Per state: indices of the values ending here (including those reached by failure links). */
    private final int[][] outputs;
    /** Root transitions for ASCII, the common case, without a binary search. */
    private final int[] rootAscii = new int[128];

    /** @param foldedValues folded value (see {@link #fold(String)}) to its kind, in the order given */
    KnownTextMatcher(Map<String, PiiType> foldedValues) {
        lengths = new int[foldedValues.size()];
        kinds = new PiiType[foldedValues.size()];
        int index = 0;
        List<StringBuilder> chars = new ArrayList<>();
        List<List<Integer>> targets = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        chars.add(new StringBuilder());
        targets.add(new ArrayList<>());
        ends.add(new ArrayList<>());
        for (Map.Entry<String, PiiType> entry : foldedValues.entrySet()) {
            String value = entry.getKey();
            lengths[index] = value.length();
            kinds[index] = entry.getValue();
            int state = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                int next = find(chars.get(state), targets.get(state), c);
                if (next < 0) {
                    next = chars.size();
                    chars.add(new StringBuilder());
                    targets.add(new ArrayList<>());
                    ends.add(new ArrayList<>());
                    chars.get(state).append(c);
                    targets.get(state).add(next);
                }
                state = next;
            }
            ends.get(state).add(index++);
        }
        int size = chars.size();
        edgeChars = new char[size][];
        edgeTargets = new int[size][];
        for (int state = 0; state < size; state++) {
            sortEdges(state, chars.get(state), targets.get(state));
        }
        failure = new int[size];
        outputs = new int[size][];
        buildFailureLinks(ends);
        for (int k = 0; k < edgeChars[0].length; k++) {
            if (edgeChars[0][k] < 128) {
                rootAscii[edgeChars[0][k]] = edgeTargets[0][k];
            }
        }
    }

    /** Folds one char the same way for values and text, keeping a 1:1 char mapping. */
    static char fold(char c) {
        if (c < 128) {
            return ASCII_FOLD[c];
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return ' ';
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static String fold(String value) {
        char[] folded = new char[value.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = fold(value.charAt(i));
        }
        return new String(folded);
    }

    void find(String text, List<Span> out) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = fold(text.charAt(i));
            if (state == 0 && c < 128) {
                state = rootAscii[c]; // fast path: most chars of a message start no value at all
                if (state == 0) {
                    continue;
                }
            } else {
                state = step(state, c);
            }
            for (int value : outputs[state]) {
                int start = i + 1 - lengths[value];
                if (atBoundary(text, start, i + 1)) {
                    out.add(new Span(start, i + 1, kinds[value]));
                }
            }
        }
    }

    private int step(int state, char c) {
        while (true) {
            int next = state == 0 && c < 128 ? rootAscii[c] : transition(state, c);
            if (next > 0 || state == 0) {
                return Math.max(next, 0);
            }
            state = failure[state];
        }
    }

    private int transition(int state, char c) {
        int k = Arrays.binarySearch(edgeChars[state], c);
        return k >= 0 ? edgeTargets[state][k] : -1;
    }

    /** Letters and digits only: "ann_smith" and "v_8f3a9c2e_session" still contain the values "Ann" / "v_8f3a9c2e". */
    private static boolean atBoundary(String text, int start, int end) {
        boolean startOk = !Character.isLetterOrDigit(text.charAt(start))
                || start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1));
        boolean endOk = !Character.isLetterOrDigit(text.charAt(end - 1))
                || end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
        return startOk && endOk;
    }

    private void sortEdges(int state, StringBuilder chars, List<Integer> targets) {
        Integer[] order = new Integer[chars.length()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Character.compare(chars.charAt(a), chars.charAt(b)));
        edgeChars[state] = new char[order.length];
        edgeTargets[state] = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            edgeChars[state][k] = chars.charAt(order[k]);
            edgeTargets[state][k] = targets.get(order[k]);
        }
    }

    private void buildFailureLinks(List<List<Integer>> ends) {
        Queue<Integer> queue = new ArrayDeque<>();
        outputs[0] = NO_OUTPUTS;
        for (int target : edgeTargets[0]) {
            failure[target] = 0;
            queue.add(target);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            int[] own = ends.get(state).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = outputs[failure[state]];
            int[] all = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, all, own.length, inherited.length);
            outputs[state] = all.length == 0 ? NO_OUTPUTS : all;
            for (int k = 0; k < edgeChars[state].length; k++) {
                int child = edgeTargets[state][k];
                int fallback = failure[state];
                int next;
                while ((next = transition(fallback, edgeChars[state][k])) < 0 && fallback != 0) {
                    fallback = failure[fallback];
                }
                failure[child] = next > 0 && next != child ? next : 0;
                queue.add(child);
            }
        }
    }

    private static int find(StringBuilder chars, List<Integer> targets, char c) {
        for (int k = 0; k < chars.length(); k++) {
            if (chars.charAt(k) == c) {
                return targets.get(k);
            }
        }
        return -1;
    }
}
