package io.lethe.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation shared by the API classes; every failure is a BAD_USER_INPUT naming the field. */
public final class InputRules {
    /** Clock skew tolerated for client-supplied times. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
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
        return value;
    }

    public static String optionalText(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new BadUserInputException("`" + field + "` is longer than " + maxLength + " characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    public static void requireUtf8Size(String field, String value, int maxBytes) {
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
        String trimmed = value == null ? "" : value.trim();
        if (!isEmail(trimmed)) {
            throw new BadUserInputException("`" + field + "` is not a valid email address");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    public static String optionalIp(String field, String value) {
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

    /** Past times are fine (imports); times beyond clock skew in the future are rejected. */
    public static OffsetDateTime notInFuture(String field, OffsetDateTime value, OffsetDateTime now) {
        if (value == null) {
            return now;
        }
        if (value.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new BadUserInputException("`" + field + "` is in the future");
        }
        return value;
    }
}
