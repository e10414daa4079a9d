package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.lethe.ops.ProdAppResource;
import io.lethe.support.Api;
import io.lethe.support.GraphQLWs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;

/**
 * Two packaged instances on one database: A (started by the test framework) runs the job; B (started
 * here, with its scheduler off, so it runs no jobs, and no periodic re-read within the test) serves
 * the subscription. Every row B streams can only come from A's batch NOTIFYs reaching B's LISTEN
 * connection.
 */
@QuarkusIntegrationTest
@WithTestResource(ProdAppResource.class)
class JobProgressAcrossInstancesIT {
    private static final int TRANSCRIPTS = 450; // three batches of A's 200
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void aSubscriberOnOneInstanceFollowsAJobRunOnAnother() throws Exception {
        String dbPort = System.getenv().getOrDefault("LETHE_EMBEDDED_PG_PORT", "55432");
        String tenant = "it-progress-" + UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        int bPort = JobShutdownIT.freePort();
        Path bLog = Files.createTempFile("lethe-instance-b-progress-", ".log");
        Process b = null;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres",
                "postgres", "postgres")) {
            b = JobShutdownIT.startInstanceB(dbPort, bLog, "-Dquarkus.http.port=" + bPort,
                    "-Dquarkus.scheduler.enabled=false", "-Dlethe.job-progress.refresh=10m");
            awaitReady(bPort, b, bLog);
            // the tenant and its sweep together: A's retention scheduler finds the sweep active and adds none.
            // Not due until the subscription has seen it QUEUED.
            JobShutdownIT.seed(db, tenant, TRANSCRIPTS);
            JobShutdownIT.update(db, "insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at,"
                    + " next_attempt_at) values (?, ?, 'RETENTION', 'QUEUED', 'it', now(), now() + interval '1 day')",
                    jobId, tenant);

            List<JsonObject> rows = new ArrayList<>();
            JsonObject end;
            try (GraphQLWs ws = GraphQLWs.open(URI.create("ws://localhost:" + bPort + "/graphql"), null)) {
                assertThat(ws.init(Api.token(tenant, "auditor")).getString("type")).isEqualTo("connection_ack");
                ws.subscribe("x1", JobProgressSubscriptionTest.PROGRESS, Map.of("id", jobId.toString()));
                rows.add(JobProgressSubscriptionTest.job(ws.next(WAIT)));
                JobShutdownIT.update(db, "update redaction_job set next_attempt_at = now() where id = ?", jobId);
                JsonObject message;
                while ((message = ws.next(WAIT)) != null && "next".equals(message.getString("type"))) {
                    rows.add(JobProgressSubscriptionTest.job(message));
                }
                end = message;
            }
            System.out.printf("%nJOB PROGRESS ACROSS INSTANCES IT: B streamed (status/examined/total) %s%n",
                    rows.stream().map(r -> r.getString("status") + "/" + r.getValue("transcriptsExamined") + "/"
                            + r.getValue("transcriptsTotal")).toList());
            try (var s = db.prepareStatement("select count(*) filter (where redacted_at is not null), count(*)"
                    + " from transcript where tenant_id = ?")) {
                s.setString(1, tenant);
                try (var r = s.executeQuery()) {
                    r.next();
                    System.out.printf("JOB PROGRESS ACROSS INSTANCES IT: %d of %d transcripts redacted%n", r.getInt(1), r.getInt(2));
                }
            }
            assertThat(end).as("B's stream ends").isNotNull();
            assertThat(end.getString("type")).isEqualTo("complete");
            assertThat(rows.get(0).getString("status")).isEqualTo("QUEUED");
            JsonObject last = rows.get(rows.size() - 1);
            assertThat(last.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(last.getInteger("transcriptsTotal")).isEqualTo(TRANSCRIPTS);
            assertThat(last.getInteger("transcriptsExamined")).isEqualTo(TRANSCRIPTS);
            assertThat(rows.stream().filter(r -> "RUNNING".equals(r.getString("status"))).count())
                    .as("rows of the running job reached B").isPositive();
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).getInteger("transcriptsExamined"))
                        .isGreaterThanOrEqualTo(rows.get(i - 1).getInteger("transcriptsExamined"));
            }
            assertThat(Files.readString(bLog, StandardCharsets.UTF_8)).as("B ran no job")
                    .doesNotContain("redaction job " + jobId);
        } finally {
            if (b != null) {
                b.destroy();
                if (!b.waitFor(2, TimeUnit.MINUTES)) {
                    b.destroyForcibly();
                }
            }
        }
    }

    private static void awaitReady(int port, Process b, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            assertThat(b.isAlive()).as("B is running; output:%n%s", Files.readString(log, StandardCharsets.UTF_8)).isTrue();
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("B ready within %s", WAIT).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
