package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.lethe.ops.ProdAppResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * A rolling deploy with a job in flight, on two instances of the packaged application sharing one
 * database: the instance the test framework started (A, poll interval 2 s) and a second one this
 * test starts (B). B claims a long RETENTION sweep (A is held with SIGSTOP so the claim is B's),
 * gets SIGTERM mid-job and must exit cleanly with the job handed back: QUEUED, the claim not
 * counted as an attempt, no lease. A then resumes it at once and finishes with exact counts.
 * A second case freezes B instead (SIGSTOP): A takes the job over once B's lease runs out.
 */
@QuarkusIntegrationTest
@WithTestResource(ProdAppResource.class)
class JobShutdownIT {
    private static final int TRANSCRIPTS = 3000;
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Test
    void sigtermMidJobHandsTheJobBackAndAnotherInstanceFinishesIt() throws Exception {
        ProcessHandle a = instanceA();
        String dbPort = System.getenv().getOrDefault("LETHE_EMBEDDED_PG_PORT", "55432");
        String tenant = "it-shutdown-" + UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        Path bLog = Files.createTempFile("lethe-instance-b-", ".log");
        Process b = null;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres",
                "postgres", "postgres")) {
            seed(db, tenant, TRANSCRIPTS);
            signal(a, "STOP");
            update(db, "insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at)"
                    + " values (?, ?, 'RETENTION', 'QUEUED', 'it', now(), now())", jobId, tenant);

            b = startInstanceB(dbPort, bLog);
            long bPid = b.pid();
            JobRow claimed = await(db, jobId, r -> r.owner != null && r.owner.startsWith(bPid + "@") && r.redacted >= 20,
                    "B claims the job and redacts a few batches");
            assertThat(claimed.attempts).isEqualTo(1);

            b.destroy(); // SIGTERM
            assertThat(b.waitFor(2, TimeUnit.MINUTES)).as("B exits after SIGTERM").isTrue();
            String output = Files.readString(bLog, StandardCharsets.UTF_8);
            assertThat(b.exitValue()).as("exit code; output:%n%s", output).isIn(0, 143);
            assertThat(output).doesNotContain("Pool closed").doesNotContainPattern("\\bERROR\\b")
                    .contains("redaction job " + jobId + " handed back");

            JobRow released = row(db, jobId);
            assertThat(released.status).isEqualTo("QUEUED");
            assertThat(released.attempts).as("the interrupted claim is not counted").isZero();
            assertThat(released.owner).isNull();
            assertThat(released.leaseExpiresAt).isNull();
            assertThat(released.due).isTrue();
            assertThat(released.redacted).isBetween(20, TRANSCRIPTS - 1);
            // counts committed with each batch: exactly what is redacted
            assertThat(count(db, "select count(*) from transcript where tenant_id = ? and redacted_at is not null", tenant))
                    .isEqualTo(released.redacted);

            long resumed = System.nanoTime();
            signal(a, "CONT");
            JobRow takenOver = await(db, jobId, r -> r.owner != null, "A claims the handed-back job");
            Duration pickUp = Duration.ofNanos(System.nanoTime() - resumed);
            System.out.printf("%nJOB SHUTDOWN IT: B handed back job after %d of %d transcripts; A claimed it %d ms after resuming%n",
                    released.redacted, TRANSCRIPTS, pickUp.toMillis());
            assertThat(takenOver.owner).doesNotStartWith(bPid + "@");
            assertThat(pickUp).isLessThan(POLL_INTERVAL.plusSeconds(3));

            JobRow done = await(db, jobId, r -> !"RUNNING".equals(r.status) && !"QUEUED".equals(r.status), "A finishes");
            assertThat(done.status).isEqualTo("SUCCEEDED");
            assertThat(done.attempts).isEqualTo(1);
            assertThat(done.redacted).isEqualTo(TRANSCRIPTS);
            assertThat(done.messages).as("one message with an email per transcript").isEqualTo(TRANSCRIPTS);
            assertThat(count(db, "select count(*) from transcript where tenant_id = ? and redacted_at is not null", tenant))
                    .isEqualTo(TRANSCRIPTS);
            assertThat(count(db, "select count(distinct transcript_id) from redaction_job_transcript where tenant_id = ?"
                    + " and outcome = 'REDACTED'", tenant)).isEqualTo(TRANSCRIPTS);
            assertThat(count(db, "select count(*) from message where tenant_id = ? and body like '%@%'", tenant)).isZero();
        } finally {
            signal(a, "CONT");
            if (b != null && b.isAlive()) {
                b.destroyForcibly();
            }
        }
    }

    /**
     * A frozen instance (SIGSTOP, e.g. a stalled node) cannot hold its job beyond the lease: its
     * batch transaction is ended by PostgreSQL after half the lease, the lease runs out, and the
     * other instance resumes the job and finishes it exactly; the frozen one, thawed, changes nothing.
     */
    @Test
    void aFrozenInstancesJobIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        ProcessHandle a = instanceA();
        String dbPort = System.getenv().getOrDefault("LETHE_EMBEDDED_PG_PORT", "55432");
        int transcripts = 1000;
        Duration lease = Duration.ofSeconds(6);
        String tenant = "it-frozen-" + UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        Path bLog = Files.createTempFile("lethe-instance-b-frozen-", ".log");
        Process b = null;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres",
                "postgres", "postgres")) {
            seed(db, tenant, transcripts);
            signal(a, "STOP");
            update(db, "insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at)"
                    + " values (?, ?, 'RETENTION', 'QUEUED', 'it', now(), now())", jobId, tenant);
            b = startInstanceB(dbPort, bLog, "-Dlethe.jobs.lease=" + lease.toSeconds() + "s");
            ProcessHandle bHandle = b.toHandle();
            long bPid = b.pid();
            await(db, jobId, r -> r.owner != null && r.owner.startsWith(bPid + "@") && r.redacted >= 10,
                    "B claims the job and redacts a few batches");

            signal(bHandle, "STOP");
            long frozen = System.nanoTime();
            signal(a, "CONT");
            JobRow takenOver = await(db, jobId, r -> r.owner != null && !r.owner.startsWith(bPid + "@"),
                    "A takes the frozen instance's job over");
            Duration takeOver = Duration.ofNanos(System.nanoTime() - frozen);
            System.out.printf("%nJOB FROZEN-WORKER IT: lease %d s; A took the job over %d ms after B froze%n",
                    lease.toSeconds(), takeOver.toMillis());
            assertThat(takenOver.attempts).isEqualTo(2);
            assertThat(takeOver).isLessThan(lease.plus(POLL_INTERVAL).plusSeconds(5));

            JobRow done = await(db, jobId, r -> "SUCCEEDED".equals(r.status) || "FAILED".equals(r.status), "A finishes");
            assertThat(done.status).isEqualTo("SUCCEEDED");
            signal(bHandle, "CONT");
            Thread.sleep(3000); // B wakes up: it no longer owns the job
            JobRow after = row(db, jobId);
            assertThat(after.status).isEqualTo("SUCCEEDED");
            assertThat(after.redacted).isEqualTo(transcripts);
            assertThat(after.messages).isEqualTo(transcripts);
            assertThat(count(db, "select count(*) from redaction_job_transcript where tenant_id = ? and outcome = 'REDACTED'",
                    tenant)).isEqualTo(transcripts);
            assertThat(count(db, "select count(*) from message where tenant_id = ? and body like '%@%'", tenant)).isZero();
            b.destroy();
            assertThat(b.waitFor(2, TimeUnit.MINUTES)).as("B exits after SIGTERM").isTrue();
        } finally {
            signal(a, "CONT");
            if (b != null && b.isAlive()) {
                signal(b.toHandle(), "CONT");
                b.destroyForcibly();
            }
        }
    }

    private static ProcessHandle instanceA() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("quarkus-run.jar")
                        && !p.info().commandLine().orElse("").contains("-Dlethe.jobs.batch-size=2"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the packaged application started by the test is not a child process"));
    }

    /** A tenant with a 30-day window and old transcripts, each with one message naming an email and one without. */
    static void seed(Connection db, String tenant, int transcripts) throws SQLException {
        update(db, "insert into tenant (tenant_id, redact_after_days) values (?, 30)", tenant);
        update(db, """
                insert into visitor (id, tenant_id, visitor_key, email, first_seen_at, last_seen_at)
                select gen_random_uuid(), ?, 'it-vk-' || i, 'it-visitor' || i || '@example.com',
                       now() - interval '100 days', now() - interval '100 days'
                from generate_series(1, ?) i
                """, tenant, transcripts);
        update(db, """
                insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, next_seq)
                select gen_random_uuid(), v.tenant_id, v.id, now() - interval '100 days', now() - interval '99 days', 3
                from visitor v where v.tenant_id = ?
                """, tenant);
        update(db, """
                insert into message (id, tenant_id, transcript_id, seq, sender, body, sent_at)
                select gen_random_uuid(), t.tenant_id, t.id, s, 'VISITOR',
                       case when s = 1 then 'please write to ' || v.email else 'my order arrived, thanks' end,
                       now() - interval '99 days'
                from transcript t join visitor v on v.id = t.visitor_id, generate_series(1, 2) s
                where t.tenant_id = ?
                """, tenant);
    }

    static Process startInstanceB(String dbPort, Path log, String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String db = "127.0.0.1:" + dbPort + "/postgres";
        List<String> command = new ArrayList<>(List.of(java,
                "-Dquarkus.http.port=" + freePort(),
                // the jar's own embedded PostgreSQL (port fixed at build time) cannot start beside A's
                // and is not used: B works on A's database. Its complaints are no concern of this test.
                "-Dquarkus.log.category.\"io.zonky\".level=OFF",
                "-Dquarkus.datasource.reactive.url=postgresql://" + db,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + db,
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Dmp.jwt.verify.publickey=" + ProdAppResource.publicKey(),
                "-Dlethe.security.hmac-secret=" + ProdAppResource.HMAC_SECRET,
                "-Dlethe.receipt.signing-key=" + ProdAppResource.RECEIPT_SIGNING_KEY,
                "-Dquarkus.shutdown.delay=0s",
                "-Dlethe.jobs.batch-size=2",
                "-Dlethe.jobs.poll-interval=1s",
                "-Dlethe.retention.schedule-enabled=false"));
        command.addAll(List.of(extra));
        command.addAll(List.of("-jar", new File("target/quarkus-app/quarkus-run.jar").getAbsolutePath()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    private record JobRow(String status, int attempts, String owner, Object leaseExpiresAt, boolean due, int redacted,
            int messages) {
    }

    private static JobRow row(Connection db, UUID jobId) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("select status, attempts, lease_owner, lease_expires_at,"
                + " next_attempt_at <= now() as due, transcripts_redacted, messages_redacted from redaction_job where id = ?")) {
            s.setObject(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new JobRow(r.getString(1), r.getInt(2), r.getString(3), r.getObject(4), r.getBoolean(5),
                        r.getInt(6), r.getInt(7));
            }
        }
    }

    private static JobRow await(Connection db, UUID jobId, Predicate<JobRow> condition, String what)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JobRow last = row(db, jobId);
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; job is " + last);
            }
            Thread.sleep(50);
            last = row(db, jobId);
        }
        return last;
    }

    private static int count(Connection db, String sql, String tenant) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, tenant);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    static void update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
