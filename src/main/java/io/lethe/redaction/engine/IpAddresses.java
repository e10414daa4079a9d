package io.lethe.redaction.engine;

/**
 * Hand-rolled, allocation-free IPv4/IPv6 syntax checks on a char range. Never resolves anything (unlike
 * {@code InetAddress.getByName}, which may hit DNS).
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * Parses a dotted quad starting at {@code from} and returns the index just after it, or -1. Each octet has
     * 1-3 decimal digits and a value of at most 255; leading zeros are tolerated because people do type
     * {@code 010.000.000.001}.
     */
    static int ipv4End(CharSequence text, int from, int limit) {
        int i = from;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= limit || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int value = 0;
            int digits = 0;
            while (i < limit && digits < 4 && Chars.isAsciiDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return -1;
            }
        }
        return i;
    }

    static boolean isIpv4(CharSequence text, int from, int to) {
        return ipv4End(text, from, to) == to;
    }

    /**
     * Whether {@code [from, to)} is exactly one IPv6 address (RFC 4291 text forms: full, {@code ::}-compressed,
     * with a trailing dotted quad). Two further rules keep prose out: the bare unspecified address {@code ::}
     * is rejected, and so is a short all-letter form such as {@code a::b} or {@code dead::beef} (C++/Java
     * scopes, words): an accepted address has a decimal digit or at least three groups.
     */
    static boolean isIpv6(CharSequence text, int from, int to) {
        if (to - from < 3) {
            return false;
        }
        int i = from;
        int groups = 0;
        boolean compressed = false;
        boolean decimalDigit = false;
        if (text.charAt(i) == ':') {
            if (text.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
        }
        while (i < to) {
            int groupStart = i;
            while (i < to && Chars.isHexDigit(text.charAt(i))) {
                decimalDigit |= Chars.isAsciiDigit(text.charAt(i));
                i++;
            }
            if (i < to && text.charAt(i) == '.') {
                // An embedded IPv4 address must be the last part and counts as two groups.
                if (!isIpv4(text, groupStart, to)) {
                    return false;
                }
                groups += 2;
                decimalDigit = true;
                break;
            }
            int length = i - groupStart;
            if (length == 0 || length > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && text.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        boolean groupCountOk = compressed ? groups <= 7 : groups == 8;
        return groupCountOk && groups > 0 && (decimalDigit || groups >= 3);
    }
}
