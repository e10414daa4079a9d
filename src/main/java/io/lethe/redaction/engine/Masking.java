package io.lethe.redaction.engine;

import java.util.List;

/**
 * Blanks out spans already attributed to an address (e-mail, IP, card) before the digit-based matchers run:
 * libphonenumber reads most IPv4 addresses as phone numbers, and a known phone's digits must not be completed
 * with the last octet of an adjacent IP. The mask char keeps offsets unchanged and is neither digit, letter,
 * punctuation nor currency sign for libphonenumber.
 */
final class Masking {

    static final char MASK = '\uFFFC';

    private Masking() {
    }

    /** {@code text} with every span replaced by mask chars; {@code text} itself when there are no spans. */
    static String mask(String text, List<Span> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (Span span : spans) {
            for (int i = span.start(); i < span.end(); i++) {
                chars[i] = MASK;
            }
        }
        return new String(chars);
    }
}
