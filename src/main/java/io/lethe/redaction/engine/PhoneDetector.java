package io.lethe.redaction.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/**
 * Phone numbers via Google libphonenumber.
 *
 * <p>Leniency, chosen by measuring both labelled corpora: {@code findNumbers} runs at {@code POSSIBLE} and a
 * candidate is kept when it is a <em>valid</em> number for its region, or a <em>possible</em> one (not merely
 * local-only) written like a phone: international form ({@code +...}), three or more digit groups, a bracketed
 * area code, or two groups after a trunk {@code 0} ({@code 030/1234567}). {@code VALID} alone misses numbers
 * people really type (unassigned area codes such as {@code 456-555-0124}, national forms the metadata no longer
 * knows); plain {@code POSSIBLE} takes every bare 7- or 10-digit run ("ticket 4567890", "order 1234567890");
 * {@code STRICT_GROUPING} and {@code EXACT_GROUPING} lose ordinary forms such as {@code 212-5550175}.
 *
 * <p>Since {@code POSSIBLE} skips libphonenumber's context checks, those are re-applied, together with filters
 * for dates, times, decimals, amounts and reference numbers (see {@link PhoneShapes}). Two gaps of the matcher
 * are filled, still validating with libphonenumber: prefix groups it dropped ({@code 044 (55) 4321-8765}) are
 * re-attached, and international numbers it skipped because the metadata dropped their format
 * ({@code +52 1 55 8765 4321}) are parsed directly.
 *
 * <p>Cost: {@code findNumbers} costs tens of microseconds per candidate, so it only runs on short windows
 * around runs of at least {@value #MIN_DIGITS} digits that are not plainly a date, amount, version or reference
 * number. Most chat lines never reach it.
 */
final class PhoneDetector {

    private static final int MIN_DIGITS = 7;
    private static final int MAX_RUN_PUNCTUATION = 3;
    private static final int WINDOW_BEFORE = 12;
    private static final int WINDOW_AFTER = 24;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_PREFIX_GROUPS = 3;
    private static final int MAX_PREFIX_GROUP_DIGITS = 3;
    private static final int MIN_INTERNATIONAL_DIGITS = 8;
    private static final int MAX_E164_DIGITS = 15;

    private final String region;

    PhoneDetector(String region) {
        this.region = region;
    }

    /**
     * @param masked text with the spans of the address detectors masked (see {@link Masking})
     * @param found  where new spans are appended
     */
    void detect(String masked, List<Span> found) {
        int firstNew = found.size();
        int floor = 0;
        int n = masked.length();
        int windowStart = -1;
        int windowEnd = -1;
        for (int i = Chars.indexOfDigit(masked, 0); i >= 0; ) {
            int runEnd = digitRunEnd(masked, i);
            if (worthMatching(masked, i, runEnd)) {
                int from = Math.max(0, i - WINDOW_BEFORE);
                int to = Math.min(n, runEnd + WINDOW_AFTER);
                if (from > windowEnd) {
                    floor = matchWindow(masked, windowStart, windowEnd, found, floor);
                    windowStart = from;
                }
                windowEnd = to;
            }
            i = Chars.indexOfDigit(masked, runEnd);
        }
        matchWindow(masked, windowStart, windowEnd, found, floor);
        if (windowStart >= 0) {
            findSkippedInternational(masked, found, firstNew);
        }
    }

    /**
     * Runs {@code findNumbers} on {@code text[from, to)} only: its cost grows with the text it scans and the
     * candidates it meets, and a message is mostly words. The window keeps enough context on both sides for
     * extensions ("ext. 1234") and carrier codes; context checks look at the whole text.
     */
    private int matchWindow(String text, int from, int to, List<Span> found, int floor) {
        if (from < 0) {
            return floor;
        }
        String window = text.substring(from, to);
        for (PhoneNumberMatch match : UTIL.findNumbers(window, region, Leniency.POSSIBLE, Long.MAX_VALUE)) {
            int start = from + match.start();
            int end = from + match.end();
            if (start < floor || rejectedByContext(text, match.rawString(), start, end, floor)) {
                continue;
            }
            boolean valid = UTIL.isValidNumber(match.number());
            if (!valid && PhoneShapes.endsLongDigitRun(text, start, end, floor)) {
                continue;
            }
            int extended = prefixGroupsStart(text, start, floor);
            if (valid || acceptsInvalid(match.number(), match.rawString())
                    || (extended < start && acceptsWithPrefix(match.number(), text.substring(extended, end)))) {
                found.add(new Span(extended, end, PiiType.PHONE));
                floor = end;
            }
        }
        return floor;
    }

