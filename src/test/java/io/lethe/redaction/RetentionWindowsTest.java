package io.lethe.redaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The three retention windows of one sweep: whole transcripts, files only, IP addresses only. */
@QuarkusTest
class RetentionWindowsTest {
    static final Duration WAIT = Duration.ofMinutes(1);
    static final String JOB_FIELDS = "id kind status transcriptsRedacted transcriptsSkipped messagesRedacted"
            + " valuesRedacted filesDestroyed ipsForgotten visitorIpsForgotten";
    static final String POLICY = "mutation($r: Int, $f: Int, $i: Int) { setRetentionPolicy(input: "
            + "{redactAfterDays: $r, destroyFilesAfterDays: $f, forgetIpAfterDays: $i}) "
            + "{ redactAfterDays destroyFilesAfterDays forgetIpAfterDays } }";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void oneSweepAppliesEachWindowByLastActivityAndLegalHoldExemptsFromAll() {
        Sandbox t = new Sandbox();
        Band old = t.chat("old", 100, "198.51.100.1", "mail old@example.com, I am on 198.51.100.1");
        Band files = t.chat("files", 40, "198.51.100.2", "mail files@example.com from 198.51.100.2:8080");
        Band ip = t.chat("ip", 15, "2001:db8::15", "mail ip@example.com, my box is 2001:db8::15 (v6)");
        Band young = t.chat("young", 2, "198.51.100.4", "mail young@example.com from 198.51.100.4");
        Band held = t.chat("held", 100, "198.51.100.5", "mail held@example.com from 198.51.100.5");
        Api.ok(t.admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true, reason: \"case 7\") { id } }",
                Map.of("id", held.transcript));
        // a visitor with an IP-expired transcript and a recent one keeps the stored IP: last seen 2 days ago
        String twoKey = "two-" + UUID.randomUUID();
        String twoOld = Chat.start(t.ingest, twoKey, daysAgo(40), "198.51.100.6");
        Chat.say(t.ingest, twoOld, daysAgo(40), "earlier chat from 198.51.100.6");
        String twoNew = Chat.start(t.ingest, twoKey, daysAgo(2), null);

        JsonPath policy = Api.ok(t.admin, POLICY, args(90, 30, 10)).setRootPath("data.setRetentionPolicy");
        assertThat(List.of(policy.getInt("redactAfterDays"), policy.getInt("destroyFilesAfterDays"),
                policy.getInt("forgetIpAfterDays"))).containsExactly(90, 30, 10);
        JsonPath job = t.sweep();

        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("transcriptsRedacted")).isEqualTo(1);
        assertThat(job.getInt("transcriptsSkipped")).isEqualTo(1);
        assertThat(job.getInt("filesDestroyed")).isEqualTo(2);
        // files, ip and the first chat of the two-transcript visitor
        assertThat(job.getInt("ipsForgotten")).isEqualTo(3);
        // old (with the profile), files and ip; not young, held or the two-transcript visitor
        assertThat(job.getInt("visitorIpsForgotten")).isEqualTo(3);

        // whole transcript
        assertThat(t.body(old)).isEqualTo("mail <redacted>, I am on <redacted>");
        assertThat(t.redactedAt(old)).isNotNull();
        assertThat(t.file(old)).isEqualTo(410);
        // files only: the file goes, the IP window (older than 10 days) applies too, the rest of the text stays
        assertThat(t.body(files)).isEqualTo("mail files@example.com from <redacted>:8080");
        assertThat(t.redactedAt(files)).isNull();
        assertThat(t.file(files)).isEqualTo(410);
        assertThat(t.attachmentDestroyed(files)).isTrue();
        // IP only: the file stays
        assertThat(t.body(ip)).isEqualTo("mail ip@example.com, my box is <redacted> (v6)");
        assertThat(t.redactedAt(ip)).isNull();
        assertThat(t.file(ip)).isEqualTo(200);
        // within every window, and on hold: untouched
        assertThat(t.body(young)).isEqualTo("mail young@example.com from 198.51.100.4");
        assertThat(t.file(young)).isEqualTo(200);
        assertThat(t.body(held)).isEqualTo("mail held@example.com from 198.51.100.5");
        assertThat(t.file(held)).isEqualTo(200);
        assertThat(t.redactedAt(held)).isNull();

        assertThat(t.transcriptIp(files)).isNull();
        assertThat(t.transcriptIp(ip)).isNull();
        assertThat(t.transcriptIp(young)).isEqualTo("198.51.100.4");
        assertThat(t.transcriptIp(held)).isEqualTo("198.51.100.5");
        assertThat(t.transcriptIp(twoOld)).isNull();
        assertThat(t.visitorIp(old)).isNull();
        assertThat(t.visitorIp(files)).isNull();
        assertThat(t.visitorIp(ip)).isNull();
        assertThat(t.visitorIp(young)).isEqualTo("198.51.100.4");
        assertThat(t.visitorIp(held)).isEqualTo("198.51.100.5");
        assertThat(t.visitorIp(twoNew)).isEqualTo("198.51.100.6");
        // the files and IP passes leave the visitor's profile alone
        assertThat(Api.ok(t.admin, "query($id: ID!) { transcript(id: $id) { visitor { email visitorKey } } }",
                Map.of("id", files.transcript)).getString("data.transcript.visitor.visitorKey")).startsWith("files-");

