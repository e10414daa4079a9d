package io.lethe.redaction.engine;

import java.util.List;

/**
 * Finds e-mail addresses with a hand-written scanner anchored on each {@code '@'} (no regex, so no backtracking).
 *
 * <p>From each {@code '@'} the local part is read leftwards (RFC 5322 atext and dots, or a quoted string, at most
 * 64 chars) and the domain rightwards (dot-separated labels of letters/digits/hyphens in any script, at most 253
 * chars, ending in a top-level label of two or more letters or an {@code xn--} punycode label, or an address
 * literal {@code [192.0.2.1]} / {@code [IPv6:...]}). Every character is visited a bounded number of times: the
 * local part never reaches back past the previous {@code '@'} or match and is capped at 64 chars, the domain
 * stops at the next {@code '@'} and is capped at 253 chars, so hostile input is linear.
 *
 * <p>Inside a URL ({@code https://x.com/?u=a@b.com}) the local part also stops at URL delimiters, so only the
 * address is replaced and the URL around it survives.
 */
final class EmailDetector {

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_LITERAL = 60;

    void detect(String text, List<Span> out) {
        int at = text.indexOf('@');
        if (at < 0) {
            return;
        }
        UrlTracker url = new UrlTracker(text);
        int floor = 0;
        while (at >= 0) {
            int start = localPartStart(text, at, floor, url.insideUrl(at));
            int end = start < 0 ? -1 : domainEnd(text, at + 1);
            if (end > 0) {
                out.add(new Span(start, end, PiiType.EMAIL));
                floor = end;
                at = text.indexOf('@', end);
            } else {
                at = text.indexOf('@', at + 1);
            }
        }
    }

    /** Start of the local part ending just before {@code at}, or -1 when there is none. */
    private static int localPartStart(String text, int at, int floor, boolean insideUrl) {
        if (at - 1 >= floor && text.charAt(at - 1) == '"') {
            return quotedLocalPartStart(text, at - 1, floor);
        }
        int i = at;
        while (i > floor && isLocalChar(text.charAt(i - 1), insideUrl)) {
            i--;
            if (at - i > MAX_LOCAL) {
                return -1; // not an address; do not redact a fragment of a long token either
            }
        }
        while (i < at && text.charAt(i) == '.') {
            i++; // ".joe@x.com": the leading dot is punctuation
        }
        return i < at ? i : -1;
    }

    /** {@code "joe blow"@example.com}: the opening quote, on the same line, within 64 chars. */
    private static int quotedLocalPartStart(String text, int closingQuote, int floor) {
        for (int i = closingQuote - 1; i >= floor && closingQuote - i <= MAX_LOCAL; i--) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1 < closingQuote ? i : -1;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * RFC 5322 atext plus '.', letters/digits of any script (EAI). Excluded although legal: '{', '}', '|' and
     * '`', which in chat delimit text far more often than they appear in a mailbox name. Inside a URL the
     * query/path delimiters are excluded as well.
     */
    private static boolean isLocalChar(char c, boolean insideUrl) {
        if (c >= 128) {
            return Character.isLetterOrDigit(c);
        }
        if (Chars.isAsciiLetter(c) || Chars.isAsciiDigit(c)) {
            return true;
        }
        switch (c) {
            case '.', '!', '$', '%', '\'', '*', '+', '-', '^', '_', '~':
                return true;
            case '#', '&', '/', '=', '?':
                return !insideUrl;
            default:
                return false;
        }
    }

    /** End of a valid domain starting at {@code from}, or -1. */
    private static int domainEnd(String text, int from) {
        int n = text.length();
        if (from < n && text.charAt(from) == '[') {
            return addressLiteralEnd(text, from);
        }
        int i = from;
        int labels = 0;
        int lastValidEnd = -1;
        while (i < n && i - from < MAX_DOMAIN) {
            int labelStart = i;
            while (i < n && i - from < MAX_DOMAIN && isLabelChar(text.charAt(i))) {
                i++;
            }
            int length = i - labelStart;
            if (i < n && isLabelChar(text.charAt(i))) {
                break; // cut by the length cap: not a real label
            }
            if (length == 0 || length > MAX_LABEL || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                break;
            }
            labels++;
            if (labels >= 2 && isTopLevelLabel(text, labelStart, i)) {
                lastValidEnd = i;
            }
            if (i + 1 < n && text.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        return lastValidEnd;
    }

    private static boolean isLabelChar(char c) {
        if (c < 128) {
            return Chars.isAsciiLetter(c) || Chars.isAsciiDigit(c) || c == '-';
        }
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** Two or more letters (any script: {@code .рф}), or an IDNA punycode label {@code xn--...}. */
    private static boolean isTopLevelLabel(String text, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        if (to - from > 4 && text.regionMatches(true, from, "xn--", 0, 4)) {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [198.51.100.7]} or {@code [IPv6:2001:db8:7::9]} right after the '@'. */
    private static int addressLiteralEnd(String text, int open) {
        int limit = Math.min(text.length(), open + MAX_LITERAL);
        for (int close = open + 1; close < limit; close++) {
            if (text.charAt(close) == ']') {
                int from = open + 1;
                boolean valid = IpAddresses.isIpv4(text, from, close)
                        || (text.regionMatches(true, from, "IPv6:", 0, 5) && IpAddresses.isIpv6(text, from + 5, close));
                return valid ? close + 1 : -1;
            }
        }
        return -1;
    }

    /**
     * Tells whether a position lies in a whitespace-delimited token that is a URL (contains {@code ://} or
     * {@code www.}). Queried with increasing positions, so the whole text is scanned once.
     */
    private static final class UrlTracker {
        private final String text;
        private int scanned;
        private boolean url;

        UrlTracker(String text) {
            this.text = text;
        }

        boolean insideUrl(int position) {
            for (; scanned < position; scanned++) {
                char c = text.charAt(scanned);
                if (Character.isWhitespace(c)) {
                    url = false;
                } else if ((c == ':' && text.startsWith("//", scanned + 1))
                        || ((c == 'w' || c == 'W') && text.regionMatches(true, scanned, "www.", 0, 4))) {
                    url = true;
                }
            }
            return url;
        }
    }
}
