package io.lethe.transcript;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP minimisation at intake: an IPv4 address keeps its /24 (last octet zeroed), an IPv6 address its
 * /48 (last 80 bits zeroed), an IPv4-mapped IPv6 address is treated as the IPv4 address it maps.
 * Brackets, a port and a zone id are dropped: none of them is needed once the host part is gone.
 * The result is the network address in canonical form ({@code 203.0.113.0}, {@code 2001:db8:1::}).
 */
public final class IpTruncation {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");
    // only these characters can make InetAddress.getByName parse a literal instead of resolving a name
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final int KEPT_IPV6_BYTES = 6;

    private IpTruncation() {
    }

    /** The truncated address; anything that is not an IP address (with optional brackets/port) is an IllegalArgumentException. */
    public static String truncate(String ip) {
        String host = withoutBracketsAndPort(ip.trim());
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        var v4 = IPV4.matcher(host);
        if (v4.matches()) {
            return ipv4Network(octets(v4));
        }
        if (host.indexOf(':') < 0 || !IPV6_LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException("not an IP address");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host); // a literal with ':' is parsed, never resolved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address");
        }
        if (address instanceof Inet4Address mapped) {
            // the JDK turns ::ffff:a.b.c.d into the IPv4 address; keep the mapped form it came in
            return "::ffff:" + ipv4Network(mapped.getAddress());
        }
        byte[] bytes = ((Inet6Address) address).getAddress();
        for (int i = KEPT_IPV6_BYTES; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        return ipv6Text(bytes);
    }

    private static String withoutBracketsAndPort(String ip) {
        if (ip.startsWith("[")) {
            int close = ip.indexOf(']');
            if (close < 0 || !(close == ip.length() - 1 || isPort(ip.substring(close + 1)))) {
                throw new IllegalArgumentException("not an IP address");
            }
            return ip.substring(1, close);
        }
        int colon = ip.indexOf(':');
        if (colon > 0 && colon == ip.lastIndexOf(':') && isPort(ip.substring(colon))) {
            return ip.substring(0, colon); // a.b.c.d:port (one colon: never IPv6)
        }
        return ip;
    }

    /** ":" and a port number 0..65535. */
    private static boolean isPort(String text) {
        return PORT.matcher(text).matches() && Integer.parseInt(text.substring(1)) <= 65_535;
    }

    private static byte[] octets(java.util.regex.Matcher v4) {
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(v4.group(i + 1));
            if (octet > 255) {
                throw new IllegalArgumentException("not an IP address");
            }
            out[i] = (byte) octet;
        }
        return out;
    }

    private static String ipv4Network(byte[] octets) {
        return (octets[0] & 0xff) + "." + (octets[1] & 0xff) + "." + (octets[2] & 0xff) + ".0";
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String ipv6Text(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
