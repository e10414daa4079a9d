package io.lethe.redaction.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Finds a visitor's known phone numbers in text by their digits, whatever the formatting on either side.
 *
 * <p>A key is the digit string of a known phone (e.g. {@code 14155550100} for {@code +1 (415) 555-0100}). The text
 * is cut into digit runs, digits joined by up to three separator chars ({@code space . - ( ) /}). A run matches
 * a key when, ending at a digit group boundary, they share a suffix of at least {@code min(7, key length)}
 * digits: that absorbs a country code or trunk prefix present on one side only ({@code 415.555.0100},
 * {@code +14155550100}, {@code 020 7946 0321} vs {@code +44 20 7946 0321}). A short dialling prefix left of the
 * common suffix (see {@link #isDialPrefix}) and an attached {@code +} or {@code (} are included in the span.
 */
final class KnownPhoneMatcher {

    static final int MIN_KEY_DIGITS = 6;
    private static final int MIN_SHARED_DIGITS = 7;
    private static final int MAX_PREFIX_DIGITS = 4;
    private static final int MAX_SEPARATORS = 3;

    private final char[][] keys;
    private final int shortestKey;

    KnownPhoneMatcher(List<String> digitKeys) {
        keys = new char[digitKeys.size()][];
        int shortest = Integer.MAX_VALUE;
        for (int k = 0; k < keys.length; k++) {
            keys[k] = digitKeys.get(k).toCharArray();
            shortest = Math.min(shortest, keys[k].length);
        }
        shortestKey = shortest;
    }

    /** ASCII digits of a phone value ({@code +1 (415) 555-0100} → {@code 14155550100}), any script's digits. */
    static String digitsOf(String phone) {
        StringBuilder digits = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            int d = Character.digit(phone.charAt(i), 10);
            if (d >= 0) {
                digits.append((char) ('0' + d));
            }
        }
        return digits.toString();
    }

    void find(String text, List<Span> out) {
        int first = Chars.indexOfDigit(text, 0);
        if (first < 0) {
            return;
        }
        int n = text.length();
        int[] positions = new int[Math.min(n, 64)];
        char[] digits = new char[positions.length];
        for (int i = first; i >= 0; ) {
            int count = 0;
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (Chars.isDigit(c)) {
                    if (count == positions.length) {
                        positions = Arrays.copyOf(positions, count * 2);
                        digits = Arrays.copyOf(digits, count * 2);
                    }
                    positions[count] = j;
                    digits[count] = (char) ('0' + Character.digit(c, 10));
                    count++;
                    j++;
                } else {
                    int k = j;
                    while (k < n && k - j < MAX_SEPARATORS && isSeparator(text.charAt(k))) {
                        k++;
                    }
                    if (k == j || k >= n || !Chars.isDigit(text.charAt(k))) {
                        break;
                    }
                    j = k;
                }
            }
            if (count >= MIN_SHARED_DIGITS || count >= shortestKey) {
                matchRun(text, positions, digits, count, out);
            }
            i = Chars.indexOfDigit(text, j);
        }
    }

    private void matchRun(String text, int[] positions, char[] digits, int count, List<Span> out) {
        for (int last = 0; last < count; last++) {
            boolean groupEnd = last == count - 1 || positions[last + 1] != positions[last] + 1;
            if (!groupEnd) {
                continue;
            }
            for (char[] key : keys) {
                int shared = sharedSuffix(digits, last, key);
                if (shared >= Math.min(MIN_SHARED_DIGITS, key.length)) {
                    int first = last - shared + 1;
                    int startChar = isDialPrefix(positions, first) ? runStart(text, positions[0]) : positions[first];
                    out.add(new Span(startChar, positions[last] + 1, PiiType.PHONE));
                    break;
                }
            }
        }
    }

    /**
     * Whether the digits before index {@code first} of the run look like what people put in front of a number:
     * a trunk 0, a country code, an international prefix, or two of these ({@code +44 (0)}) - at most
     * {@value #MAX_PREFIX_DIGITS} digits in at most two groups. Anything longer is another number.
     */
    private static boolean isDialPrefix(int[] positions, int first) {
        if (first > MAX_PREFIX_DIGITS) {
            return false;
        }
        int groups = first > 0 ? 1 : 0;
        for (int k = 1; k < first; k++) {
            if (positions[k] != positions[k - 1] + 1) {
                groups++;
            }
        }
        return groups <= 2;
    }

    private static int sharedSuffix(char[] digits, int last, char[] key) {
        int shared = 0;
        while (shared < key.length && last - shared >= 0
                && digits[last - shared] == key[key.length - 1 - shared]) {
            shared++;
        }
        return shared;
    }

    /** Includes a {@code +} / {@code (} written right before the first digit. */
    private static int runStart(String text, int firstDigit) {
        int start = firstDigit;
        while (start > 0 && firstDigit - start < 2 && isLeadChar(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean isLeadChar(char c) {
        return c == '+' || c == '\uFF0B' || c == '(';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '/' || c == '\u00A0';
    }
}
