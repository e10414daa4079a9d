package io.lethe.redaction.engine;

import static io.lethe.redaction.engine.Redactions.redact;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentCardDetectorTest {

    private final Redactor redactor = Redactions.only(PiiType.PAYMENT_CARD);

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004",
        "378282246310005", "6011111111111117", "4222222222222"})
    void redactsLuhnValidCardNumbers(String card) {
        assertThat(redact(redactor, "card " + card + " exp 12/26")).isEqualTo("card <redacted> exp 12/26");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "411111111111", "41111111111111111111", "x4111111111111111",
        "4111111111111111x", "4111  1111 1111 1111"})
    void leavesOtherDigitRunsAlone(String text) {
        assertThat(redact(redactor, text)).isEqualTo(text);
    }

    @Test
    void isOffByDefault() {
        Redactor defaults = new Redactor(RedactionPolicy.defaults());
        assertThat(defaults.redact("card 4111 1111 1111 1111", KnownValues.none()).text())
                .isEqualTo("card 4111 1111 1111 1111");
    }
}
