package io.lethe.redaction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The labelled chat corpus {@code src/test/resources/redaction/labeled-cases.jsonl}. Each line holds {@code id},
 * {@code type} (the PII kind it exercises, or NEGATIVE / MIXED), {@code text} and {@code expected}, the exact
 * redacted output with {@code <redacted>} placeholders; optional {@code region}, {@code knownTexts},
 * {@code knownPhones} and {@code detectors} override the default policy and the (empty) known values.
 */
class LabeledCorpusTest {

    private static final String RESOURCE = "/redaction/labeled-cases.jsonl";
    private static List<LabeledCase> cases;

    record LabeledCase(String id, String type, String text, String expected, RedactionPolicy policy,
                       KnownValues known) {
    }

    @BeforeAll
    static void load() throws IOException {
        cases = loadCases();
    }

    static List<LabeledCase> loadCases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabeledCase> loaded = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(LabeledCorpusTest.class.getResourceAsStream(RESOURCE));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    loaded.add(parse(json.readTree(line)));
                }
            }
        }
        return loaded;
    }

    private static LabeledCase parse(JsonNode row) {
        RedactionPolicy defaults = RedactionPolicy.defaults();
        EnumSet<PiiType> detectors = EnumSet.copyOf(defaults.detectors());
        if (row.has("detectors")) {
            detectors.clear();
            row.get("detectors").forEach(d -> detectors.add(PiiType.valueOf(d.asText())));
        }
        RedactionPolicy policy = new RedactionPolicy(List.of(row.path("region").asText(defaults.defaultRegion())), false,
                detectors);
        KnownValues known = KnownValues.of(strings(row.path("knownTexts")), strings(row.path("knownPhones")));
        return new LabeledCase(row.get("id").asText(), row.get("type").asText(), row.get("text").asText(),
                row.get("expected").asText(), policy, known);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void corpusIsLargeAndCoversEveryType() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        assertThat(cases).extracting(LabeledCase::type).contains("EMAIL", "PHONE", "IP_ADDRESS", "KNOWN_VALUE",
                "PAYMENT_CARD", "NEGATIVE");
        assertThat(cases).extracting(LabeledCase::id).doesNotHaveDuplicates();
    }

    @Test
    void everyCaseRedactsExactlyAsLabelled() {
        EvaluationMetrics metrics = new EvaluationMetrics("labelled corpus " + RESOURCE);
        List<String> mismatches = new ArrayList<>();
        for (LabeledCase c : cases) {
            Redactor redactor = new Redactor(c.policy());
            List<Span> detected = redactor.detect(c.text(), c.known());
            RedactionResult result = redactor.redact(c.text(), c.known());
            score(c, detected, metrics);
            if (!result.text().equals(c.expected())) {
                mismatches.add(String.format("%-8s%n      text:     %s%n      expected: %s%n      actual:   %s",
                        c.id(), c.text(), c.expected(), result.text()));
            }
        }
        System.out.println(metrics.report());
        mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
        assertThat(mismatches).as("cases whose output differs from the label").isEmpty();
        assertThat(metrics.recall(false)).isGreaterThanOrEqualTo(0.98);
        assertThat(metrics.kept(false)).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void redactingTheOutputAgainChangesNothing() {
        for (LabeledCase c : cases) {
            Redactor redactor = new Redactor(c.policy());
            String once = redactor.redact(c.text(), c.known()).text();
            RedactionResult twice = redactor.redact(once, c.known());
            assertThat(twice.replacements()).as(c.id()).isZero();
            assertThat(twice.text()).as(c.id()).isEqualTo(once);
        }
    }

    /**
     * Aligns the label with the text: the literal pieces between placeholders are the must-keep parts, the text
     * they leave in between is the PII. A gap that is itself a placeholder (already-redacted input) is kept text.
     */
    private static void score(LabeledCase c, List<Span> detected, EvaluationMetrics metrics) {
        String[] pieces = c.expected().split(Pattern.quote(Redactor.PLACEHOLDER), -1);
        StringBuilder regex = new StringBuilder("^");
        for (int k = 0; k < pieces.length; k++) {
            regex.append(k > 0 ? "(" + Pattern.quote(Redactor.PLACEHOLDER) + "|.+?)" : "").append(Pattern.quote(pieces[k]));
        }
        Matcher m = Pattern.compile(regex.append('$').toString(), Pattern.DOTALL).matcher(c.text());
        assertThat(m.matches()).as("label of %s does not align with its text", c.id()).isTrue();
        int spans = 0;
        int recalled = 0;
        int keeps = 0;
        int kept = 0;
        int pieceStart = 0;
        for (int k = 0; k < pieces.length; k++) {
            int pieceEnd = k < pieces.length - 1 ? m.start(k + 1) : c.text().length();
            if (pieceEnd > pieceStart) {
                keeps++;
                kept += EvaluationMetrics.untouched(detected, pieceStart, pieceEnd) ? 1 : 0;
            }
            if (k < pieces.length - 1) {
                int start = m.start(k + 1);
                int end = m.end(k + 1);
                if (m.group(k + 1).equals(Redactor.PLACEHOLDER)) {
                    keeps++;
                    kept += EvaluationMetrics.untouched(detected, start, end) ? 1 : 0;
                } else {
                    spans++;
                    recalled += EvaluationMetrics.covered(detected, start, end) ? 1 : 0;
                }
                pieceStart = end;
            }
        }
        metrics.add(c.type(), false, spans, recalled, keeps, kept);
    }
}
