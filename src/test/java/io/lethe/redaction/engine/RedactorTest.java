package io.lethe.redaction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final KnownValues VISITOR = KnownValues.of(
            List.of("Anna Li", "anna.li@example.com", "v_8f3a9c2e"), List.of("+1 (415) 555-0100"));
    private final Redactor redactor = new Redactor(RedactionPolicy.defaults());

    @Test
    void replacesEachKindWithThePlaceholder() {
        RedactionResult result = redactor.redact(
                "I'm Anna Li, mail jo@x.io, call (415) 555-0177, from 10.0.0.7 or [2001:db8:7::15]:443", VISITOR);
        assertThat(result.text()).isEqualTo(
                "I'm <redacted>, mail <redacted>, call <redacted>, from <redacted> or [<redacted>]:443");
        assertThat(result.replacements()).isEqualTo(5);
        assertThat(result.changed()).isTrue();
    }

    @Test
    void typedPlaceholdersNameTheKind() {
        Redactor typed = new Redactor(new RedactionPolicy(List.of("US"), true, EnumSet.allOf(PiiType.class)));
        KnownValues visitor = KnownValues.builder().text(PiiType.NAME, "Anna Li").text(PiiType.VISITOR_ID, "v_8f3a9c2e")
                .text(PiiType.EMAIL, "anna.li@example.com").text(PiiType.FORM_VALUE, "Blue Harbour Ltd")
                .phone("+1 (415) 555-0100").build();
        assertThat(typed.redact("Anna Li: jo@x.io, +1 212 555 0147, 10.0.0.7, 4111 1111 1111 1111", visitor).text())
                .isEqualTo("<redacted:name>: <redacted:email>, <redacted:phone>, <redacted:ip>, <redacted:card>");
        assertThat(typed.redact("v_8f3a9c2e of Blue Harbour Ltd, ANNA.LI@example.com, 415 555 0100", visitor).text())
                .isEqualTo("<redacted:id> of <redacted:form>, <redacted:email>, <redacted:phone>");
    }

    @Test
    void everyTypedPlaceholderIsLeftAloneOnTheNextPass() {
        Redactor typed = new Redactor(new RedactionPolicy(List.of("US"), true, EnumSet.allOf(PiiType.class)));
        Redactor plain = new Redactor(new RedactionPolicy(List.of("US"), false, EnumSet.allOf(PiiType.class)));
        KnownValues known = KnownValues.builder().text(PiiType.NAME, "redacted").text(PiiType.FORM_VALUE, "form")
                .text(PiiType.VISITOR_ID, "id").text(PiiType.NAME, "name").build();
        StringBuilder text = new StringBuilder();
        for (PiiType type : PiiType.values()) {
            if (type != PiiType.KNOWN_VALUE) {
                text.append(type.typedPlaceholder()).append(' ');
            }
        }
        String all = text.append(Redactor.PLACEHOLDER).toString();
        assertThat(typed.redact(all, known).changed()).isFalse();
        assertThat(plain.redact(all, known).changed()).isFalse();
        assertThat(all).contains("<redacted:email>", "<redacted:phone>", "<redacted:ip>", "<redacted:card>",
                "<redacted:name>", "<redacted:id>", "<redacted:form>");
        assertThat(Redactor.isPlaceholder("<redacted:form>")).isTrue();
        assertThat(Redactor.isPlaceholder("<redacted>")).isTrue();
        assertThat(Redactor.isPlaceholder("<redacted:form> x")).isFalse();
        assertThat(Redactor.isPlaceholder(null)).isFalse();
    }

    @Test
    void overlappingAndTouchingSpansBecomeOnePlaceholder() {
        // The visitor's e-mail is found by both the e-mail detector and the known values.
        assertThat(redactor.redact("write anna.li@example.com!", VISITOR).text()).isEqualTo("write <redacted>!");
        // Touching: an address glued to another one.
        assertThat(redactor.redact("a@b.com/c@d.com", KnownValues.none()).text()).isEqualTo("<redacted>");
        // Known name overlapping the local part of an address.
        KnownValues name = KnownValues.of(List.of("anna"), List.of());
        assertThat(redactor.detect("anna@x.io", name)).containsExactly(new Span(0, 9, PiiType.EMAIL));
    }

    @Test
    void detectReturnsSortedDisjointSpans() {
        List<Span> spans = redactor.detect("10.0.0.1 Anna Li anna.li@example.com 415-555-0100 x@y.org", VISITOR);
        assertThat(spans).hasSize(5);
        for (int k = 1; k < spans.size(); k++) {
            assertThat(spans.get(k).start()).isGreaterThan(spans.get(k - 1).end());
        }
        assertThat(spans).isUnmodifiable();
    }

    @Test
    void keepsEverythingOutsideSpansByteForByte() {
        String text = "héllo 👋\r\n\tjo@x.io\u00A0—\u200Bcall 415-555-0177 ✓ \uD83D\uDE00 end\n";
        String expected = "héllo 👋\r\n\t<redacted>\u00A0—\u200Bcall <redacted> ✓ \uD83D\uDE00 end\n";
        assertThat(redactor.redact(text, KnownValues.none()).text()).isEqualTo(expected);
    }

    @Test
    void randomTextWithoutPiiIsReturnedAsIs() {
        Random random = new Random(7);
        String alphabet = "abcdefghij KLMNOP.,;:!?()[]-_/'\"\n\t0123456789äöüß漢字🙂@#$%&*+=<>";
        for (int i = 0; i < 2000; i++) {
            String text = random.ints(random.nextInt(200), 0, alphabet.length())
                    .mapToObj(k -> String.valueOf(alphabet.charAt(k)))
                    .reduce("", String::concat);
            RedactionResult result = redactor.redact(text, KnownValues.none());
            List<Span> spans = redactor.detect(text, KnownValues.none());
            // Whatever is found, every char outside the spans is preserved in order.
            StringBuilder kept = new StringBuilder();
            int at = 0;
            for (Span span : spans) {
                kept.append(text, at, span.start()).append(Redactor.PLACEHOLDER);
                at = span.end();
            }
            kept.append(text.substring(at));
            assertThat(result.text()).isEqualTo(kept.toString());
            assertThat(redactor.redact(result.text(), KnownValues.none()).replacements()).as(text).isZero();
        }
    }

    @Test
    void unchangedTextIsTheSameInstance() {
        String text = "nothing to see here";
        RedactionResult result = redactor.redact(text, VISITOR);
        assertThat(result.text()).isSameAs(text);
        assertThat(result.changed()).isFalse();
        assertThat(result.replacements()).isZero();
    }

    @Test
    void isIdempotentForBothPlaceholderStyles() {
        String text = "Anna Li (anna.li@example.com, v_8f3a9c2e) from 192.168.1.20, call 415.555.0100 or jo@x.io";
        for (boolean typed : new boolean[] {false, true}) {
            Redactor r = new Redactor(new RedactionPolicy(List.of("US"), typed, RedactionPolicy.defaults().detectors()));
            RedactionResult once = r.redact(text, VISITOR);
            RedactionResult twice = r.redact(once.text(), VISITOR);
            assertThat(twice.text()).isEqualTo(once.text());
            assertThat(twice.replacements()).isZero();
        }
        // A redactor with the other placeholder style must not touch them either.
        String typedOutput = new Redactor(new RedactionPolicy(List.of("US"), true, RedactionPolicy.defaults().detectors()))
                .redact(text, VISITOR).text();
        assertThat(redactor.redact(typedOutput, VISITOR).changed()).isFalse();
    }

    @Test
    void disabledDetectorsFindNothing() {
        Redactor emailOnly = Redactions.only(PiiType.EMAIL);
        assertThat(emailOnly.redact("Anna Li 10.0.0.1 415-555-0100 jo@x.io", VISITOR).text())
                .isEqualTo("Anna Li 10.0.0.1 415-555-0100 <redacted>");
        Redactor nothing = new Redactor(new RedactionPolicy(List.of("US"), false, EnumSet.noneOf(PiiType.class)));
        assertThat(nothing.redact("jo@x.io", VISITOR).changed()).isFalse();
    }

    @Test
    void isSafeToShareBetweenThreads() {
        List<String> texts = List.of("jo@x.io and 10.0.0.1", "call +1 212 555 0147", "Anna Li was here", "nothing");
        List<String> expected = texts.stream().map(t -> redactor.redact(t, VISITOR).text()).toList();
        IntStream.range(0, 20_000).parallel().forEach(i -> {
            int k = i % texts.size();
            assertThat(redactor.redact(texts.get(k), VISITOR).text()).isEqualTo(expected.get(k));
        });
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> redactor.redact(null, VISITOR)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> redactor.detect("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Redactor(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hostileInputsFinish() {
        int mib = 1 << 20;
        String[] units = {"a@a.a.", "<redacted>", "<redacted:", "\"@", "@", "aaaa", "a.", "(", "))((", "%", "::"};
        for (String unit : units) {
            String text = Redactions.repeat(unit, mib);
            RedactionResult result = redactor.redact(text, VISITOR);
            assertThat(result.changed()).as(unit).isFalse();
        }
        // Placeholders interleaved with PII: clipping must stay linear.
        String unit = "<redacted> a@b.co Anna Li ";
        int count = mib / unit.length();
        assertThat(redactor.redact(unit.repeat(count), VISITOR).replacements()).isEqualTo(2 * count);
    }
}
