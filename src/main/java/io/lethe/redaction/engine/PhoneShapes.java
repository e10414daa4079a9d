package io.lethe.redaction.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shapes that libphonenumber may accept as a phone number but that, in chat, are something else: dates, year
 * ranges, times, decimals, amounts, reference numbers, pieces of longer codes. Each rule was added because a
 * case of the labelled corpora needed it; see {@code PhoneDetector} for how they combine.
 *
 * <p>The regexes only run on a candidate match (a few dozen chars) or a fixed-size window before it, and
 * have no nested quantifiers.
 */
final class PhoneShapes {

    private static final Pattern DATE_WITH_YEAR = Pattern.compile(
            "(?<!\\d)(?:(?:19|20)\\d\\d([-./])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])"
                    + "|(?:0?[1-9]|[12]\\d|3[01])([-./])(?:0?[1-9]|[12]\\d|3[01])\\2(?:19|20)\\d\\d"
                    + "|(?:19|20)\\d\\d\\s?[-–/]\\s?(?:19|20)\\d\\d)(?!\\d)");
    /** Whole-candidate forms only: as a part of a longer match these shapes also occur in real numbers. */
    private static final Pattern SHORT_DATE_OR_AMOUNT = Pattern.compile(
            "(?:0?[1-9]|[12]\\d|3[01])([-./])(?:0?[1-9]|[12]\\d|3[01])\\1\\d\\d" // 14.7.79, 11/23/79
                    + "|(?:0?[1-9]|1[0-2])[-./](?:19|20)\\d\\d"                 // 01/2024
                    + "|[1-9]\\d{0,2}(?:[.,]\\d{3})+"                           // 1.234.567 (thousands)
                    + "|(?:0|[1-9]\\d{0,2})\\.\\d+"                             // 37.7749, 3.14159
                    // 192.168.10.256, 300.168.1.1 (not valid IPs). Address octets have no leading zeros and come
                    // in any length; a dotted phone has leading zeros or groups of two (659.93.01.86, 640.98.80.37)
                    + "|(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:0|[1-9]\\d{0,2})){3}"
                    + "|[1-9]\\d{0,2}(?=(?:\\.[1-9]\\d{0,2}){3}$)(?:\\.[1-9]\\d{0,2})*(?:\\.(?:[0-9]|[1-9]\\d\\d))(?:\\.[1-9]\\d{0,2})*"
                    + "|[1-9]\\d?\\.\\d{1,2}\\.\\d+"                                // 10.0.19041 (version)
                    + "|(?:19|20)\\d\\d[-/]\\d{3,}"                                   // 2023-004417, 2024/0047 (year-serial)
                    + "|[1-9](?:[ \\u00A0\\u202F]\\d{3}){2,}"                             // 1 234 567 (thousands)
                    + "|[1-9]\\d{4}-\\d{4}|\\d{5}-\\d{3}");                               // 94105-1234 (ZIP+4), 01310-100 (CEP)
    /**
     * A label announcing a reference or version number right before the candidate ("order #", "Invoice no.",
     * "ISBN:", "Rechnung Nr.", "version"), in the languages most tenants chat in. A lone "Nr." / "No." / "n°"
     * counts too; a lone "number" does not ("my number 415...").
     */
    private static final Pattern REFERENCE_LABEL = Pattern.compile(
            "(?iu)(?:\\b(?:order\\w*|invoice|inv|ticket|tracking|ref|reference|confirmation|booking|reservation|case"
                    + "|sku|serial|isbn|issn|account|acct|policy|transaction|txn|version|build|release"
                    + "|bestell(?:ung|nummer|nr)?|rechnungs?(?:nummer|nr)?|kunden(?:nummer|nr|konto)?"
                    + "|auftrags?(?:nummer|nr)?|sendungs?(?:nummer|nr)?|vorgangs?(?:nummer|nr)?|artikel(?:nummer|nr)?"
                    + "|konto(?:nummer|nr)?|commande|facture|dossier|colis|r[ée]f[ée]rence|pedido|factura|referencia"
                    + "|expediente|ordine|fattura|riferimento|pratica|protocoll?o|bestel(?:ling|nummer)?|factuur"
                    + "|klant(?:nummer|nr)?|encomenda|fatura|nota\\s?fiscal|boleto|zam[óo]wieni[ae]|faktur[ay]?"
                    + "|klienta|przesy[łl]ki|kund(?:nummer|nr)?|faktura|ordernummer"
                    // bank, tax, company and shipping identifiers
                    + "|routing|aba|iban|bic|swift|sort\\s?code|bankgiro|plusgiro|ocr|org\\.?\\s?nr|organisationsnummer"
                    + "|siren|siret|tva|nif|cif|cpf|cnpj|cep|p\\.?\\s?iva|partita\\s?iva|codice\\s?fiscale"
                    + "|nip|regon|pesel|krs|kvk|btw|bsn|steuer(?:nummer|nr|-?id)|ust-?id(?:nr)?|vat|ssn|gstin|aadhaar"
                    + "|personnummer|zip|plz|postcode|pnr|awb|waybill|imei)"
                    + "[\\s:#.-]{0,3}(?:(?:no|nr|num|number|nummer|numéro|id|code)\\b[\\s:#.-]{0,3})?"
                    // "customer" alone introduces a service line ("service client 09 69 ..."), with "no"/"id" an identifier
                    + "|\\b(?:customer|client|cliente|kunde)[\\s:#.-]{0,3}(?:no|nr|num|number|nummer|numéro|id|code)\\b[\\s:#.-]{0,3}"
                    + "|\\b(?:nr\\.?|no\\.|n[°º]|n\\.)\\s?)$");
    private static final int LABEL_WINDOW = 32;
    private static final int MAX_PHONE_DIGITS = 15; // E.164

