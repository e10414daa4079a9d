package io.lethe.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation shared by the API classes; every failure is a BAD_USER_INPUT naming the field. */
public final class InputRules {
    /** Clock skew tolerated for client-supplied times. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /**
     * Client-supplied times must fall in years 1970 to 9999: the reactive client stores instants outside
     * PostgreSQL's range as +-infinity, which no read, cursor or retention comparison can handle.
     */
    public static final OffsetDateTime EARLIEST_TIME = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    public static final OffsetDateTime LATEST_TIME = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC);
    private static final char NUL = '\u0000';
    private static final int MAX_EMAIL_LENGTH = 254;
    // Labels cannot contain dots, so the repetition is unambiguous and matching stays linear.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private InputRules() {
    }

    public static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new BadUserInputException("`" + field + "` must not be empty");
        }
        if (value.length() > maxLength) {
            throw new BadUserInputException("`" + field + "` is longer than " + maxLength + " characters");
        }
        return noNul(field, value);
    }

    public static String optionalText(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new BadUserInputException("`" + field + "` is longer than " + maxLength + " characters");
        }
        noNul(field, value);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * PostgreSQL text cannot hold U+0000 (it fails the statement with SQL state 22021), so every text
     * argument, filters included, is checked before it reaches a query. Null passes.
     */
    public static String noNul(String field, String value) {
        if (value != null && value.indexOf(NUL) >= 0) {
            throw new BadUserInputException("`" + field + "` must not contain NUL characters (U+0000)");
        }
        return value;
    }

    public static void requireUtf8Size(String field, String value, int maxBytes) {
        noNul(field, value);
        // cheap bound first: a UTF-8 char is at most 3 bytes per UTF-16 unit
        if (value.length() * 3L > maxBytes && value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new BadUserInputException("`" + field + "` is larger than " + maxBytes + " bytes");
        }
    }

    public static boolean isEmail(String value) {
        return value != null && value.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(value).matches();
    }

    /** Trims and lower-cases a valid email; anything else is BAD_USER_INPUT. */
    public static String normalizeEmail(String field, String value) {
        noNul(field, value);
        String trimmed = value == null ? "" : value.trim();
        if (!isEmail(trimmed)) {
            throw new BadUserInputException("`" + field + "` is not a valid email address");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    public static String optionalIp(String field, String value) {
        noNul(field, value);
        if (value == null || value.isBlank()) {
            return null;
        }
        String ip = value.trim();
        if (IPV4.matcher(ip).matches()) {
            return ip;
        }
        if (ip.indexOf(':') >= 0 && IPV6_CHARS.matcher(ip).matches()) {
            try {
                InetAddress.getByName(ip); // a literal with ':' is parsed, never resolved
                return ip;
            } catch (UnknownHostException e) {
                // fall through
            }
        }
        throw new BadUserInputException("`" + field + "` is not an IPv4 or IPv6 address");
    }

    /**
     * The time of something that already happened (a chat start, a message, a consent click, a request
     * received): null means now; past times are fine (imports) down to 1970; times beyond clock skew in
     * the future are rejected.
     */
    public static OffsetDateTime notInFuture(String field, OffsetDateTime value, OffsetDateTime now) {
        if (value == null) {
            return now;
        }
        inRange(field, value);
        if (value.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new BadUserInputException("`" + field + "` is in the future");
        }
        return value;
    }

    /** A bound of a filter: any instant in the supported range, future ones included. Null stays null. */
    public static OffsetDateTime timeBound(String field, OffsetDateTime value) {
        return value == null ? null : inRange(field, value);
    }

    private static OffsetDateTime inRange(String field, OffsetDateTime value) {
        if (value.isBefore(EARLIEST_TIME) || value.isAfter(LATEST_TIME)) {
            throw new BadUserInputException("`" + field + "` must be between 1970-01-01 and 9999-12-31");
        }
        return value;
    }
}
