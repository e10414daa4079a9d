package io.lethe.redaction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scores the engine against the peer test vectors (cases collected from Presidio, libphonenumber and Apache
 * commons-validator test suites). The file lives outside the repository, at {@code ../shared/pii-peer-vectors.jsonl}
 * relative to the project directory, or wherever the system property {@code lethe.peerVectors} points; the test
 * is skipped when it is absent. Its contents are never copied into the repository.
 *
 * <p>Many phone vectors come from libphonenumber's own tests, each written for a default region that the vector
 * notes ("Default region NZ", "Region US"); the evaluation uses that region as the tenant's region, US otherwise.
 */
class PeerVectorEvaluationTest {

    private static final Pattern REGION_NOTE = Pattern.compile("(?<!recognised as )\\b[Rr]egion ([A-Z]{2})\\b");
    private static final double THRESHOLD = 0.98;

    private final Map<String, Redactor> redactors = new HashMap<>();

    @Test
    void recallAndKeptOnPeerVectors() throws IOException {
        Path file = peerVectors();
        assumeTrue(Files.isRegularFile(file), "peer vectors not found at " + file.toAbsolutePath());

        EvaluationMetrics metrics = new EvaluationMetrics("peer vectors " + file.getFileName());
        List<String> misses = new ArrayList<>();
        List<String> notIdempotent = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String text = row.get("text").asText();
            boolean debatable = row.path("debatable").asBoolean(false);
            Redactor redactor = redactorFor(row.path("note").asText(""));

            List<Span> detected = redactor.detect(text, KnownValues.none());
            String output = redactor.redact(text, KnownValues.none()).text();
            int spans = 0;
            int recalled = 0;
            for (JsonNode span : row.get("spans")) {
                spans++;
                recalled += EvaluationMetrics.covered(detected, span.get("start").asInt(), span.get("end").asInt())
                        ? 1 : 0;
            }
            int keeps = 0;
            int kept = 0;
            for (JsonNode keep : row.get("must_keep")) {
                keeps++;
                kept += output.contains(keep.asText()) ? 1 : 0;
            }
            metrics.add(row.get("type").asText(), debatable, spans, recalled, keeps, kept);
            if (recalled < spans || kept < keeps) {
                misses.add(String.format("%s%-8s %s%n      text:   %s%n      output: %s",
                        debatable ? "(debatable) " : "", row.get("id").asText(),
                        recalled < spans ? "missed PII" : "over-redacted", text, output));
            }
            if (redactor.redact(output, KnownValues.none()).changed()) {
                notIdempotent.add(row.get("id").asText());
            }
        }
        System.out.println(metrics.report());
        System.out.println("misses (" + misses.size() + "):");
        misses.stream().sorted().forEach(m -> System.out.println("  " + m));

        assertThat(notIdempotent).as("re-redacting the output changes it").isEmpty();
        assertThat(metrics.recall(true)).as("recall excluding debatable").isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(metrics.kept(true)).as("non-PII kept excluding debatable").isGreaterThanOrEqualTo(THRESHOLD);
    }

    private Redactor redactorFor(String note) {
        Matcher m = REGION_NOTE.matcher(note);
        String region = m.find() ? m.group(1) : "US";
        return redactors.computeIfAbsent(region, r -> new Redactor(
                new RedactionPolicy(List.of(r), false, RedactionPolicy.defaults().detectors())));
    }

    private static Path peerVectors() {
        String configured = System.getProperty("lethe.peerVectors");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of("..", "shared", "pii-peer-vectors.jsonl");
    }
}
