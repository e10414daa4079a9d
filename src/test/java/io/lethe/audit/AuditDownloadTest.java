package io.lethe.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lethe.db.Sql;
import io.lethe.security.Hashing;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * GET /audit-log: NDJSON, oldest first, read in pages; each line carries prevHash and hash as the
 * chain computes them, so the file verifies offline with scripts/verify-audit-log.sh (and with
 * the rule of docs/audit.md re-implemented here), and a tampered line fails.
 */
@QuarkusTest
class AuditDownloadTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int SEEDED = 2400;

    @Inject
    Pool pool;
    @Inject
    AuditLog audit;
    @Inject
    Sql sql;
    @Inject
    AuditConfig config;

    @Test
    void theWholeLogDownloadsInPagesAndVerifiesOfflineAndATamperedLineFails() throws Exception {
        String tenant = Api.newTenant();
        AuditSeed.seed(pool, tenant, SEEDED, i -> new AuditEntry("seed-" + (i % 4), "seed." + (i % 3), "Thing",
                "id-" + i, i % 2 == 0 ? null : "n=" + i));
        // then through the application's own append path, with text that JSON must escape
        List<String> awkward = List.of("quote \" backslash \\ tab \t", "line\nbreak", "ünïcödé ✓ 🎉", "</script>", "");
        for (int i = 0; i < awkward.size(); i++) {
            AuditEntry e = new AuditEntry("actor \"" + i + "\"", "awkward.text", i % 2 == 0 ? null : "Thing",
                    i % 2 == 0 ? null : "id/" + i, awkward.get(i));
            pool.withTransaction(conn -> audit.append(conn, tenant, e)).await().atMost(Duration.ofMinutes(1));
        }
        int total = SEEDED + awkward.size();
        // another tenant's events are never part of the download
        AuditSeed.seed(pool, Api.newTenant(), 10, i -> new AuditEntry("other", "other.action", null, null, null));

        double before = sql.statementCount();
        Response response = download(Api.token(tenant, "auditor"), Map.of());
        double statements = sql.statementCount() - before;
        response.then().statusCode(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        assertThat(response.header("Content-Disposition")).startsWith("attachment; filename=\"lethe-audit-log-" + tenant)
                .endsWith(".ndjson\"");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        List<String> lines = lines(response);
        assertThat(lines).hasSize(total);
        // the end of the log, then one statement per page of `pageSize` events
        assertThat(statements).as("statements for %s events in pages of %s", total, config.pageSize())
                .isEqualTo(1 + Math.ceil((double) total / config.pageSize()) + (total % config.pageSize() == 0 ? 1 : 0));
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e.get("seq").asLong()).isEqualTo(i + 1);
            assertThat(e.fieldNames()).toIterable().containsExactly("seq", "at", "actor", "action", "targetType",
                    "targetId", "details", "prevHash", "hash");
        }
        assertThat(events.get(total - 2).get("details").asText()).isEqualTo("</script>");
        assertThat(events.get(SEEDED + 1).get("details").asText()).isEqualTo("line\nbreak");
        // the last line's hash is the one the API shows for the newest event
        String newest = Api.ok(Api.token(tenant, "auditor"), "{ auditLog(first: 1) { edges { node { hash } } } }")
                .getString("data.auditLog.edges[0].node.hash");
        assertThat(events.get(total - 1).get("hash").asText()).isEqualTo(newest);

        Path file = write(lines);
        assertThat(verify(file)).as("documented check of the download").contains("complete chain from seq 1 to " + total);

        // a changed value in the middle fails its line
        List<String> tampered = new ArrayList<>(lines);
        ObjectNode changed = (ObjectNode) JSON.readTree(tampered.get(1200));
        changed.put("actor", "someone-else");
        tampered.set(1200, JSON.writeValueAsString(changed));
        assertThat(verifyFails(write(tampered))).contains("seq 1201").contains("hash does not match");
        // recomputing that line's hash (as a forger would) breaks the link to the next line instead
        changed.put("hash", canonicalHash(changed));
        tampered.set(1200, JSON.writeValueAsString(changed));
        assertThat(verifyFails(write(tampered))).contains("seq 1202").contains("prevHash is not the hash of seq 1201");
        // a removed line leaves a gap: the rest still verifies link by link, but not as the whole chain
        List<String> shortened = new ArrayList<>(lines);
        shortened.remove(700);
        assertThat(verify(write(shortened))).contains("not the whole chain");
    }

    @Test
    void aFilteredDownloadHasOnlyItsEventsOldestFirstAndVerifiesLineByLine() throws Exception {
        String tenant = Api.newTenant();
        List<AuditSeed.Event> seeded = AuditSeed.seed(pool, tenant, 300, i -> new AuditEntry(
                i % 2 == 0 ? "alice" : "bob", "action." + (i % 3), "Thing", "id-" + (i % 10), "n=" + i));
        String token = Api.token(tenant, "privacy-admin");
        List<String> lines = lines(download(token, Map.of("action", "action.1", "actor", "bob")).then().statusCode(200)
                .extract().response());
        List<Long> expected = seeded.stream().filter(e -> e.seq() % 3 == 1 && e.seq() % 2 == 1)
                .map(AuditSeed.Event::seq).toList();
        assertThat(lines.stream().map(AuditDownloadTest::seq).toList()).isEqualTo(expected);
        assertThat(verify(write(lines))).contains("not the whole chain from seq 1");

        String from = seeded.get(99).at().toString();
        String to = seeded.get(149).at().toString();
        List<String> range = lines(download(token, Map.of("from", from, "to", to)).then().statusCode(200)
                .extract().response());
        assertThat(range.stream().map(AuditDownloadTest::seq).toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(100, 149).boxed().toList());
        assertThat(verify(write(range))).contains("OK: 50 line(s)");

        assertThat(lines(download(token, Map.of("targetId", "id-3")).then().statusCode(200).extract().response()))
                .hasSize(30);
        assertThat(lines(download(token, Map.of("action", "no.such.action")).then().statusCode(200).extract()
                .response())).isEmpty();
    }

    @Test
    void refusalsHaveACodedJsonBody() {
        String tenant = Api.newTenant();
        given().get("/audit-log").then().statusCode(401).contentType("application/json")
                .body("code", org.hamcrest.Matchers.equalTo("UNAUTHENTICATED"))
                .body("message", org.hamcrest.Matchers.notNullValue());
        download(Api.token(tenant, "agent"), Map.of()).then().statusCode(403).contentType("application/json")
                .body("code", org.hamcrest.Matchers.equalTo("FORBIDDEN"))
                .body("message", org.hamcrest.Matchers.containsString("auditor"));
        String auditor = Api.token(tenant, "auditor");
        for (Map<String, String> bad : List.of(Map.of("from", "yesterday"), Map.of("to", "2026-13-01T00:00:00Z"),
                Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"),
                Map.of("from", "0001-01-01T00:00:00Z"), Map.of("action", "x".repeat(AuditCriteria.MAX_LENGTH + 1)))) {
            download(auditor, bad).then().statusCode(400).contentType("application/json")
                    .body("code", org.hamcrest.Matchers.equalTo("BAD_USER_INPUT"))
                    .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        }
    }

    private static Response download(String token, Map<String, String> params) {
        return given().header("Authorization", "Bearer " + token).queryParams(params).get("/audit-log");
    }

    private static List<String> lines(Response response) {
        String body = response.asString();
        assertThat(body.isEmpty() || body.endsWith("\n")).as("every line ends with a newline").isTrue();
        return body.isEmpty() ? List.of() : List.of(body.split("\n", -1)).subList(0, body.split("\n", -1).length - 1);
    }

    private static long seq(String line) {
        try {
            return JSON.readTree(line).get("seq").asLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path write(List<String> lines) throws IOException {
        Path file = Files.createTempFile("audit", ".ndjson");
        file.toFile().deleteOnExit();
        Files.writeString(file, lines.stream().map(l -> l + "\n").reduce("", String::concat), StandardCharsets.UTF_8);
        return file;
    }

    /** The documented check passes: returns its summary. */
    private static String verify(Path file) throws Exception {
        Check check = check(file);
        assertThat(check.ok()).as("check of %s: %s", file, check.output()).isTrue();
        return check.output();
    }

    private static String verifyFails(Path file) throws Exception {
        Check check = check(file);
        assertThat(check.ok()).as("check of a tampered file: %s", check.output()).isFalse();
        return check.output();
    }

    record Check(boolean ok, String output) {
    }

    /**
     * scripts/verify-audit-log.sh when bash, jq and sha256sum exist; the Java rendering of the same
     * documented rule always runs too, and both must agree.
     */
    private static Check check(Path file) throws Exception {
        Check java = javaCheck(file);
        if (!tools("bash", "jq", "sha256sum")) {
            System.err.println("*** AuditDownloadTest: bash, jq or sha256sum missing: scripts/verify-audit-log.sh"
                    + " was NOT run; only the Java re-implementation of docs/audit.md checked the download ***");
            return java;
        }
        Process p = new ProcessBuilder("bash", "scripts/verify-audit-log.sh", file.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Check script = new Check(p.exitValue() == 0, out);
        assertThat(script.ok()).as("script (%s) and Java check (%s) agree", script.output(), java.output())
                .isEqualTo(java.ok());
        return script;
    }

    static boolean tools(String... names) throws InterruptedException {
        for (String name : names) {
            try {
                Process p = new ProcessBuilder("sh", "-c", "command -v " + name).start();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** docs/audit.md's rule in Java, written from the document, not from AuditChain. */
    private static Check javaCheck(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        long previousSeq = -1;
        String previousHash = null;
        boolean complete = true;
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            JsonNode e = JSON.readTree(line);
            long seq = e.get("seq").asLong();
            if (!canonicalHash(e).equals(e.get("hash").asText())) {
                ok = false;
                out.append("line ").append(n).append(" (seq ").append(seq).append("): hash does not match the content\n");
            }
            if (previousHash != null && seq == previousSeq + 1 && !e.get("prevHash").asText().equals(previousHash)) {
                ok = false;
                out.append("line ").append(n).append(" (seq ").append(seq).append("): prevHash is not the hash of seq ")
                        .append(previousSeq).append('\n');
            }
            complete &= previousHash == null ? seq == 1 && e.get("prevHash").asText().equals("0".repeat(64))
                    : seq == previousSeq + 1;
            previousSeq = seq;
            previousHash = e.get("hash").asText();
        }
        out.append(ok ? "OK: " + n + " line(s), " + (complete && n > 0 ? "complete chain from seq 1 to " + previousSeq
                : "not the whole chain from seq 1") : "FAILED");
        return new Check(ok, out.toString());
    }

    static String canonicalHash(JsonNode e) {
        String canonical = String.join("\u001f", text(e, "prevHash"), text(e, "seq"), text(e, "at"), text(e, "actor"),
                text(e, "action"), text(e, "targetType"), text(e, "targetId"), text(e, "details"));
        return Hashing.sha256Hex(canonical);
    }

    private static String text(JsonNode e, String field) {
        JsonNode value = e.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
