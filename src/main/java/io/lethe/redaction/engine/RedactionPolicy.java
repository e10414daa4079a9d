package io.lethe.redaction.engine;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What to detect and how to render it; one per tenant.
 *
 * @param phoneRegions      ISO 3166 regions (upper case, supported by libphonenumber; at least one, no repeats): a
 *                          number written without a country code is a phone number when it is one in any of them;
 *                          the first is the default (copied; unmodifiable)
 * @param typedPlaceholders {@code true} renders {@code <redacted:email>} etc. instead of {@code <redacted>}
 * @param detectors         enabled detectors (copied; unmodifiable)
 */
public record RedactionPolicy(List<String> phoneRegions, boolean typedPlaceholders, Set<PiiType> detectors) {

    public RedactionPolicy {
        Objects.requireNonNull(phoneRegions, "phoneRegions");
        Objects.requireNonNull(detectors, "detectors");
        if (phoneRegions.isEmpty()) {
            throw new IllegalArgumentException("at least one phone region is needed");
        }
        Set<String> regions = new LinkedHashSet<>();
        for (String region : phoneRegions) {
            Objects.requireNonNull(region, "phone region");
            if (!isSupportedRegion(region) || !regions.add(region)) {
                throw new IllegalArgumentException("unsupported or repeated phone region: " + region);
            }
        }
        phoneRegions = List.copyOf(regions);
        EnumSet<PiiType> copy = EnumSet.noneOf(PiiType.class);
        for (PiiType type : detectors) {
            copy.add(Objects.requireNonNull(type, "detector"));
        }
        detectors = Collections.unmodifiableSet(copy);
    }

    /** US region, untyped placeholders, every detector except {@link PiiType#PAYMENT_CARD}. */
    public static RedactionPolicy defaults() {
        return new RedactionPolicy(List.of("US"), false,
                EnumSet.of(PiiType.EMAIL, PiiType.PHONE, PiiType.IP_ADDRESS, PiiType.KNOWN_VALUE));
    }

    /** An upper-case ISO 3166 code libphonenumber has metadata for. */
    public static boolean isSupportedRegion(String region) {
        return region.equals(region.toUpperCase(Locale.ROOT))
                && PhoneNumberUtil.getInstance().getSupportedRegions().contains(region);
    }

    /** The region a number without country code is read in first. */
    public String defaultRegion() {
        return phoneRegions.get(0);
    }

    public boolean enabled(PiiType type) {
        return detectors.contains(type);
    }
}