        // the next sweep finds nothing left to do: each pass's rows left its index
        JsonPath second = t.sweep();
        assertThat(List.of(second.getInt("transcriptsRedacted"), second.getInt("messagesRedacted"),
                second.getInt("filesDestroyed"), second.getInt("ipsForgotten"), second.getInt("visitorIpsForgotten")))
                .containsOnly(0);
        assertThat(second.getInt("transcriptsSkipped")).isEqualTo(1);

        // a message imported later (past time, so the last activity stays old) is seen by the next sweep
        Chat.say(t.ingest, ip.transcript, daysAgo(20), "forgot: also 203.0.113.9");
        JsonPath third = t.sweep();
        assertThat(third.getInt("ipsForgotten")).isEqualTo(1);
        assertThat(third.getInt("messagesRedacted")).isEqualTo(1);
        assertThat(t.bodies(ip)).containsExactly("mail ip@example.com, my box is <redacted> (v6)", "forgot: also <redacted>");
    }

    @Test
    void aWindowTurnedOffIsNotApplied() {
        Sandbox t = new Sandbox();
        Band files = t.chat("files", 40, "198.51.100.2", "from 198.51.100.2");
        Api.ok(t.admin, POLICY, args(null, 30, null));
        JsonPath job = t.sweep();
        assertThat(job.getInt("filesDestroyed")).isEqualTo(1);
        assertThat(job.getInt("ipsForgotten")).isZero();
        assertThat(t.body(files)).isEqualTo("from 198.51.100.2");
        assertThat(t.transcriptIp(files)).isEqualTo("198.51.100.2");
        assertThat(t.visitorIp(files)).isEqualTo("198.51.100.2");

        // only the IP window now: the scheduler enqueues for any window, and the sweep forgets IPs only
        Api.ok(t.admin, POLICY, args(null, null, 30));
        JsonPath ipOnly = t.sweep();
        assertThat(ipOnly.getInt("ipsForgotten")).isEqualTo(1);
        assertThat(ipOnly.getInt("visitorIpsForgotten")).isEqualTo(1);
        assertThat(t.body(files)).isEqualTo("from <redacted>");
        assertThat(t.redactedAt(files)).isNull();
    }

    @Test
    void setRetentionPolicyValidatesEveryWindowAndWritesNothingOnBadInput() {
        Sandbox t = new Sandbox();
        Api.ok(t.admin, POLICY, args(90, 30, 10));
        for (Map<String, Object> bad : List.of(args(0, 30, 10), args(90, 3651, 10), args(90, 30, -1), args(90, 30, 0))) {
            assertThat(Api.errorCode(t.admin, POLICY, bad)).isEqualTo("BAD_USER_INPUT");
        }
        JsonPath read = Api.ok(t.admin, "{ retentionPolicy { redactAfterDays destroyFilesAfterDays forgetIpAfterDays } }")
                .setRootPath("data.retentionPolicy");
        assertThat(List.of(read.getInt("redactAfterDays"), read.getInt("destroyFilesAfterDays"),
                read.getInt("forgetIpAfterDays"))).containsExactly(90, 30, 10);
        // null turns a window off; every change is audited with the new values (no personal data in them)
        Api.ok(t.admin, POLICY, args(90, null, 10));
        List<Row> audit = rows("select details from audit_event where tenant_id = $1 and action = 'retention.changed'"
                + " order by seq", Tuple.of(t.tenant));
        assertThat(audit).extracting(r -> r.getString("details")).containsExactly(
                "redactAfterDays=90 destroyFilesAfterDays=30 forgetIpAfterDays=10",
                "redactAfterDays=90 destroyFilesAfterDays=null forgetIpAfterDays=10");
        assertThat(Api.ok(t.admin, "{ retentionPolicy { destroyFilesAfterDays } }")
                .getString("data.retentionPolicy.destroyFilesAfterDays")).isNull();
    }

    @Test
    void aSweepResumedAfterACrashInAnyPhaseEndsWithTheSameCounts() {
        // the same data, crashed after 1, 3, 5 and 7 batches of two: every phase is interrupted once
        List<List<Integer>> results = new ArrayList<>();
        for (int crashAfter : new int[] { 0, 1, 3, 5, 7 }) {
            jobs.drain();
            Sandbox t = new Sandbox();
            for (int i = 0; i < 3; i++) {
                t.chat("old" + i, 100, "198.51.100." + (10 + i), "old " + i + " at 198.51.100." + (10 + i));
                t.chat("files" + i, 40, "198.51.100." + (20 + i), "files " + i + " at 198.51.100." + (20 + i));
                t.chat("ip" + i, 15, "198.51.100." + (30 + i), "ip " + i + " at 198.51.100." + (30 + i));
            }
            Api.ok(t.admin, POLICY, args(90, 30, 10));
            String jobId = Api.ok(t.admin, "mutation { applyRetentionPolicy { id } }").getString("data.applyRetentionPolicy.id");
            if (crashAfter > 0) {
                JobRunner crashing = jobs.runner("crashing-" + crashAfter, 2);
                LeasedJob claimed = crashing.claim().await().atMost(WAIT);
                assertThat(claimed.id().toString()).isEqualTo(jobId);
                for (int b = 0; b < crashAfter; b++) {
                    assertThat(crashing.runBatch(claimed).await().atMost(WAIT)).isEqualTo(JobRunner.Step.CONTINUE);
                }
                pool.preparedQuery("update redaction_job set lease_expires_at = now() - interval '1 second' where id = $1")
                        .execute(Tuple.of(UUID.fromString(jobId))).await().atMost(WAIT);
            }
            jobs.runner("rescuer", 2).drain().await().atMost(WAIT);
            JsonPath job = Api.ok(t.admin, "query($id: ID!) { redactionJob(id: $id) { " + JOB_FIELDS + " } }",
                    Map.of("id", jobId)).setRootPath("data.redactionJob");
            assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
            results.add(List.of(job.getInt("transcriptsRedacted"), job.getInt("messagesRedacted"),
                    job.getInt("filesDestroyed"), job.getInt("ipsForgotten"), job.getInt("visitorIpsForgotten")));
            assertThat(rows("select count(*) from message where tenant_id = $1 and body like '%198.51.100.%'",
                    Tuple.of(t.tenant)).get(0).getLong(0)).isZero();
        }
        // 3 redacted (3 messages), 6 files, 6 transcripts' IPs (6 messages), 9 visitors' IPs
        assertThat(results).containsOnly(List.of(3, 9, 6, 6, 9));
    }

    static Map<String, Object> args(Integer redact, Integer files, Integer ip) {
        Map<String, Object> args = new java.util.HashMap<>();
        args.put("r", redact);
        args.put("f", files);
        args.put("i", ip);
        return args;
    }

    static String daysAgo(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusDays(days).toString();
    }

    List<Row> rows(String sql, Tuple args) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(args).await().atMost(WAIT).forEach(out::add);
        return out;
    }

    /** A chat of one visitor, last active some days ago, with one message and one file. */
    record Band(String transcript, String file) {
    }

    /** A fresh tenant with its tokens and shortcuts to read back what a sweep did. */
    final class Sandbox {
        final String tenant = Api.newTenant();
        final String ingest = Api.token(tenant, "ingest");
        final String admin = Api.token(tenant, "privacy-admin");

        Band chat(String key, int daysAgo, String ip, String body) {
            String id = Chat.start(ingest, key + "-" + UUID.randomUUID(), daysAgo(daysAgo + 1), ip);
            Chat.say(ingest, id, daysAgo(daysAgo), body);
            String file = Chat.upload(ingest, id, key + ".txt", ("file of " + key).getBytes(StandardCharsets.UTF_8));
            return new Band(id, file);
        }

        JsonPath sweep() {
            String id = Api.ok(admin, "mutation { applyRetentionPolicy { id } }").getString("data.applyRetentionPolicy.id");
            jobs.drain();
            return Api.ok(admin, "query($id: ID!) { redactionJob(id: $id) { " + JOB_FIELDS + " } }", Map.of("id", id))
                    .setRootPath("data.redactionJob");
        }

        String body(Band band) {
            return bodies(band).get(0);
        }

        List<String> bodies(Band band) {
            return Api.ok(admin, "query($id: ID!) { transcript(id: $id) { messages { body } } }",
                    Map.of("id", band.transcript())).getList("data.transcript.messages.body");
        }

        String redactedAt(Band band) {
            return Api.ok(admin, "query($id: ID!) { transcript(id: $id) { redactedAt } }", Map.of("id", band.transcript()))
                    .getString("data.transcript.redactedAt");
        }

        int file(Band band) {
            return given().header("Authorization", "Bearer " + admin).get("/attachments/" + band.file()).statusCode();
        }

        boolean attachmentDestroyed(Band band) {
            Row row = rows("select content is null and sha256 is null and file_name = '<redacted>'"
                    + " and destroyed_at is not null from attachment where id = $1",
                    Tuple.of(UUID.fromString(band.file()))).get(0);
            return row.getBoolean(0);
        }

        String transcriptIp(Band band) {
            return transcriptIp(band.transcript());
        }

        String transcriptIp(String transcriptId) {
            return rows("select ip_address from transcript where id = $1", Tuple.of(UUID.fromString(transcriptId)))
                    .get(0).getString(0);
        }

        String visitorIp(Band band) {
            return visitorIp(band.transcript());
        }

        String visitorIp(String transcriptId) {
            return rows("select v.ip_address from visitor v join transcript t on t.visitor_id = v.id where t.id = $1",
                    Tuple.of(UUID.fromString(transcriptId))).get(0).getString(0);
        }
    }
}
