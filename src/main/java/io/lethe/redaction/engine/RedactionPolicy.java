package io.lethe.redaction.engine;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What to detect and how to render it; one per tenant.
 *
 * @param defaultRegion     ISO 3166 region (upper case, supported by libphonenumber) used to read phone numbers
 *                          written without a country code
 * @param typedPlaceholders {@code true} renders {@code <redacted:email>} etc. instead of {@code <redacted>}
 * @param detectors         enabled detectors (copied; unmodifiable)
 */
public record RedactionPolicy(String defaultRegion, boolean typedPlaceholders, Set<PiiType> detectors) {

    public RedactionPolicy {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(detectors, "detectors");
        if (!defaultRegion.equals(defaultRegion.toUpperCase(Locale.ROOT))
                || !PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unsupported phone region: " + defaultRegion);
        }
        EnumSet<PiiType> copy = EnumSet.noneOf(PiiType.class);
        for (PiiType type : detectors) {
            copy.add(Objects.requireNonNull(type, "detector"));
        }
        detectors = Collections.unmodifiableSet(copy);
    }

    /** US region, untyped placeholders, every detector except {@link PiiType#PAYMENT_CARD}. */
    public static RedactionPolicy defaults() {
        return new RedactionPolicy("US", false,
                EnumSet.of(PiiType.EMAIL, PiiType.PHONE, PiiType.IP_ADDRESS, PiiType.KNOWN_VALUE));
    }

    public boolean enabled(PiiType type) {
        return detectors.contains(type);
    }
}