    /**
     * End of the run of digits joined by phone punctuation that starts with the digit at {@code i}. At most
     * three punctuation chars may separate two digits ({@code ") - "}); colons, commas and letters end a run.
     */
    private static int digitRunEnd(String text, int i) {
        int end = i + 1;
        for (int j = i + 1; j < text.length() && j - end <= MAX_RUN_PUNCTUATION; j++) {
            char c = text.charAt(j);
            if (Chars.isDigit(c)) {
                end = j + 1;
            } else if (!isRunPunctuation(c)) {
                break;
            }
        }
        return end;
    }

    /**
     * Cheap screening that keeps most chat lines away from libphonenumber: a run needs at least
     * {@value #MIN_DIGITS} digits, and a single-token run is skipped when it is wholly a date, amount or version,
     * is announced as a reference number, or is glued to a word or '#' ({@code 1Z999AA10123456784},
     * {@code #10023456}): every candidate inside it would be rejected for the same reason. A run of several
     * tokens ("2024-01-15 415-555-0100") always goes to libphonenumber, its candidates judged one by one.
     */
    private static boolean worthMatching(String text, int start, int end) {
        int digits = 0;
        boolean severalTokens = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            digits += Chars.isDigit(c) ? 1 : 0;
            severalTokens |= Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
        if (digits < MIN_DIGITS) {
            return false;
        }
        return severalTokens || !((start > 0 && PhoneShapes.gluedToCode(text.charAt(start - 1)))
                || PhoneShapes.isDateAmountOrVersion(text.substring(start, end))
                || PhoneShapes.afterReferenceLabel(text, start));
    }

    private static boolean rejectedByContext(String text, String raw, int start, int end, int floor) {
        return PhoneShapes.gluedToLetterOrSymbol(text, start, end)
                || PhoneShapes.partOfLongerCode(text, start, end, floor)
                || PhoneShapes.looksLikeDateAmountOrTime(text, raw, start, end)
                || PhoneShapes.afterReferenceLabel(text, start);
    }

    private static boolean accepts(PhoneNumber number, String raw) {
        return UTIL.isValidNumber(number) || acceptsInvalid(number, raw);
    }

    /** A number libphonenumber does not call valid is still taken when it is written like a phone. */
    private static boolean acceptsInvalid(PhoneNumber number, String raw) {
        ValidationResult possibility = UTIL.isPossibleNumberWithReason(number);
        if (isInternational(raw)) {
            // Written in international form, so meant as a phone number. Too long still qualifies: formats the
            // metadata has since dropped are still typed (Mexico's mobile "1" in +52 1 55 8765 4321).
            int digits = String.valueOf(number.getCountryCode()).length()
                    + UTIL.getNationalSignificantNumber(number).length();
            return possibility == ValidationResult.IS_POSSIBLE
                    || (possibility == ValidationResult.TOO_LONG && digits <= MAX_E164_DIGITS);
        }
        if (possibility != ValidationResult.IS_POSSIBLE) {
            return false; // includes IS_POSSIBLE_LOCAL_ONLY: bare 7-digit runs are references as often as phones
        }
        int groups = 0;
        int groupLength = 0;
        boolean singleDigitGroup = false;
        boolean bracket = false;
        for (int i = 0; i <= raw.length(); i++) {
            char c = i < raw.length() ? raw.charAt(i) : ' ';
            if (Chars.isDigit(c)) {
                groups += groupLength == 0 ? 1 : 0;
                groupLength++;
                continue;
            }
            // A lone digit after the first group reads as a list ("4 8 15 16 23 42"), not as phone grouping.
            singleDigitGroup |= groups > 1 && groupLength == 1;
            groupLength = 0;
            if (Character.isLetter(c) && groups > 0) {
                break; // extension ("x 123") or carrier code: not part of the grouping
            }
            bracket |= c == '(' || c == '\uFF08';
        }
        return !singleDigitGroup && (groups >= 3 || bracket || (groups == 2 && startsWithTrunkZero(raw)));
    }

    /**
     * A match libphonenumber found without the groups written in front of it. The longer form is a phone if
     * libphonenumber accepts it, or if the match alone was a local number (possible when dialled locally) of at
     * least {@value #MIN_DIGITS} digits: the groups in front are then its area code and trunk or carrier prefix
     * ({@code 045 55 4321-8765}).
     */
    private boolean acceptsWithPrefix(PhoneNumber match, String extendedRaw) {
        if (UTIL.isPossibleNumberWithReason(match) == ValidationResult.IS_POSSIBLE_LOCAL_ONLY
                && UTIL.getNationalSignificantNumber(match).length() >= MIN_DIGITS) {
            return true;
        }
        try {
            return accepts(UTIL.parse(extendedRaw, region), extendedRaw);
        } catch (NumberParseException e) {
            return false;
        }
    }

