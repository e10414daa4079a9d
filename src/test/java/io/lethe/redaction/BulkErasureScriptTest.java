package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * scripts/bulk-erasure.sh against the test server: a file, then the same file edited (lines
 * inserted, removed, re-cased, repeated) creates each subject's job once; results come in input
 * order; errors carry the API's message; keys hold neither the address nor the line number.
 */
@QuarkusTest
class BulkErasureScriptTest {
    static final String SECRET = "bulk-test-secret-" + "0123456789abcdef";

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL server;

    @BeforeEach
    void tools() throws InterruptedException {
        boolean present = true;
        for (String tool : List.of("bash", "curl", "jq", "openssl")) {
            present &= available(tool);
        }
        if (!present) {
            System.err.println("*** BulkErasureScriptTest SKIPPED: bash, curl, jq or openssl is missing,"
                    + " so scripts/bulk-erasure.sh was NOT run ***");
        }
        assumeTrue(present, "bash, curl, jq and openssl are needed to run scripts/bulk-erasure.sh");
    }

    @Test
    void reRunningAnEditedFileCreatesNoJobTwice() throws Exception {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        Run first = run(admin, "dsr-2026-11", "ann@example.net", "Bob@Example.net", "carl@example.net");
        assertThat(first.exit()).as(first.output()).isZero();
        Map<String, String> jobs = jobIds(first, 3);
        assertThat(first.lines()).extracting(l -> l.split("\t")[0]).containsExactly("1", "2", "3");
        assertThat(jobs).hasSize(3);
        assertThat(erasureJobs(tenant)).isEqualTo(3);

        List<String> keys = new ArrayList<>();
        for (Row row : pool.preparedQuery("select idempotency_key from redaction_job where tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely()) {
            keys.add(row.getString(0));
        }
        assertThat(keys).hasSize(3).allSatisfy(k -> assertThat(k).matches("dsr-2026-11-[0-9a-f]{64}")
                .doesNotContainIgnoringCase("ann").doesNotContainIgnoringCase("bob").doesNotContain("example"));

        // a line inserted at the top, one removed, one re-cased and padded, one repeated, one invalid
        Run second = run(admin, "dsr-2026-11", "dora@example.net", "  BOB@example.NET ", "", "ANN@EXAMPLE.NET",
                "not-an-email", "dora@example.net");
        assertThat(second.exit()).as("an invalid line fails the run").isEqualTo(1);
        List<String> lines = second.lines();
        assertThat(lines).extracting(l -> l.split("\t")[0]).as("input order, blank line skipped")
                .containsExactly("1", "2", "4", "5", "6");
        assertThat(field(lines.get(1), 1)).as("Bob: the same job").isEqualTo(jobs.get("2"));
        assertThat(field(lines.get(2), 1)).as("Ann: the same job").isEqualTo(jobs.get("1"));
        assertThat(field(lines.get(4), 1)).as("a repeated address reports the same job").isEqualTo(field(lines.get(0), 1));
        assertThat(lines.get(3)).as("the API's code and message")
                .isEqualTo("5\tERROR\tBAD_USER_INPUT\t`email` is not a valid email address");
        assertThat(erasureJobs(tenant)).as("Ann, Bob, Carl, Dora: one job each").isEqualTo(4);
        assertThat(distinctSubjects(tenant)).isEqualTo(4);

        // the whole edited file once more: nothing new
        Run third = run(admin, "dsr-2026-11", "dora@example.net", "  BOB@example.NET ", "", "ANN@EXAMPLE.NET",
                "not-an-email", "dora@example.net");
        assertThat(third.lines()).isEqualTo(lines);
        assertThat(erasureJobs(tenant)).isEqualTo(4);

        // another batch name is another batch
        Run other = run(admin, "dsr-2026-12", "ann@example.net");
        assertThat(field(other.lines().get(0), 1)).isNotEqualTo(jobs.get("1"));
        assertThat(erasureJobs(tenant)).isEqualTo(5);
    }

    @Test
    void refusalsShowTheApiMessage() throws Exception {
        String tenant = Api.newTenant();
        Run run = run(Api.token(tenant, "agent"), "b1", "ann@example.net");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).singleElement().satisfies(l -> {
            assertThat(l).startsWith("1\tERROR\tFORBIDDEN\t");
            assertThat(field(l, 3)).contains("privacy-admin");
        });
        Run unauthenticated = run("not-a-token", "b1", "ann@example.net");
        assertThat(unauthenticated.lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("1\tERROR\tUNAUTHENTICATED\t"));
        assertThat(erasureJobs(tenant)).isZero();
    }

    record Run(int exit, String output) {
        List<String> lines() {
            return output.isEmpty() ? List.of() : List.of(output.split("\n"));
        }
    }

    private Run run(String token, String batch, String... emails) throws Exception {
        Path file = Files.createTempFile("emails", ".txt");
        Path errors = Files.createTempFile("bulk-erasure", ".err");
        try {
            Files.writeString(file, String.join("\n", emails) + "\n", StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder("bash", "scripts/bulk-erasure.sh", file.toString(), batch);
            builder.environment().put("LETHE_URL", server.toString().replaceAll("/$", ""));
            builder.environment().put("LETHE_TOKEN", token);
            builder.environment().put("LETHE_ERASURE_KEY_SECRET", SECRET);
            builder.environment().put("LETHE_PARALLEL", "3");
            builder.redirectError(errors.toFile());
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(Files.readString(errors)).as("stderr").isEmpty();
            return new Run(p.exitValue(), out.strip());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(errors);
        }
    }

    /** Line number -> job id of a run where every line succeeded. */
    private static Map<String, String> jobIds(Run run, int expected) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String line : run.lines()) {
            assertThat(line).matches("\\d+\t[0-9a-f-]{36}\tQUEUED");
            ids.put(field(line, 0), field(line, 1));
        }
        assertThat(ids).hasSize(expected);
        return ids;
    }

    private static String field(String line, int i) {
        return line.split("\t")[i];
    }

    private long erasureJobs(String tenant) {
        return pool.preparedQuery("select count(*) from redaction_job where tenant_id = $1 and kind = 'ERASURE'")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    private long distinctSubjects(String tenant) {
        return pool.preparedQuery("select count(distinct subject_hash) from redaction_job where tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    private static boolean available(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
