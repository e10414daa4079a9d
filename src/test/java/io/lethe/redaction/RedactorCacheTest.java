package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.lethe.redaction.engine.PiiType;
import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.tenant.PlaceholderStyle;
import io.lethe.tenant.PrivacySettings;

class RedactorCacheTest {

    @Test
    void settingsBecomeThePolicyRegionsInOrderStylePlaceholdersAndCards() {
        RedactionPolicy policy = RedactorCache.policy(new PrivacySettings(List.of("DE", "GB"), PlaceholderStyle.TYPED, true,
                false, List.of(), List.of()));
        assertThat(policy.phoneRegions()).containsExactly("DE", "GB");
        assertThat(policy.defaultRegion()).isEqualTo("DE");
        assertThat(policy.typedPlaceholders()).isTrue();
        assertThat(policy.detectors()).contains(PiiType.PAYMENT_CARD, PiiType.EMAIL, PiiType.PHONE, PiiType.IP_ADDRESS,
                PiiType.KNOWN_VALUE);
        assertThat(RedactorCache.policy(PrivacySettings.defaults())).isEqualTo(RedactionPolicy.defaults());
    }

    @Test
    void aStoredRegionThePhoneLibraryNoLongerKnowsIsLeftOutInsteadOfFailingEveryJob() {
        assertThat(RedactorCache.policy(new PrivacySettings(List.of("ZZ", "FR"), PlaceholderStyle.PLAIN, false, false,
                List.of(), List.of())).phoneRegions()).containsExactly("FR");
        assertThat(RedactorCache.policy(new PrivacySettings(List.of("ZZ"), PlaceholderStyle.PLAIN, false, false,
                List.of(), List.of())).phoneRegions()).containsExactly("US");
    }

    @Test
    void theCacheIsBoundedWhateverPoliciesTenantsChooseAndReusesARecentOne() {
        RedactorCache cache = new RedactorCache();
        List<String> regions = new ArrayList<>(PhoneNumberUtil.getInstance().getSupportedRegions());
        RedactionPolicy first = policy(regions.get(0));
        var redactor = cache.get(first);
        assertThat(cache.get(first)).isSameAs(redactor);
        for (int i = 1; i < RedactorCache.MAX_REDACTORS * 3; i++) {
            cache.get(policy(regions.get(i)));
        }
        assertThat(cache.size()).isEqualTo(RedactorCache.MAX_REDACTORS);
        assertThat(cache.get(first)).as("evicted long ago: built again").isNotSameAs(redactor);
    }

    private static RedactionPolicy policy(String region) {
        return new RedactionPolicy(List.of(region), false, RedactionPolicy.defaults().detectors());
    }
}
