package io.lethe.redaction.engine;

import java.util.List;

/**
 * Payment card numbers (PANs): 13-19 digits, optionally grouped with single spaces or dashes, not glued to
 * letters or further digits, passing the Luhn check. The Luhn check rejects nine random digit strings out of
 * ten, which is what keeps order and tracking numbers of the right length out.
 */
final class PaymentCardDetector {

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;

    void detect(String text, List<Span> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Chars.isAsciiDigit(text.charAt(i)) || Chars.isWordCharAt(text, i - 1)) {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            int end = i;
            while (i < n) {
                char c = text.charAt(i);
                if (Chars.isAsciiDigit(c)) {
                    digits++;
                    i++;
                    end = i;
                } else if ((c == ' ' || c == '-') && i + 1 < n && Chars.isAsciiDigit(text.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            if (digits >= MIN_DIGITS && digits <= MAX_DIGITS && !Chars.isWordCharAt(text, end)
                    && luhnValid(text, start, end)) {
                out.add(new Span(start, end, PiiType.PAYMENT_CARD));
            }
        }
    }

    static boolean luhnValid(CharSequence text, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (!Chars.isAsciiDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
