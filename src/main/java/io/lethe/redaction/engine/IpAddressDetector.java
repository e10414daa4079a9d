package io.lethe.redaction.engine;

import java.util.List;

/**
 * Finds IPv4 and IPv6 addresses with a single linear scan over runs of {@code [0-9A-Fa-f:.]}.
 *
 * <p>Each run is trimmed of sentence punctuation and validated as a whole, so a dotted quad inside a longer
 * dotted-number run ({@code 1.2.3.4.5}), octets above 255, times ({@code 12:30:45}), MAC addresses
 * ({@code 00:1A:2B:3C:4D:5E}) and C++ scopes ({@code std::vector}) are rejected. A run glued to a word on
 * either side ({@code v1.2.3.4}, {@code host10.1.2.3name}) is rejected too: such tokens are versions or
 * identifiers far more often than addresses.
 *
 * <p>Span semantics: a {@code %zone} id and a valid {@code /prefix} length belong to the address; a
 * {@code :port} (IPv4) or the brackets and port of {@code [v6]:port} do not, since a port says nothing about
 * the person.
 */
final class IpAddressDetector {

    /** Longer than any valid form: 45 chars of IPv6 with an embedded IPv4, plus a label glued with ':'. */
    private static final int MAX_RUN = 64;
    private static final int MAX_ZONE = 32;
    /** Hex chars of a word glued before the first colon that still read as a label: "src", "v6", "dec". */
    private static final int MAX_GLUED_LABEL_TAIL = 3;

    void detect(String text, List<Span> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isRunChar(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            int colons = 0;
            int dots = 0;
            while (i < n && isRunChar(text.charAt(i))) {
                char c = text.charAt(i);
                if (c == ':') {
                    colons++;
                } else if (c == '.') {
                    dots++;
                }
                i++;
            }
            // Cheap pre-filter: an address has at least two colons or three dots.
            if ((colons >= 2 || dots >= 3) && i - runStart <= MAX_RUN) {
                examine(text, runStart, i, out);
            }
        }
    }

    private static boolean isRunChar(char c) {
        return Chars.isHexDigit(c) || c == ':' || c == '.';
    }

    private void examine(String text, int runStart, int runEnd, List<Span> out) {
        int s = runStart;
        int e = runEnd;
        boolean ipv6Allowed = true;
        // Trailing sentence punctuation: "IP: 10.0.0.1." or "at 10.0.0.1: unreachable" (but keep "fd00::").
        while (e > s && text.charAt(e - 1) == '.') {
            e--;
        }
        if (e - s >= 2 && text.charAt(e - 1) == ':' && text.charAt(e - 2) != ':') {
            e--;
        }
        if (e - s < 3 || Chars.isWordCharAt(text, runEnd)) {
            return;
        }
        if (text.charAt(s) == '.') {
            if (Chars.isWordCharAt(text, s - 1)) {
                return;
            }
            while (s < e && text.charAt(s) == '.') {
                s++;
            }
        } else if (text.charAt(s) == ':' && s + 1 < e && text.charAt(s + 1) != ':') {
            s++; // "IP:10.0.0.1" - the colon is punctuation after a label
        } else if (Chars.isWordCharAt(text, s - 1)) {
            // Glued to a word. A label whose last chars are hex ("src:10.0.0.1", "ipv6:fe80::1") still ends at
            // the first single colon; anything else ("std::vector", "v1.2.3.4") is not an address. A longer hex
            // tail before the colon ("word2001:db8:7::15") is part of a mangled token: only a dotted quad after it
            // is taken.
            int colon = indexOf(text, ':', s, e);
            if (colon < 0 || colon + 1 >= e || text.charAt(colon + 1) == ':') {
                return;
            }
            ipv6Allowed = colon - s <= MAX_GLUED_LABEL_TAIL;
            s = colon + 1;
        }
        if (e - s < 3) {
            return;
        }
        if (ipv6Allowed && IpAddresses.isIpv6(text, s, e)) {
            int end = e;
            if (end < text.length() && text.charAt(end) == '%') {
                end = zoneEnd(text, end);
            }
            end = prefixEnd(text, end, 128);
            out.add(new Span(s, end, PiiType.IP_ADDRESS));
            return;
        }
        int v4End = IpAddresses.ipv4End(text, s, e);
        if (v4End == e) {
            out.add(new Span(s, prefixEnd(text, e, 32), PiiType.IP_ADDRESS));
        } else if (v4End > 0 && isPort(text, v4End, e)) {
            out.add(new Span(s, v4End, PiiType.IP_ADDRESS));
        }
    }

    /** {@code :1-65535} filling exactly {@code [from, to)}. */
    private static boolean isPort(String text, int from, int to) {
        if (text.charAt(from) != ':' || to - from < 2 || to - from > 6) {
            return false;
        }
        int value = 0;
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!Chars.isAsciiDigit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value > 0 && value <= 65535;
    }

    /** Extends over {@code %zone} (RFC 4007 zone id, e.g. {@code %eth0}); returns {@code percent} if absent. */
    private static int zoneEnd(String text, int percent) {
        int i = percent + 1;
        while (i < text.length() && i - percent <= MAX_ZONE && isZoneChar(text.charAt(i))) {
            i++;
        }
        return i - percent > 1 ? i : percent;
    }

    private static boolean isZoneChar(char c) {
        return Chars.isAsciiLetter(c) || Chars.isAsciiDigit(c) || c == '_' || c == '-' || c == '.' || c == '~';
    }

    /** Extends over a CIDR {@code /len} with {@code len <= max}; an invalid length stays outside the span. */
    private static int prefixEnd(String text, int slash, int max) {
        int n = text.length();
        if (slash >= n || text.charAt(slash) != '/') {
            return slash;
        }
        int i = slash + 1;
        int value = 0;
        while (i < n && i - slash <= 3 && Chars.isAsciiDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        boolean gluedToMore = Chars.isWordCharAt(text, i) || (i + 1 < n && text.charAt(i) == '.'
                && Chars.isAsciiDigit(text.charAt(i + 1)));
        if (i == slash + 1 || value > max || gluedToMore) {
            return slash;
        }
        return i;
    }

    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