    private PhoneShapes() {
    }

    /**
     * {@code text} with the digits of IBAN-shaped codes masked (see {@link Masking}): two capitals, two digits,
     * then letters and digits, 15-34 in all, either unbroken or in groups of four; the letters stay. Every group
     * of an account number is some region's valid phone number, and none of them is one. Returns {@code text}
     * itself when there is no such code, without allocating.
     */
    static String maskBankAccounts(String text) {
        char[] chars = null;
        int n = text.length();
        for (int i = 0; i + 4 <= n; i++) {
            if (!isUpperAscii(text.charAt(i)) || !isUpperAscii(text.charAt(i + 1))
                    || !Chars.isAsciiDigit(text.charAt(i + 2)) || !Chars.isAsciiDigit(text.charAt(i + 3))
                    || Chars.isWordCharAt(text, i - 1)) {
                continue;
            }
            int end = bankAccountEnd(text, i);
            if (end > 0) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                for (int k = i; k < end; k++) {
                    if (Chars.isAsciiDigit(chars[k])) {
                        chars[k] = Masking.MASK;
                    }
                }
                i = end;
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** End of the IBAN-shaped code starting at {@code start} (two capitals, two digits), or -1. */
    private static int bankAccountEnd(String text, int start) {
        int n = text.length();
        int i = start + 4;
        int total = 4;
        int end = i;
        boolean grouped = i < n && text.charAt(i) == ' ';
        while (total <= 34) {
            int groupStart = grouped ? i + 1 : i;
            if (grouped && (i >= n || text.charAt(i) != ' ')) {
                break;
            }
            int j = groupStart;
            while (j < n && j - groupStart < (grouped ? 4 : 34) && (isUpperAscii(text.charAt(j))
                    || Chars.isAsciiDigit(text.charAt(j)))) {
                j++;
            }
            int length = j - groupStart;
            if (length == 0 || Chars.isWordCharAt(text, j)) {
                break; // "... 00 Betrag": the next word is not part of the code
            }
            total += length;
            end = j;
            i = j;
            if (!grouped || length < 4) {
                break;
            }
        }
        return total >= 15 && total <= 34 ? end : -1;
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * libphonenumber's own VALID-level context rule, applied because we match at POSSIBLE: no Latin letter
     * glued on either side ({@code zz628-555-0143}, {@code 628-555-0143yy}; a leading {@code +} or
     * {@code (} may follow a letter) and no currency sign or {@code %} glued on ({@code $628-555-0143}).
     */
    static boolean gluedToLetterOrSymbol(String text, int start, int end) {
        char first = text.charAt(start);
        boolean punctuationLead = first == '+' || first == '\uFF0B' || first == '(' || first == '\uFF08';
        if (start > 0 && !punctuationLead) {
            char before = text.charAt(start - 1);
            if (isLatinLetter(before) || isAmountSymbol(before)) {
                return true;
            }
        }
        if (end < text.length()) {
            char after = text.charAt(end);
            return isLatinLetter(after) || isAmountSymbol(after);
        }
        return false;
    }

    /**
     * The candidate is a piece of something longer: glued to a digit, joined by {@code -./_} to a code
     * ({@code 978-1-4028-9462-6}, {@code INV-2023-004417}, {@code Chrome/120.0.6099.109}) or right after a
     * {@code #} ({@code order #6285550143}). {@code floor} is the end of the previous phone found.
     */
    static boolean partOfLongerCode(String text, int start, int end, int floor) {
        if (start - 1 >= floor) {
            char before = text.charAt(start - 1);
            if (Chars.isDigit(before) || before == '#') {
                return true;
            }
            if (isCodeJoiner(before) && start - 2 >= floor && joinsCode(before, text.charAt(start - 2))) {
                return true;
            }
        }
        if (end < text.length()) {
            char after = text.charAt(end);
            if (Chars.isDigit(after)) {
                return true;
            }
            if (isCodeJoiner(after) && Chars.isDigitAt(text, end + 1)) {
                return true; // "628-555-0143/x12" is an extension, "628-555-0143/8" is not
            }
            if (after == '.' && Chars.isWordCharAt(text, end + 1) && text.lastIndexOf('.', end - 1) >= start) {
                return true; // a dotted name goes on ("124.14.32.abc"); "415-666-7777.Nice day." ends a sentence
            }
        }
        return false;
    }

    /**
     * The candidate ends a digit run longer than any phone number: tracking, card and account numbers written in
     * blocks ({@code 9400 1000 0000 0000 0000 00}) yield sub-matches in permissive regions. Only consulted for
     * numbers that are not valid: "2024-01-15 415-555-0100" is a date and a phone. A leading '+' starts a new
     * number. {@code floor} is the end of the previous phone found, so that two phones separated by one space do
     * not count as one run.
     */
    static boolean endsLongDigitRun(String text, int start, int end, int floor) {
        char first = text.charAt(start);
        boolean plusStartsNumber = first == '+' || first == '\uFF0B';
        return !plusStartsNumber && digitsInRunEndingAt(text, start, end, floor) > MAX_PHONE_DIGITS;
    }

    /**
     * Digits of the candidate plus those of digit groups joined to its left by single separators; counting stops
     * once past {@value #MAX_PHONE_DIGITS}, so the walk is bounded.
     */
    private static int digitsInRunEndingAt(String text, int start, int end, int floor) {
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) || c == ',' || c == '#') {
                break; // an extension follows ("x 123", ", ext 7246433", "#3456"); it is not part of the number
            }
            digits += Chars.isDigit(c) ? 1 : 0;
        }
        int i = start;
        while (digits <= MAX_PHONE_DIGITS && i - 2 >= floor && isRunSeparator(text.charAt(i - 1))
                && Chars.isDigit(text.charAt(i - 2))) {
            i--;
            while (i - 1 >= floor && Chars.isDigit(text.charAt(i - 1))) {
                i--;
                digits++;
            }
        }
        return digits;
    }

    /** The whole token is a date, amount, version or similar shape (see the patterns). */
    static boolean isDateAmountOrVersion(String token) {
        return DATE_WITH_YEAR.matcher(token).matches() || SHORT_DATE_OR_AMOUNT.matcher(token).matches();
    }

    /** A candidate containing a dated shape, being a short date or amount, or glued to a clock time. */
    static boolean looksLikeDateAmountOrTime(String text, String raw, int start, int end) {
        if (DATE_WITH_YEAR.matcher(raw).find() || SHORT_DATE_OR_AMOUNT.matcher(raw).matches()) {
            return true;
        }
        // "... 08:00" / "12:30 ..." glued with a colon: a clock time.
        boolean timeAfter = end + 1 < text.length() && text.charAt(end) == ':' && Chars.isDigitAt(text, end + 1);
        boolean timeBefore = start >= 2 && text.charAt(start - 1) == ':' && Chars.isDigitAt(text, start - 2);
        return timeAfter || timeBefore;
    }

    /**
     * Tries the label pattern only from the starts of the few words before {@code start}, not from every char
     * of the window: the pattern is a long alternation, and this runs for every candidate.
     */
    static boolean afterReferenceLabel(String text, int start) {
        int from = Math.max(0, start - LABEL_WINDOW);
        Matcher matcher = null;
        for (int p = start - 1; p >= from; p--) {
            if (Character.isLetter(text.charAt(p)) && (p == 0 || !Character.isLetterOrDigit(text.charAt(p - 1)))) {
                if (matcher == null) {
                    matcher = REFERENCE_LABEL.matcher(text).useTransparentBounds(true);
                }
                if (matcher.region(p, start).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A char that, glued before a digit, makes the digits part of a code: a Latin letter or '#'. */
    static boolean gluedToCode(char before) {
        return before == '#' || isLatinLetter(before);
    }

    /** Same definition as libphonenumber's {@code PhoneNumberMatcher.isLatinLetter}. */
    private static boolean isLatinLetter(char c) {
        if (!Character.isLetter(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
            return false;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return block == Character.UnicodeBlock.BASIC_LATIN
                || block == Character.UnicodeBlock.LATIN_1_SUPPLEMENT
                || block == Character.UnicodeBlock.LATIN_EXTENDED_A
                || block == Character.UnicodeBlock.LATIN_EXTENDED_ADDITIONAL
                || block == Character.UnicodeBlock.LATIN_EXTENDED_B
                || block == Character.UnicodeBlock.COMBINING_DIACRITICAL_MARKS;
    }

    private static boolean isAmountSymbol(char c) {
        return c == '%' || Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    /**
     * {@code Chrome/120.0.6099.109}, {@code build_4155550100}, {@code INV-2023-004417}, {@code 978-1-4028-...}: a
     * '/' or '_' glued to any word, a '-' or '.' glued to a digit or capital (codes). After a lower-case word they
     * are prose: "my cell-628-555-0143", "Tel.628-555-0143".
     */
    private static boolean joinsCode(char joiner, char before) {
        if (joiner == '-' || joiner == '.') {
            return Chars.isDigit(before) || Character.isUpperCase(before);
        }
        return Chars.isWordChar(before);
    }

    private static boolean isCodeJoiner(char c) {
        return c == '-' || c == '.' || c == '/' || c == '_';
    }

    private static boolean isRunSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\u00A0';
    }
}
