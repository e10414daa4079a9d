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
 * people really type (unassigned area codes such as {@code 455-234-3451}, national forms the metadata no longer
 * knows); plain {@code POSSIBLE} takes every bare 7- or 10-digit run ("ticket 4567890", "order 1234567890");
 * {@code STRICT_GROUPING} and {@code EXACT_GROUPING} lose ordinary forms such as {@code 415-6667777}.
 *
 * <p>Since {@code POSSIBLE} skips libphonenumber's context checks, those are re-applied, together with filters
 * for dates, times, decimals, amounts and reference numbers (see {@link PhoneShapes}). Two gaps of the matcher
 * are filled, still validating with libphonenumber: prefix groups it dropped ({@code 044 (33) 1234-5678}) are
 * re-attached, and international numbers it skipped because the metadata dropped their format
 * ({@code +52 1 33 1234 5678}) are parsed directly.
 *
 * <p>Cost: matching costs tens of microseconds, so it only runs when the text has a run of at least
 * {@value #MIN_DIGITS} digits not interrupted by letters.
 */
final class PhoneDetector {

    static final int MIN_DIGITS = 7;
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
        if (!hasDigitRun(masked)) {
            return;
        }
        int firstNew = found.size();
        int floor = 0;
        for (PhoneNumberMatch match : UTIL.findNumbers(masked, region, Leniency.POSSIBLE, Long.MAX_VALUE)) {
            int start = match.start();
            int end = match.end();
            if (rejectedByContext(masked, match.rawString(), start, end, floor)) {
                continue;
            }
            int extended = prefixGroupsStart(masked, start, floor);
            if (accepts(match.number(), match.rawString())
                    || (extended < start && acceptsWithPrefix(match.number(), masked.substring(extended, end)))) {
                found.add(new Span(extended, end, PiiType.PHONE));
                floor = end;
            }
        }
        findSkippedInternational(masked, found, firstNew);
    }

    private static boolean rejectedByContext(String text, String raw, int start, int end, int floor) {
        return PhoneShapes.gluedToLetterOrSymbol(text, start, end)
                || PhoneShapes.partOfLongerCode(text, start, end, floor)
                || PhoneShapes.looksLikeDateAmountOrTime(text, raw, start, end)
                || PhoneShapes.afterReferenceLabel(text, start);
    }

    private static boolean accepts(PhoneNumber number, String raw) {
        if (UTIL.isValidNumber(number)) {
            return true;
        }
        ValidationResult possibility = UTIL.isPossibleNumberWithReason(number);
        if (isInternational(raw)) {
            // Written in international form, so meant as a phone number. Too long still qualifies: formats the
            // metadata has since dropped are still typed (Mexico's mobile "1" in +52 1 33 1234 5678).
            int digits = String.valueOf(number.getCountryCode()).length()
                    + UTIL.getNationalSignificantNumber(number).length();
            return possibility == ValidationResult.IS_POSSIBLE
                    || (possibility == ValidationResult.TOO_LONG && digits <= MAX_E164_DIGITS);
        }
        if (possibility != ValidationResult.IS_POSSIBLE) {
            return false; // includes IS_POSSIBLE_LOCAL_ONLY: bare 7-digit runs are references as often as phones
        }
        int groups = 0;
        boolean inGroup = false;
        boolean bracket = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isDigit(c)) {
                groups += inGroup ? 0 : 1;
                inGroup = true;
            } else {
                if (Character.isLetter(c) && groups > 0) {
                    break; // extension ("x 123") or carrier code: not part of the grouping
                }
                bracket |= c == '(' || c == '\uFF08';
                inGroup = false;
            }
        }
        return groups >= 3 || bracket || (groups == 2 && startsWithTrunkZero(raw));
    }

    /**
     * A match libphonenumber found without the groups written in front of it. The longer form is a phone if
     * libphonenumber accepts it, or if the match alone was a local number (possible when dialled locally): the
     * groups in front are then its area code and trunk or carrier prefix ({@code 045 33 1234-5678}).
     */
    private boolean acceptsWithPrefix(PhoneNumber match, String extendedRaw) {
        ValidationResult alone = UTIL.isPossibleNumberWithReason(match);
        if (alone == ValidationResult.IS_POSSIBLE_LOCAL_ONLY || alone == ValidationResult.IS_POSSIBLE) {
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
        for (int plus = 0; plus < n; plus++) {
            char c = text.charAt(plus);
            if ((c != '+' && c != '\uFF0B') || !Chars.isDigitAt(text, plus + 1) || Chars.isDigitAt(text, plus - 1)
                    || covered(found, firstNew, plus)) {
                continue;
            }
            int end = plus + 1;
            int digits = 0;
            for (int i = plus + 1; i < n && i - end <= 2; i++) {
                char d = text.charAt(i);
                if (Character.isDigit(d)) {
                    digits++;
                    end = i + 1;
                } else if (!isPhonePunctuation(d)) {
                    break;
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

    private static boolean covered(List<Span> found, int from, int position) {
        for (int k = from; k < found.size(); k++) {
            if (found.get(k).start() <= position && position < found.get(k).end()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPhonePunctuation(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00A0';
    }

    private static boolean isInternational(String raw) {
        return raw.charAt(0) == '+' || raw.charAt(0) == '\uFF0B';
    }

    private static boolean startsWithTrunkZero(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isDigit(raw.charAt(i))) {
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

    /** Whether some run of digits, not interrupted by letters or masked spans, reaches {@link #MIN_DIGITS}. */
    private static boolean hasDigitRun(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= MIN_DIGITS) {
                    return true;
                }
            } else if (c < 128 ? Chars.isAsciiLetter(c) : (c == Masking.MASK || Character.isLetter(c))) {
                digits = 0;
            } else if (c >= 128 && Character.isDigit(c) && ++digits >= MIN_DIGITS) {
                return true;
            }
        }
        return false;
    }
}
