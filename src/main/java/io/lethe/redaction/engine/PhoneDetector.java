package io.lethe.redaction.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Arrays;
import java.util.List;

/**
 * Phone numbers via Google libphonenumber, read in the policy's regions.
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
 * <p>Regions: a number written without a country code counts when it is one, by the rules above, in any of the
 * policy's regions, tried in order (the default first); a candidate needs {@value #MIN_DIGITS} digits. Where a
 * region writes a trunk prefix, its national numbers must carry it ({@code 030 12345678} in Germany, never
 * {@code 30 12345678}) unless libphonenumber's {@code VALID} leniency says that kind of number goes without
 * (Indian mobiles): "SIREN 732 829 320" is a valid French number without its 0, and nobody writes a French
 * number that way. NANPA's optional "1" is no such prefix. International forms ({@code +44 ...},
 * {@code 0044 ...}, {@code 00 49 ...}) count whatever the regions.
 *
 * <p>Cost: {@code findNumbers} costs tens of microseconds per candidate, so it only runs on short windows
 * around runs of at least {@value #MIN_DIGITS} digits that are not plainly a date, amount, version or reference
 * number. Most chat lines never reach it. The screening runs once; only windows that reach libphonenumber are
 * read in the other regions, one after the other, and not at all once every digit run of the window has been
 * taken as a phone number.
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

    /** The default region (see {@link RedactionPolicy#defaultRegion()}). */
    private final String region;
    /** The policy's regions, the default first. */
    private final List<Region> regions;

    /**
     * A region and its trunk prefix when its national numbers are written with it, else null: NANPA's "1" is
     * optional and mostly left out; elsewhere a national number is written with its trunk prefix.
     */
    private record Region(String code, String trunkPrefix) {
        static Region of(String code) {
            String prefix = UTIL.getNddPrefixForRegion(code, true);
            return new Region(code, prefix == null || prefix.isEmpty() || UTIL.isNANPACountry(code) ? null : prefix);
        }
    }

    /** @param regions the policy's regions, the default first (see {@link RedactionPolicy#phoneRegions()}) */
    PhoneDetector(List<String> regions) {
        this.region = regions.get(0);
        this.regions = regions.stream().map(Region::of).toList();
    }

    /**
     * @param masked text with the spans of the address detectors masked (see {@link Masking})
     * @param found  where new spans are appended
     */
    void detect(String masked, List<Span> found) {
        int[] runs = worthRuns(masked);
        if (runs == null) {
            return; // most messages: no digits, or only short and plainly non-phone numbers
        }
        String text = PhoneShapes.maskBankAccounts(masked);
        if (text != masked && (runs = worthRuns(text)) == null) {
            return;
        }
        int firstNew = found.size();
        int floor = 0;
        int n = text.length();
        int count = runs[0];
        int windowStart = -1;
        int windowEnd = -1;
        int windowRuns = 1; // index in runs of the current window's first run
        for (int r = 1; r < count; r += 2) {
            int from = Math.max(0, runs[r] - WINDOW_BEFORE);
            int to = Math.min(n, runs[r + 1] + WINDOW_AFTER);
            if (from > windowEnd) {
                floor = matchWindow(text, windowStart, windowEnd, runs, windowRuns, r, found, floor);
                windowStart = from;
                windowRuns = r;
            }
            windowEnd = to;
        }
        matchWindow(text, windowStart, windowEnd, runs, windowRuns, count, found, floor);
        if (regions.size() > 1) {
            found.subList(firstNew, found.size()).sort(SpanMerger.ORDER);
        }
        // an international number's '+' or '00' lies in the window of its digits
        findSkippedInternational(text, found, firstNew, Math.max(0, runs[1] - WINDOW_BEFORE), windowEnd);
    }

    /**
     * The digit runs worth matching (see {@link #worthMatching}) as start/end pairs from index 1, the used length
     * in index 0; null when there is none.
     */
    private static int[] worthRuns(String text) {
        int[] runs = null;
        int count = 1;
        for (int i = Chars.indexOfDigit(text, 0); i >= 0; ) {
            int runEnd = digitRunEnd(text, i);
            if (worthMatching(text, i, runEnd)) {
                if (runs == null || count + 2 > runs.length) {
                    runs = runs == null ? new int[9] : Arrays.copyOf(runs, runs.length * 2);
                }
                runs[count++] = i;
                runs[count++] = runEnd;
            }
            i = Chars.indexOfDigit(text, runEnd);
        }
        if (runs != null) {
            runs[0] = count;
        }
        return runs;
    }

    /**
     * Runs {@code findNumbers} on {@code text[from, to)} only: its cost grows with the text it scans and the
     * candidates it meets, and a message is mostly words. The window keeps enough context on both sides for
     * extensions ("ext. 1234") and carrier codes; context checks look at the whole text. The other regions
     * read the window only while one of its digit runs ({@code runs}) is not yet part of a phone number.
     */
    private int matchWindow(String text, int from, int to, int[] runs, int firstRun, int endRun, List<Span> found,
            int floor) {
        if (from < 0) {
            return floor;
        }
        String window = text.substring(from, to);
        int windowFirst = found.size();
        int end = matchRegion(regions.get(0), text, window, from, found, floor, windowFirst);
        for (int k = 1; k < regions.size() && !allCovered(runs, firstRun, endRun, found, windowFirst); k++) {
            end = Math.max(end, matchRegion(regions.get(k), text, window, from, found, floor, windowFirst));
        }
        return end;
    }

    /**
     * Whether {@code [start, end)} lies within the spans found from index {@code first} on (few: those of one
     * window, in any order).
     */
    private static boolean covered(List<Span> found, int first, int start, int end) {
        int next = start;
        boolean advanced = true;
        while (next < end && advanced) {
            advanced = false;
            for (int k = first; k < found.size(); k++) {
                Span span = found.get(k);
                if (span.start() <= next && span.end() > next) {
                    next = span.end();
                    advanced = true;
                }
            }
        }
        return next >= end;
    }

    /** Whether every digit run of the window lies within the spans found in it (from {@code first} on). */
    private static boolean allCovered(int[] runs, int firstRun, int endRun, List<Span> found, int first) {
        if (found.size() == first) {
            return false;
        }
        for (int r = firstRun; r < endRun; r += 2) {
            if (!covered(found, first, runs[r], runs[r + 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * One region's pass over the window (see the class comment). After the default region, a candidate wholly
     * inside what an earlier region took is skipped; a longer one is added ("11 948633159" in Brazil over
     * "948633159" elsewhere) and merges with it. Returns the end of the last span found, else {@code floor}.
     */
    private static int matchRegion(Region in, String text, String window, int from, List<Span> found, int floor,
            int windowFirst) {
        boolean later = found.size() > windowFirst;
        for (PhoneNumberMatch match : UTIL.findNumbers(window, in.code(), Leniency.POSSIBLE, Long.MAX_VALUE)) {
            int start = from + match.start();
            int end = from + match.end();
            if (start < floor || rejectedByContext(text, match.rawString(), start, end, floor)
                    || (later && covered(found, windowFirst, start, end))) {
                continue;
            }
            boolean valid = UTIL.isValidNumber(match.number());
            if (!valid && PhoneShapes.endsLongDigitRun(text, start, end, floor)) {
                continue;
            }
            int extended = prefixGroupsStart(text, start, floor);
            String raw = extended < start ? text.substring(extended, end) : match.rawString();
            if ((valid || acceptsInvalid(match.number(), match.rawString())
                    || (extended < start && acceptsWithPrefix(in.code(), match.number(), raw)))
                    && digitCount(raw, match.number()) >= MIN_DIGITS && !lacksTrunkPrefix(in, raw, valid)) {
                found.add(new Span(extended, end, PiiType.PHONE));
                floor = end;
                later = true;
            }
        }
        return floor;
    }

    /** Digits of the candidate, not counting its extension. */
    private static int digitCount(String raw, PhoneNumber number) {
        int digits = 0;
        for (int i = 0; i < raw.length(); i++) {
            digits += Chars.isDigit(raw.charAt(i)) ? 1 : 0;
        }
        return digits - (number.hasExtension() ? number.getExtension().length() : 0);
    }

    /**
     * A national number of a region that writes its trunk prefix, written without it: not a phone number, unless
     * valid and of a kind the region may write without it (libphonenumber's {@code VALID} leniency knows, e.g.
     * Indian mobiles or Brazilian numbers with a bracketed area code).
     */
    private static boolean lacksTrunkPrefix(Region in, String raw, boolean valid) {
        if (in.trunkPrefix() == null || isInternational(raw) || firstDigitsAre(raw, in.trunkPrefix())) {
            return false;
        }
        return !valid || !UTIL.findNumbers(raw, in.code(), Leniency.VALID, 1).iterator().hasNext();
    }

    private static boolean firstDigitsAre(String raw, String digits) {
        int matched = 0;
        for (int i = 0; i < raw.length() && matched < digits.length(); i++) {
            char c = raw.charAt(i);
            if (Chars.isDigit(c)) {
                if (Character.digit(c, 10) != Character.digit(digits.charAt(matched), 10)) {
                    return false;
                }
                matched++;
            }
        }
        return matched == digits.length();
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
    private static boolean acceptsWithPrefix(String region, PhoneNumber match, String extendedRaw) {
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
     * phone punctuation) are parsed directly, unless already covered. So are numbers dialled with the {@code 00}
     * international prefix ({@code 0044 20 7946 0958}, {@code 00 49 30 ...}), which only the regions that dial
     * {@code 00} read as international; those must be valid, a digit string starting with 00 being as often a
     * reference.
     */
    private void findSkippedInternational(String text, List<Span> found, int firstNew, int scanFrom, int scanTo) {
        int n = text.length();
        int matchedEnd = found.size(); // spans of this detector, sorted: found[firstNew, matchedEnd)
        int next = firstNew;
        for (int plus = scanFrom; plus < scanTo; plus++) {
            char c = text.charAt(plus);
            int digitsFrom = internationalDigitsStart(text, plus);
            if (digitsFrom < 0) {
                continue;
            }
            while (next < matchedEnd && found.get(next).end() <= plus) {
                next++;
            }
            if (next < matchedEnd && found.get(next).start() <= plus) {
                continue; // already found by findNumbers
            }
            int end = digitsFrom;
            int digits = 0;
            for (int i = digitsFrom; i < n && i - end <= 2; i++) {
                char d = text.charAt(i);
                if (Chars.isDigit(d)) {
                    digits++;
                    end = i + 1;
                } else if (!isRunPunctuation(d) || d == '+' || d == '\uFF0B') {
                    break; // a second '+' starts another number
                }
            }
            String raw = text.substring(plus, end);
            boolean viaZeros = c == '0';
            if (digits >= MIN_INTERNATIONAL_DIGITS && digits <= MAX_E164_DIGITS
                    && !rejectedByContext(text, raw, plus, end, 0)
                    && (viaZeros ? parsesValid("+" + text.substring(digitsFrom, end)) : parsesAndAccepts(raw))) {
                found.add(new Span(plus, end, PiiType.PHONE));
            }
            plus = Math.max(plus, end - 1);
        }
    }

    /**
     * Where the digits after an international prefix start: after a {@code +} or a {@code 00} (then optionally one
     * space) that does not follow a digit or letter and is followed by a country code's first digit; -1 if
     * {@code i} starts no such prefix.
     */
    private static int internationalDigitsStart(String text, int i) {
        char c = text.charAt(i);
        if (c == '+' || c == '\uFF0B') {
            return Chars.isDigitAt(text, i + 1) && !Chars.isDigitAt(text, i - 1) ? i + 1 : -1;
        }
        if (c != '0' || i + 3 >= text.length() || text.charAt(i + 1) != '0' || Chars.isWordCharAt(text, i - 1)) {
            return -1;
        }
        int at = text.charAt(i + 2) == ' ' ? i + 3 : i + 2;
        return at < text.length() && text.charAt(at) >= '1' && text.charAt(at) <= '9' ? at : -1;
    }

    private boolean parsesAndAccepts(String raw) {
        try {
            return accepts(UTIL.parse(raw, region), raw);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean parsesValid(String international) {
        try {
            return UTIL.isValidNumber(UTIL.parse(international, "ZZ"));
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
