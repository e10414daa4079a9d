package io.lethe.redaction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownValuesTest {

    private final Redactor redactor = Redactions.only(PiiType.KNOWN_VALUE);

    private String redact(KnownValues known, String text) {
        return redactor.redact(text, known).text();
    }

    @Test
    void matchesTextValuesCaseInsensitivelyWhereverTheyAppearAsTokens() {
        KnownValues known = KnownValues.of(List.of("Anna Li", "v_8f3a9c2e", "Zoë Ågren"), List.of());
        assertThat(redact(known, "Hi, ANNA LI here; anna li's visitor key: v_8f3a9c2e"))
                .isEqualTo("Hi, <redacted> here; <redacted>'s visitor key: <redacted>");
        assertThat(redact(known, "https://x.com/chat?vid=V_8F3A9C2E&x=1")).isEqualTo("https://x.com/chat?vid=<redacted>&x=1");
        assertThat(redact(known, "ZOË ÅGREN speaking")).isEqualTo("<redacted> speaking");
        assertThat(redact(known, "Anna Lisa and v_8f3a9c2e1")).as("inside longer tokens").isEqualTo("Anna Lisa and v_8f3a9c2e1");
        assertThat(redact(known, "session_v_8f3a9c2e_x")).as("underscore is a separator").isEqualTo("session_<redacted>_x");
    }

    @Test
    void treatsValuesLiterally() {
        KnownValues known = KnownValues.of(List.of("c++ guru", "a.b*c", "(x)"), List.of());
        assertThat(redact(known, "a C++ Guru, a.b*c and (x) but not aXb*c"))
                .isEqualTo("a <redacted>, <redacted> and <redacted> but not aXb*c");
    }

    @Test
    void ignoresValuesShorterThanTwoChars() {
        KnownValues known = KnownValues.of(List.of("A", " b ", "", "Li"), List.of());
        assertThat(redact(known, "A note to Li, a b c")).isEqualTo("A note to <redacted>, a b c");
        assertThat(KnownValues.of(List.of("x", "  "), List.of("12345")).isEmpty()).isTrue();
    }

    @Test
    void overlappingValuesBecomeOnePlaceholder() {
        KnownValues known = KnownValues.of(List.of("Zeynep", "Zeynep Kaya", "Kaya"), List.of());
        assertThat(redact(known, "Zeynep Kaya wrote")).isEqualTo("<redacted> wrote");
    }

    @ParameterizedTest
    @ValueSource(strings = {"415.555.0100", "4155550100", "+14155550100", "+1 415 555 0100", "(415) 555-0100",
        "1-415-555-0100", "555-0100"})
    void matchesAKnownPhoneWhateverItsFormatting(String written) {
        KnownValues known = KnownValues.of(List.of(), List.of("+1 (415) 555-0100"));
        assertThat(redact(known, "call " + written + " today")).isEqualTo("call <redacted> today");
    }

    @Test
    void matchesPhonesAcrossCountryCodeAndTrunkPrefix() {
        KnownValues national = KnownValues.of(List.of(), List.of("020 7946 0321"));
        assertThat(redact(national, "+44 (0)20 7946 0321 / +44 20 7946 0321"))
                .isEqualTo("<redacted> / <redacted>");
        KnownValues international = KnownValues.of(List.of(), List.of("+33 6 12 34 56 78"));
        assertThat(redact(international, "06.12.34.56.78")).isEqualTo("<redacted>");
    }

    @Test
    void doesNotMatchOtherNumbers() {
        KnownValues known = KnownValues.of(List.of(), List.of("+1 (415) 555-0100"));
        assertThat(redact(known, "order 41555501001 and 4155550199")).isEqualTo("order 41555501001 and 4155550199");
        assertThat(KnownValues.of(List.of(), List.of("12345", "1-2-3")).isEmpty()).as("fewer than 6 digits").isTrue();
    }

    @Test
    void neverMatchesInsidePlaceholders() {
        KnownValues known = KnownValues.of(List.of("redacted", "Ted", "acted", "<redacted>", "email"), List.of());
        String text = "<redacted> and <redacted:email> for Ted";
        assertThat(redact(known, text)).isEqualTo("<redacted> and <redacted:email> for <redacted>");
        assertThat(redactor.redact("<redacted> and <redacted:email> for <redacted>", known).replacements()).isZero();
    }

    @Test
    void noneIsEmptyAndFindsNothing() {
        assertThat(KnownValues.none().isEmpty()).isTrue();
        assertThat(KnownValues.of(List.of("Anna"), List.of()).isEmpty()).isFalse();
        assertThat(redact(KnownValues.none(), "Anna")).isEqualTo("Anna");
    }

    @Test
    void skipsNullEntries() {
        KnownValues known = KnownValues.of(java.util.Arrays.asList("Anna", null), java.util.Arrays.asList(null, "4155550100"));
        assertThat(redact(known, "Anna 4155550100")).isEqualTo("<redacted> <redacted>");
    }

    @Test
    void manyValuesStayLinear() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add("name" + i);
        }
        KnownValues known = KnownValues.of(names, List.of());
        String unit = "nam name4999 name12x ";
        int count = (1 << 20) / unit.length();
        assertThat(redactor.redact(unit.repeat(count), known).replacements()).isEqualTo(count);
    }

    @Test
    void eachValueKeepsItsKind() {
        KnownValues known = KnownValues.builder().text(PiiType.NAME, "Anna Li").text(PiiType.VISITOR_ID, "v_8f3a9c2e")
                .text(PiiType.FORM_VALUE, "anna.li@example.com").text(PiiType.EMAIL, "anna.li@example.com")
                .text(PiiType.FORM_VALUE, "Anna Li").text(PiiType.FORM_VALUE, "Harbour Ltd").phone("+44 20 7946 0321")
                .build();
        assertThat(redactor.detect("Anna Li, v_8f3a9c2e, anna.li@example.com, Harbour Ltd, 020 7946 0321", known))
                .extracting(Span::type).containsExactly(PiiType.NAME, PiiType.VISITOR_ID, PiiType.EMAIL,
                        PiiType.FORM_VALUE, PiiType.PHONE);
    }

    @Test
    void valuesOfUnknownKindAreTypedByShape() {
        KnownValues known = KnownValues.of(List.of("jo@x.io", "10.0.0.7", "Blue Harbour"), List.of("4155550100"));
        assertThat(redactor.detect("jo@x.io 10.0.0.7 Blue Harbour 4155550100", known)).extracting(Span::type)
                .containsExactly(PiiType.EMAIL, PiiType.IP_ADDRESS, PiiType.FORM_VALUE, PiiType.PHONE);
        assertThat(redactor.detect("Blue Harbour", known)).noneMatch(span -> span.type() == PiiType.KNOWN_VALUE);
    }

    @Test
    void aKnownValueNeedsItsOwnKind() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KnownValues.builder().text(PiiType.KNOWN_VALUE, "Anna"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
