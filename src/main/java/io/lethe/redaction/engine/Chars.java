package io.lethe.redaction.engine;

/** Character classes shared by the detectors. All checks are O(1) and allocation free. */
final class Chars {

    private static final boolean[] HEX = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            HEX[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }

    private Chars() {
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return c < 128 && HEX[c];
    }

    /** Decimal digit of any script, with an ASCII fast path. */
    static boolean isDigit(char c) {
        return c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    /** Index of the first decimal digit (any script) at or after {@code from}, or -1. */
    static int indexOfDigit(String text, int from) {
        for (int i = from, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Letter or digit in any script; the notion of "word character" used for token boundaries. */
    static boolean isWordChar(char c) {
        if (c < 128) {
            return isAsciiLetter(c) || isAsciiDigit(c) || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    /** True when {@code text.charAt(index)} exists and is a word character. */
    static boolean isWordCharAt(CharSequence text, int index) {
        return index >= 0 && index < text.length() && isWordChar(text.charAt(index));
    }

    static boolean isDigitAt(CharSequence text, int index) {
        return index >= 0 && index < text.length() && isDigit(text.charAt(index));
    }
}