    /**
     * {@code findNumbers} gives up on an international number whose national part the current metadata finds
     * too long, even though the country code is right there. Such {@code +} numbers (8-15 digits, joined by
     * phone punctuation) are parsed directly, unless already covered.
     */
    private void findSkippedInternational(String text, List<Span> found, int firstNew) {
        int n = text.length();
        int matchedEnd = found.size(); // spans of this detector, sorted: found[firstNew, matchedEnd)
        int next = firstNew;
        for (int plus = 0; plus < n; plus++) {
            char c = text.charAt(plus);
            if ((c != '+' && c != '\uFF0B') || !Chars.isDigitAt(text, plus + 1) || Chars.isDigitAt(text, plus - 1)) {
                continue;
            }
            while (next < matchedEnd && found.get(next).end() <= plus) {
                next++;
            }
            if (next < matchedEnd && found.get(next).start() <= plus) {
                continue; // already found by findNumbers
            }
            int end = plus + 1;
            int digits = 0;
            for (int i = plus + 1; i < n && i - end <= 2; i++) {
                char d = text.charAt(i);
                if (Chars.isDigit(d)) {
                    digits++;
                    end = i + 1;
                } else if (!isRunPunctuation(d) || d == '+' || d == '\uFF0B') {
                    break; // a second '+' starts another number
                }
            }
            String raw = text.substring(plus, end);
            if (digits >= MIN_INTERNATIONAL_DIGITS && digits <= MAX_E164_DIGITS
                    && !rejectedByContext(text, raw, plus, end, 0) && parsesAndAccepts(raw)) {
                found.add(new Span(plus, end, PiiType.PHONE));
            }
            plus = end - 1;
        }
    }

    private boolean parsesAndAccepts(String raw) {
        try {
            return accepts(UTIL.parse(raw, region), raw);
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** libphonenumber's punctuation inside numbers ({@code VALID_PUNCTUATION}) and plus signs. */
    private static boolean isRunPunctuation(char c) {
        switch (c) {
            case ' ', '\u00A0', '\u3000', '-', '.', '/', '(', ')', '[', ']', '~', '+', '\uFF0B', '\u2010', '\u2011',
                    '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u30FC', '\uFF0D', '\uFF0F', '\uFF08', '\uFF09',
                    '\u2053', '\u223C', '\uFF5E', '\u00AD', '\u200B', '\u2060', '\uFF3B', '\uFF3D':
                return true;
            default:
                return false;
        }
    }

    private static boolean isInternational(String raw) {
        return raw.charAt(0) == '+' || raw.charAt(0) == '\uFF0B';
    }

    private static boolean startsWithTrunkZero(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (Chars.isDigit(raw.charAt(i))) {
                return Character.digit(raw.charAt(i), 10) == 0;
            }
        }
        return false;
    }

    /**
     * Start of up to three short digit groups written right before a match, each followed by one space, dash
     * or dot, the first one preceded by whitespace, {@code (} or {@code +} (included): trunk, carrier and
     * country prefixes libphonenumber left out. Returns {@code start} when there are none.
     */
    private static int prefixGroupsStart(String text, int start, int floor) {
        int result = start;
        int i = start;
        for (int groups = 0; groups < MAX_PREFIX_GROUPS; groups++) {
            if (i - 2 < floor || !isPrefixSeparator(text.charAt(i - 1))) {
                break;
            }
            int digitsEnd = i - 1;
            int j = digitsEnd;
            while (j > floor && digitsEnd - j <= MAX_PREFIX_GROUP_DIGITS && Chars.isAsciiDigit(text.charAt(j - 1))) {
                j--;
            }
            int length = digitsEnd - j;
            if (length == 0 || length > MAX_PREFIX_GROUP_DIGITS) {
                break;
            }
            if (j > floor) {
                char before = text.charAt(j - 1);
                if (before == '+') {
                    return j - 1;
                }
                if (!Character.isWhitespace(before) && before != '(') {
                    break;
                }
            }
            result = j;
            i = j;
        }
        return result;
    }

    private static boolean isPrefixSeparator(char c) {
        return c == ' ' || c == '-' || c == '.';
    }
}
