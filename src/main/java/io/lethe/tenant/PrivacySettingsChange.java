package io.lethe.tenant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lethe.api.BadUserInputException;
import io.lethe.api.InputRules;
import io.lethe.redaction.engine.RedactionPolicy;

/**
 * A validated {@link PrivacySettingsInput}: null fields stay as they are, lists are trimmed and
 * free of repeats. {@link #of} checks everything before anything is written.
 */
public record PrivacySettingsChange(List<String> phoneRegions, PlaceholderStyle placeholderStyle,
        Boolean detectPaymentCards, Boolean truncateIpAddresses, List<String> eraseOnConsentWithdrawal,
        List<String> processingPurposes) {

    public static final int MAX_REGIONS = 20;
    /** Same bound as a consent purpose in recordConsent: a longer one could never match. */
    public static final int MAX_CONSENT_PURPOSE = 100;
    public static final int MAX_PROCESSING_PURPOSE = 300;
    /** The tenant table's CHECKs allow as many. */
    public static final int MAX_PURPOSES = 50;

    public static PrivacySettingsChange of(PrivacySettingsInput input) {
        if (input == null) {
            throw new BadUserInputException("`input` is required");
        }
        return new PrivacySettingsChange(regions(input.phoneRegions()), input.placeholderStyle(),
                input.detectPaymentCards(), input.truncateIpAddresses(),
                purposes("eraseOnConsentWithdrawal", input.eraseOnConsentWithdrawal(), MAX_CONSENT_PURPOSE),
                purposes("processingPurposes", input.processingPurposes(), MAX_PROCESSING_PURPOSE));
    }

    /** Upper-case ISO codes libphonenumber knows, 1 to 20, no repeats; the order is kept (the first is the default). */
    static List<String> regions(List<String> regions) {
        if (regions == null) {
            return null;
        }
        if (regions.isEmpty() || regions.size() > MAX_REGIONS) {
            throw new BadUserInputException("`phoneRegions` must list 1 to " + MAX_REGIONS + " regions");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            String field = "phoneRegions[" + i + "]";
            InputRules.noNul(field, region);
            if (region == null || !RedactionPolicy.isSupportedRegion(region)) {
                throw new BadUserInputException("`" + field + "` is not a supported region code (upper-case ISO 3166-1"
                        + " alpha-2, e.g. \"DE\")");
            }
            if (!seen.add(region)) {
                throw new BadUserInputException("`" + field + "` repeats " + region);
            }
        }
        return List.copyOf(regions);
    }

    /** Non-blank, trimmed, bounded, no NUL, no repeats; at most {@link #MAX_PURPOSES}. An empty list is allowed. */
    static List<String> purposes(String field, List<String> purposes, int maxLength) {
        if (purposes == null) {
            return null;
        }
        if (purposes.size() > MAX_PURPOSES) {
            throw new BadUserInputException("`" + field + "` lists at most " + MAX_PURPOSES + " purposes");
        }
        List<String> out = new ArrayList<>(purposes.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < purposes.size(); i++) {
            String at = field + "[" + i + "]";
            String purpose = InputRules.requireText(at, purposes.get(i), maxLength).trim();
            if (!seen.add(purpose)) {
                throw new BadUserInputException("`" + at + "` repeats an earlier purpose");
            }
            out.add(purpose);
        }
        return List.copyOf(out);
    }

    /** A list as audit details show it: {@code ["DE","US"]}, quotes and backslashes escaped. */
    static String render(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String value : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }
}
