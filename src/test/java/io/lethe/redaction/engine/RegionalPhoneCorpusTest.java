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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Phone recall and precision per region on {@code src/test/resources/redaction/phones/regional-phones.jsonl}: chat
 * lines with a GB, DE, FR, NL, ES, IT, PL, SE, US, IN or BR number typed as people type them, next to hard
 * negatives of the same country (dates, times, prices, versions, order and tracking numbers, postcodes, IBANs,
 * IPs, tax and invoice numbers). See {@code GeneratePhoneCorpus.java} beside it for how it was written.
 *
 * <p>A line's phone must be redacted when its region is one of the tenant's regions or when it is written in
 * international form; a national number of another country is not expected (either way is fine). Every negative
 * must survive untouched by a phone span, whatever the tenant's regions; other detectors may take it (an IP is
 * redacted as an IP, not as a phone).
 */
class RegionalPhoneCorpusTest {

    private static final String RESOURCE = "/redaction/phones/regional-phones.jsonl";
    private static final List<String> ALL_REGIONS =
            List.of("US", "GB", "DE", "FR", "NL", "ES", "IT", "PL", "SE", "IN", "BR");
    private static final double THRESHOLD = 0.99;

    record Line(String id, String region, String text, List<String> phones, boolean international, List<String> keep) {
    }

    private static List<Line> lines;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Line> loaded = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(RegionalPhoneCorpusTest.class.getResourceAsStream(RESOURCE));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String row;
            while ((row = reader.readLine()) != null) {
                if (!row.isBlank()) {
                    JsonNode node = json.readTree(row);
                    loaded.add(new Line(node.get("id").asText(), node.get("region").asText(), node.get("text").asText(),
                            strings(node.get("phones")), node.get("international").asBoolean(),
                            strings(node.get("keep"))));
                }
            }
        }
        lines = loaded;
    }

    static Stream<List<String>> tenants() {
        return Stream.of(List.of("DE", "GB", "FR", "US"), ALL_REGIONS,
                List.of("GB", "DE", "FR", "NL", "ES", "IT", "PL", "SE", "US", "IN", "BR"));
    }

    @Test
    void corpusHasAtLeastFortyPositivesAndAsManyNegativesPerRegion() {
        for (String region : ALL_REGIONS) {
            List<Line> ofRegion = lines.stream().filter(l -> l.region().equals(region)).toList();
            long positives = ofRegion.stream().mapToLong(l -> l.phones().size()).sum();
            long negatives = ofRegion.stream().mapToLong(l -> l.keep().size()).sum();
            assertThat(positives).as(region).isGreaterThanOrEqualTo(40);
            assertThat(negatives).as(region).isGreaterThanOrEqualTo(positives);
        }
    }

    @ParameterizedTest(name = "tenant regions {0}")
    @MethodSource("tenants")
    void recallAndKeptPerRegion(List<String> regions) {
        Redactor redactor = new Redactor(new RedactionPolicy(regions, false, RedactionPolicy.defaults().detectors()));
        Map<String, int[]> counts = new LinkedHashMap<>(); // region -> {phones, recalled, keeps, kept}
        ALL_REGIONS.forEach(r -> counts.put(r, new int[4]));
        List<String> failures = new ArrayList<>();
        for (Line line : lines) {
            List<Span> spans = redactor.detect(line.text(), KnownValues.none());
            List<Span> phoneSpans = spans.stream().filter(s -> s.type() == PiiType.PHONE).toList();
            int[] c = counts.get(line.region());
            boolean expected = line.international() || regions.contains(line.region());
            for (String phone : line.phones()) {
                if (!expected) {
                    continue;
                }
                int start = line.text().indexOf(phone);
                c[0]++;
                if (EvaluationMetrics.covered(spans, start, start + phone.length())) {
                    c[1]++;
                } else {
                    failures.add("missed     " + line.id() + ": " + show(line.text(), spans));
                }
            }
            for (String keep : line.keep()) {
                int start = line.text().indexOf(keep);
                c[2]++;
                if (EvaluationMetrics.untouched(phoneSpans, start, start + keep.length())) {
                    c[3]++;
                } else {
                    failures.add("over-redacted " + line.id() + " '" + keep + "': " + show(line.text(), spans));
                }
            }
            assertThat(redactor.redact(redactor.redact(line.text(), KnownValues.none()).text(), KnownValues.none())
                    .changed()).as("idempotent: " + line.id()).isFalse();
        }
        StringBuilder table = new StringBuilder("=== regional phone corpus, tenant regions " + regions + " ===\n")
                .append(String.format(Locale.ROOT, "%-7s %-16s %-16s%n", "region", "recall", "kept"));
        int[] total = new int[4];
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            table.append(String.format(Locale.ROOT, "%-7s %s %s%n", e.getKey(), cell(c[1], c[0]), cell(c[3], c[2])));
            for (int k = 0; k < 4; k++) {
                total[k] += c[k];
            }
        }
        table.append(String.format(Locale.ROOT, "%-7s %s %s%n", "(all)", cell(total[1], total[0]), cell(total[3], total[2])));
        System.out.println(table);
        failures.forEach(f -> System.out.println("  " + f));
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            assertThat(ratio(c[1], c[0])).as("recall " + e.getKey() + " with " + regions).isGreaterThanOrEqualTo(THRESHOLD);
            assertThat(ratio(c[3], c[2])).as("kept " + e.getKey() + " with " + regions).isGreaterThanOrEqualTo(THRESHOLD);
        }
    }

    /** The text with each detected span in brackets. */
    private static String show(String text, List<Span> spans) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Span s : spans) {
            out.append(text, at, s.start()).append('[').append(text, s.start(), s.end()).append(']');
            at = s.end();
        }
        return out.append(text.substring(at)).toString();
    }

    private static double ratio(int hit, int total) {
        return total == 0 ? 1.0 : (double) hit / total;
    }

    private static String cell(int hit, int total) {
        return total == 0 ? String.format(Locale.ROOT, "%-16s", "-")
                : String.format(Locale.ROOT, "%5.3f %-10s", ratio(hit, total), hit + "/" + total);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
