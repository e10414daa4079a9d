package io.lethe.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import io.vertx.mutiny.sqlclient.Tuple;

/** previewRetention: exact counts the sweep then matches, real samples, nothing written. */
@QuarkusTest
class RetentionPreviewTest {
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final String PREVIEW = "query($in: RetentionPolicyInput) { previewRetention(input: $in) { asOf"
            + " transcriptsToRedact transcriptsHeld filesToDestroy visitorsWithIpToForget oldestActivityAt"
            + " samples { transcriptId seq before after } } }";
    private static final String JOB = "query($id: ID!) { redactionJob(id: $id) { status transcriptsRedacted"
            + " transcriptsSkipped filesDestroyed visitorIpsForgotten ipsForgotten } }";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void previewCountsWhatTheSweepThenDoesAndWritesNothing() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        // six old chats of their own visitors (the first two share one visitor), two messages that change each
        String shared = "shared-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            String key = i < 2 ? shared : "old-" + i + "-" + UUID.randomUUID();
            String id = Chat.start(ingest, key, daysAgo(120 - i), "198.51.100." + (40 + i));
            Chat.form(ingest, id, Map.of("name", "Person Number" + i, "company", "Acme " + i));
            Chat.say(ingest, id, daysAgo(110 - i), "I am Person Number" + i + ", mail p" + i + "@example.com",
                    "noted, ticket 44" + i, "call +1 415 555 01" + (10 + i) + " after 5pm");
            Chat.upload(ingest, id, "old" + i + ".txt", bytes("old file " + i));
        }
        // an old chat whose visitor came back recently: redacted, but the profile (and its IP) stays
        String back = "back-" + UUID.randomUUID();
        String backOld = Chat.start(ingest, back, daysAgo(100), "198.51.100.50");
        Chat.say(ingest, backOld, daysAgo(100), "old words");
        Chat.start(ingest, back, daysAgo(1), null);
        // held: counted as held, keeps its file and IP
        String held = Chat.start(ingest, "held-" + UUID.randomUUID(), daysAgo(200), "198.51.100.60");
        Chat.say(ingest, held, daysAgo(200), "held mail held@example.com");
        Chat.upload(ingest, held, "held.txt", bytes("held file"));
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true) { id } }", Map.of("id", held));
        // files window only, then IP window only, then nothing
        String files = Chat.start(ingest, "files-" + UUID.randomUUID(), daysAgo(50), "198.51.100.70");
        Chat.say(ingest, files, daysAgo(50), "files chat from 198.51.100.70");
        Chat.upload(ingest, files, "a.txt", bytes("a"));
        Chat.upload(ingest, files, "b.txt", bytes("b"));
        String ip = Chat.start(ingest, "ip-" + UUID.randomUUID(), daysAgo(20), "198.51.100.80");
        Chat.say(ingest, ip, daysAgo(20), "ip chat from 198.51.100.80");
        Chat.upload(ingest, ip, "c.txt", bytes("c"));
        String young = Chat.start(ingest, "young-" + UUID.randomUUID(), daysAgo(1), "198.51.100.90");
        Chat.say(ingest, young, daysAgo(1), "young chat from 198.51.100.90");
        // another tenant's old data is not counted
        String otherIngest = Api.token(Api.newTenant(), "ingest");
        Chat.say(otherIngest, Chat.start(otherIngest, "x", daysAgo(300), "198.51.100.99"), daysAgo(300), "x@example.com");

        Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 90, destroyFilesAfterDays: 30,"
                + " forgetIpAfterDays: 10}) { redactAfterDays } }");
        String before = fingerprint(tenant);
        JsonPath preview = Api.ok(admin, PREVIEW, Map.of()).setRootPath("data.previewRetention");
        assertThat(fingerprint(tenant)).as("a preview writes nothing, not even an audit event").isEqualTo(before);

        assertThat(OffsetDateTime.parse(preview.getString("asOf"))).isBetween(OffsetDateTime.now().minusMinutes(1),
                OffsetDateTime.now().plusMinutes(1));
        assertThat(preview.getInt("transcriptsToRedact")).isEqualTo(7);
        assertThat(preview.getInt("transcriptsHeld")).isEqualTo(1);
        // six old files (full redaction) and two by the files window; not the held one, not the 20-day one
        assertThat(preview.getInt("filesToDestroy")).isEqualTo(8);
        // five old visitors with their profile, the files and ip visitors by the IP window
        assertThat(preview.getInt("visitorsWithIpToForget")).isEqualTo(7);
        assertThat(OffsetDateTime.parse(preview.getString("oldestActivityAt")))
                .isBetween(OffsetDateTime.now().minusDays(111), OffsetDateTime.now().minusDays(109));
        List<Map<String, Object>> samples = preview.getList("samples");
        assertThat(samples).hasSize(10);

        String jobId = Api.ok(admin, "mutation { applyRetentionPolicy { id } }").getString("data.applyRetentionPolicy.id");
        jobs.drain();
        JsonPath job = Api.ok(admin, JOB, Map.of("id", jobId)).setRootPath("data.redactionJob");
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("transcriptsRedacted")).isEqualTo(preview.getInt("transcriptsToRedact"));
        assertThat(job.getInt("transcriptsSkipped")).isEqualTo(preview.getInt("transcriptsHeld"));
        assertThat(job.getInt("filesDestroyed")).isEqualTo(preview.getInt("filesToDestroy"));
        assertThat(job.getInt("visitorIpsForgotten")).isEqualTo(preview.getInt("visitorsWithIpToForget"));
        // each sample is the message as it was, and as the job left it
        for (Map<String, Object> sample : samples) {
            String body = Api.ok(admin, "query($id: ID!) { transcript(id: $id) { messages { seq body } } }",
                    Map.of("id", sample.get("transcriptId"))).<Map<String, Object>>getList("data.transcript.messages")
                    .stream().filter(m -> m.get("seq").equals(sample.get("seq"))).findFirst().orElseThrow()
                    .get("body").toString();
            assertThat(body).isEqualTo(sample.get("after"));
            assertThat(sample.get("before").toString()).isNotEqualTo(body);
        }
        assertThat(samples.get(0).get("before")).isEqualTo("I am Person Number0, mail p0@example.com");
        assertThat(samples.get(0).get("after")).isEqualTo("I am <redacted>, mail <redacted>");

        // after the sweep the same preview finds nothing left but the held transcript
        JsonPath after = Api.ok(admin, PREVIEW, Map.of()).setRootPath("data.previewRetention");
        assertThat(List.of(after.getInt("transcriptsToRedact"), after.getInt("filesToDestroy"),
                after.getInt("visitorsWithIpToForget"))).containsOnly(0);
        assertThat(after.getInt("transcriptsHeld")).isEqualTo(1);
        assertThat(after.getList("samples")).isEmpty();
        assertThat(after.getString("oldestActivityAt")).isNull();
    }

    @Test
    void aGivenPolicyIsPreviewedWithoutBeingStored() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String ip = Chat.start(ingest, "ip-" + UUID.randomUUID(), daysAgo(20), "2001:db8::7");
        Chat.say(ingest, ip, daysAgo(20), "hello", "my router is 192.0.2.44, mail a@example.com");
        Chat.upload(ingest, ip, "c.txt", bytes("c"));

        // no policy stored: the current one previews nothing
        JsonPath current = Api.ok(admin, PREVIEW, Map.of()).setRootPath("data.previewRetention");
        assertThat(List.of(current.getInt("transcriptsToRedact"), current.getInt("filesToDestroy"),
                current.getInt("visitorsWithIpToForget"))).containsOnly(0);
        assertThat(current.getList("samples")).isEmpty();

        String before = fingerprint(tenant);
        JsonPath ipOnly = Api.ok(admin, PREVIEW, Map.of("in", input(null, null, 7))).setRootPath("data.previewRetention");
        assertThat(ipOnly.getInt("transcriptsToRedact")).isZero();
        assertThat(ipOnly.getInt("filesToDestroy")).isZero();
        assertThat(ipOnly.getInt("visitorsWithIpToForget")).isEqualTo(1);
        assertThat(ipOnly.getList("samples")).hasSize(1);
        assertThat(ipOnly.getString("samples[0].transcriptId")).isEqualTo(ip);
        assertThat(ipOnly.getInt("samples[0].seq")).isEqualTo(2);
        assertThat(ipOnly.getString("samples[0].after")).isEqualTo("my router is <redacted>, mail a@example.com");
        JsonPath files = Api.ok(admin, PREVIEW, Map.of("in", input(null, 7, null))).setRootPath("data.previewRetention");
        assertThat(files.getInt("filesToDestroy")).isEqualTo(1);
        assertThat(files.getList("samples")).isEmpty();
        assertThat(fingerprint(tenant)).isEqualTo(before);
        assertThat(Api.ok(admin, "{ retentionPolicy { redactAfterDays destroyFilesAfterDays forgetIpAfterDays } }")
                .getMap("data.retentionPolicy").values()).containsOnlyNulls();

        // validated as setRetentionPolicy; privacy admins only
        for (Map<String, Object> bad : List.of(input(0, null, null), input(null, 3651, null), input(null, null, -3))) {
            assertThat(Api.errorCode(admin, PREVIEW, Map.of("in", bad))).isEqualTo("BAD_USER_INPUT");
        }
        for (String role : List.of("agent", "auditor", "ingest")) {
            assertThat(Api.errorCode(Api.token(tenant, role), PREVIEW, Map.of())).isEqualTo("FORBIDDEN");
        }
        assertThat(fingerprint(tenant)).isEqualTo(before);
    }

    private static Map<String, Object> input(Integer redact, Integer files, Integer ip) {
        Map<String, Object> in = new HashMap<>();
        in.put("redactAfterDays", redact);
        in.put("destroyFilesAfterDays", files);
        in.put("forgetIpAfterDays", ip);
        return in;
    }

    /** Everything of the tenant a sweep or an audited call could change. */
    private String fingerprint(String tenant) {
        return pool.preparedQuery("""
                select md5(concat_ws('|',
                  (select string_agg(id || body || coalesce(sender_name, ''), ',' order by id) from message where tenant_id = $1),
                  (select string_agg(id || file_name || coalesce(sha256, '') || coalesce(destroyed_at::text, ''), ',' order by id)
                     from attachment where tenant_id = $1),
                  (select string_agg(id || coalesce(ip_address, '') || coalesce(redacted_at::text, '') || ip_forgotten_seq,
                     ',' order by id) from transcript where tenant_id = $1),
                  (select string_agg(id || visitor_key || coalesce(ip_address, '') || coalesce(email, ''), ',' order by id)
                     from visitor where tenant_id = $1),
                  (select string_agg(value, ',' order by id) from form_field where tenant_id = $1),
                  (select count(*) from audit_event where tenant_id = $1),
                  (select count(*) from redaction_job where tenant_id = $1),
                  (select string_agg(coalesce(redact_after_days::text, '-') || coalesce(destroy_files_after_days::text, '-')
                     || coalesce(forget_ip_after_days::text, '-') || updated_at, ',') from tenant where tenant_id = $1)))
                """).execute(Tuple.of(tenant)).await().atMost(WAIT).iterator().next().getString(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String daysAgo(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusDays(days).toString();
    }
}
