package io.lethe.tenant;

import java.util.List;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

/**
 * Omitted (null) fields stay as they are. The lists are nullable with non-null items; SmallRye
 * turns {@code List<@NonNull String>} alone into a required list, hence the explicit {@code @Nullable}.
 */
@Input("PrivacySettingsInput")
public record PrivacySettingsInput(@Nullable List<@NonNull String> phoneRegions, PlaceholderStyle placeholderStyle,
        Boolean detectPaymentCards, Boolean truncateIpAddresses, @Nullable List<@NonNull String> eraseOnConsentWithdrawal,
        @Nullable List<@NonNull String> processingPurposes) {
}
