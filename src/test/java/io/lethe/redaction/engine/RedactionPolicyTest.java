package io.lethe.redaction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactionPolicyTest {

    @Test
    void defaultsAreUsUntypedWithoutCards() {
        RedactionPolicy defaults = RedactionPolicy.defaults();
        assertThat(defaults.defaultRegion()).isEqualTo("US");
        assertThat(defaults.typedPlaceholders()).isFalse();
        assertThat(defaults.detectors()).containsExactlyInAnyOrder(PiiType.EMAIL, PiiType.PHONE, PiiType.IP_ADDRESS,
                PiiType.KNOWN_VALUE);
    }

    @Test
    void acceptsOnlySupportedUpperCaseRegions() {
        assertThat(new RedactionPolicy(List.of("DE"), false, Set.of()).defaultRegion()).isEqualTo("DE");
        assertThatThrownBy(() -> new RedactionPolicy(List.of("de"), false, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedactionPolicy(List.of("XX"), false, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedactionPolicy(List.of("ZZ"), false, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedactionPolicy(null, false, Set.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void regionsKeepTheirOrderAndMayNotBeEmptyOrRepeated() {
        assertThat(new RedactionPolicy(List.of("GB", "DE"), false, Set.of()).defaultRegion()).isEqualTo("GB");
        assertThatThrownBy(() -> new RedactionPolicy(List.of(), false, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedactionPolicy(List.of("DE", "DE"), false, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesTheDetectorSet() {
        Set<PiiType> detectors = new HashSet<>(EnumSet.of(PiiType.EMAIL));
        RedactionPolicy policy = new RedactionPolicy(List.of("US"), true, detectors);
        detectors.add(PiiType.PHONE);
        assertThat(policy.detectors()).containsExactly(PiiType.EMAIL);
        assertThatThrownBy(() -> policy.detectors().add(PiiType.PHONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(policy).isEqualTo(new RedactionPolicy(List.of("US"), true, EnumSet.of(PiiType.EMAIL)));
    }

    @Test
    void placeholdersAreStable() {
        assertThat(Redactor.PLACEHOLDER).isEqualTo("<redacted>");
        assertThat(PiiType.EMAIL.typedPlaceholder()).isEqualTo("<redacted:email>");
        assertThat(PiiType.PHONE.typedPlaceholder()).isEqualTo("<redacted:phone>");
        assertThat(PiiType.IP_ADDRESS.typedPlaceholder()).isEqualTo("<redacted:ip>");
        assertThat(PiiType.PAYMENT_CARD.typedPlaceholder()).isEqualTo("<redacted:card>");
        assertThat(PiiType.NAME.typedPlaceholder()).isEqualTo("<redacted:name>");
        assertThat(PiiType.VISITOR_ID.typedPlaceholder()).isEqualTo("<redacted:id>");
        assertThat(PiiType.FORM_VALUE.typedPlaceholder()).isEqualTo("<redacted:form>");
    }
}
