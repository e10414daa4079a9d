package io.lethe.redaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.lethe.support.LogCapture;
import io.lethe.support.Residue;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** An erasure follows the subject's copies: export links, case notes, job/case/audit rows, and the residue scan. */
@QuarkusTest
class ErasureCopiesTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String OPEN = "mutation($in: DataSubjectRequestInput!) { openDataSubjectRequest(input: $in) {"
            + " id exports { downloadPath } } }";
    private static final String CLOSE = "mutation($id: ID!, $s: RequestStatus!, $n: String) { closeDataSubjectRequest(id: $id,"
            + " status: $s, note: $n) { subject note resolutionNote } }";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void exportLinksOfTheSubjectMadeBeforeTheErasureAnswer410Afterwards() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "export." + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        String t = Chat.start(ingest, "vk-export-" + UUID.randomUUID(), null, null);
        Chat.form(ingest, t, Map.of("email", email, "name", "Exa Porter"));
        Chat.say(ingest, t, null, "send me everything you have, " + email);
        String other = Chat.start(ingest, "vk-other-" + UUID.randomUUID(), null, null);
        Chat.form(ingest, other, Map.of("email", "other@example.net"));
        Chat.say(ingest, other, null, "I stay");

        List<String> links = new ArrayList<>();
        links.add(Api.ok(admin, "mutation($e: String!) { exportVisitorData(email: $e, format: JSON) { downloadPath } }",
                Map.of("e", email)).getString("data.exportVisitorData.downloadPath"));
        links.addAll(Api.ok(admin, OPEN, Map.of("in", Map.of("type", "ACCESS", "email", email)))
                .getList("data.openDataSubjectRequest.exports.downloadPath", String.class));
        String unrelated = Api.ok(admin, "mutation { exportVisitorData(email: \"other@example.net\") { downloadPath } }")
                .getString("data.exportVisitorData.downloadPath");
        assertThat(links).hasSize(3);
        for (String link : links) {
            assertThat(download(admin, link).then().statusCode(200).extract().asString()).contains(email);
        }

        String jobId = Api.ok(admin, "mutation($e: String!) { requestErasure(input: {email: $e}) { id } }",
                Map.of("e", email)).getString("data.requestErasure.id");
        jobs.drain();

        for (String link : links) {
            Response gone = download(admin, link);
            gone.then().statusCode(410).contentType("application/json");
            assertThat(gone.jsonPath().getString("code")).isEqualTo("GONE");
            assertThat(gone.jsonPath().getString("message")).contains("revoked").doesNotContain(email);
        }
        assertThat(download(admin, unrelated).then().statusCode(200).extract().asString()).contains("I stay");
        Row job = row("select export_links_revoked, visitors_erased, form_values_redacted, residue_found, subject_email"
                + " from redaction_job where id = $1", UUID.fromString(jobId));
        assertThat(job.getInteger("export_links_revoked")).isEqualTo(3);
        assertThat(job.getInteger("visitors_erased")).isEqualTo(1);
        assertThat(job.getInteger("form_values_redacted")).isEqualTo(2);
        assertThat(job.getInteger("residue_found")).isZero();
        assertThat(job.getString("subject_email")).isNull();
        assertThat(row("select count(*) from data_export where tenant_id = $1 and revoked_by_job_id = $2", tenant,
                UUID.fromString(jobId)).getLong(0)).isEqualTo(3);
        // a new export after the erasure is an (empty) answer of its own, not a revoked one
        String fresh = Api.ok(admin, "mutation($e: String!) { exportVisitorData(email: $e) { downloadPath transcriptCount } }",
                Map.of("e", email)).getString("data.exportVisitorData.downloadPath");
        assertThat(download(admin, fresh).then().statusCode(200).extract().asString()).doesNotContain(email);
        // job, case, audit and every other row keep only the keyed hash
        assertThat(Residue.columnsContaining(pool, email)).isEmpty();
    }

    @Test
    void theResidueScanFindsAPlantedCopyAndLogsItWithoutTheValue() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "planted." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String t = Chat.start(ingest, "vk-planted-" + UUID.randomUUID(), null, null);
        Chat.form(ingest, t, Map.of("email", email, "phone", "+1 415 555 0166"));
        Chat.say(ingest, t, null, "hello, " + email);
        String bystanderKey = "vk-bystander-" + UUID.randomUUID();
        String bystander = Chat.start(ingest, bystanderKey, null, null);
        // not searched without searchAllTranscripts: a real copy left behind
        Chat.say(ingest, bystander, null, "my friend's number is 415.555.0166");
        // a copy planted where no erasure step looks
        plantConsentText(tenant, bystanderKey, "Forwarded by " + email.toUpperCase());

        String jobId = requestErasure(admin, email);
        List<String> logs = drainCapturingLogs();

        Row job = row("select status, residue_found from redaction_job where id = $1", UUID.fromString(jobId));
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInteger("residue_found")).isEqualTo(2);
        assertThat(logs).anySatisfy(line -> assertThat(line).contains("residue scan found 2", jobId,
                "consent_event.consent_text", "message.body"));
        assertThat(logs).noneSatisfy(line -> assertThat(line.toLowerCase()).containsAnyOf(email, "415.555.0166", "415 555 0166",
                "4155550166"));
        assertThat(row("select count(*) from erasure_term where job_id = $1", UUID.fromString(jobId)).getLong(0)).isZero();
    }

    @Test
    void aLongerVisitorKeyIsNotACopyOfTheErasedOneButTheKeyAsAWordIs() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "keyed." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String key = "vk-" + UUID.randomUUID().toString().substring(0, 8) + "-1";
        String t = Chat.start(ingest, key, null, null);
        Chat.form(ingest, t, Map.of("email", email));
        Chat.say(ingest, t, null, "hi, it is " + email);
        // another visitor whose key merely starts with the subject's: not a copy
        String longerKey = key + "0";
        String other = Chat.start(ingest, longerKey, null, null);
        Chat.say(ingest, other, null, "my visitor id is " + longerKey.toUpperCase());
        // the subject's key as a word where no erasure step looks: a copy
        plantConsentText(tenant, longerKey, "Referred by (" + key + ").");

        String jobId = requestErasure(admin, email);
        List<String> logs = drainCapturingLogs();

        Row job = row("select status, residue_found from redaction_job where id = $1", UUID.fromString(jobId));
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInteger("residue_found")).isEqualTo(1);
        assertThat(logs).anySatisfy(line -> assertThat(line).contains("residue scan found 1", "consent_event.consent_text")
                .doesNotContain("visitor.visitor_key", "message.body"));
    }

    @Test
    void notesWrittenAfterTheErasureAreScrubbedOfTheErasedValues() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String email = "zora." + suffix + "@example.net";
        String key = "vk-zora-" + suffix;
        String t = Chat.start(ingest, key, null, null);
        Chat.form(ingest, t, Map.of("name", "Zora Quillfeather", "email", email, "phone", "+1 415 555 0177"));
        Chat.say(ingest, t, null, "hello");

        String rectification = open(admin, "RECTIFICATION", email, "Zora wants her phone fixed");
        open(admin, "ERASURE", email, null);
        jobs.drain();

        // the open case of the same subject is closed after the erasure, naming what was erased
        JsonPath closed = Api.ok(admin, CLOSE, vars(rectification, "COMPLETED",
                "fixed the phone of Zora Quillfeather: (415) 555-0177, key " + key + ", confirmed to " + email + "."))
                .setRootPath("data.closeDataSubjectRequest");
        assertThat(closed.getString("subject")).isEqualTo("z***@example.net");
        assertThat(closed.getString("note")).isEqualTo("<redacted> wants her phone fixed");
        assertThat(closed.getString("resolutionNote")).isEqualTo(
                "fixed the phone of <redacted> <redacted>: <redacted>, key <redacted>, confirmed to <redacted>.");
        // another subject's case may not name the erased email or phone; a namesake's first name is no identifier
        String lawyer = open(admin, "ACCESS", "counsel." + suffix + "@example.org",
                "acting for " + email + " (tel. +1 415 555 0177); Zora from accounting asked too");
        assertThat(Api.ok(admin, "query($id: ID!) { dataSubjectRequest(id: $id) { note } }", Map.of("id", lawyer))
                .getString("data.dataSubjectRequest.note"))
                .isEqualTo("acting for <redacted> (tel. <redacted>); Zora from accounting asked too");
        // nothing but keyed hashes of the values is kept
        assertThat(Residue.columnsContaining(pool, "Quillfeather")).isEmpty();
        assertThat(Residue.columnsContaining(pool, email)).isEmpty();
    }

    @Test
    void aResumedErasureKeepsEveryCountExact() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        jobs.drain(); // other tests' leftovers must not be the job claimed below
        String email = "resume." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String key = "vk-resume-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String t = Chat.start(ingest, key, null, null);
            Chat.form(ingest, t, Map.of("email", email, "company", "Resume Ltd " + i));
            Chat.say(ingest, t, null, "chat " + i + " from " + email);
            ids.add(t);
        }
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true) { legalHold } }",
                Map.of("id", ids.get(3)));
        Api.ok(admin, "mutation($e: String!) { exportVisitorData(email: $e) { id } }", Map.of("e", email));
        String caseId = Api.ok(admin, OPEN, Map.of("in", Map.of("type", "ERASURE", "email", email)))
                .getString("data.openDataSubjectRequest.id");
        UUID jobId = row("select id from redaction_job where tenant_id = $1", tenant).getUUID(0);

        JobRunner crashing = jobs.runner("worker-crashing-erasure", 1);
        LeasedJob claimed = crashing.claim().await().atMost(WAIT);
        assertThat(claimed.id()).isEqualTo(jobId);
        assertThat(crashing.runBatch(claimed).await().atMost(WAIT)).isEqualTo(JobRunner.Step.CONTINUE);
        assertThat(crashing.runBatch(claimed).await().atMost(WAIT)).isEqualTo(JobRunner.Step.CONTINUE);
        pool.preparedQuery("update redaction_job set lease_expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(jobId)).await().atMost(WAIT);
        assertThat(jobs.runner("worker-rescuer-erasure", 1).drain().await().atMost(WAIT)).isEqualTo(1);

        Row job = row("select status, attempts, transcripts_redacted, transcripts_skipped, export_links_revoked,"
                + " visitors_erased, form_values_redacted, residue_found from redaction_job where id = $1", jobId);
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInteger("attempts")).isEqualTo(2);
        assertThat(job.getInteger("transcripts_redacted")).isEqualTo(3);
        assertThat(job.getInteger("transcripts_skipped")).isEqualTo(1);
        assertThat(job.getInteger("export_links_revoked")).isEqualTo(1);
        // the held transcript keeps the visitor
        assertThat(job.getInteger("visitors_erased")).isZero();
        assertThat(job.getInteger("form_values_redacted")).isEqualTo(6);
        assertThat(job.getInteger("residue_found")).isZero();
        assertThat(row("select count(*) from pending_erasure where tenant_id = $1 and request_id = $2", tenant,
                UUID.fromString(caseId)).getLong(0)).isEqualTo(1);
        assertThat(row("select count(*) from erasure_term where job_id = $1", jobId).getLong(0)).isZero();
    }

    private static String open(String admin, String type, String email, String note) {
        Map<String, Object> in = new HashMap<>(Map.of("type", type, "email", email));
        if (note != null) {
            in.put("note", note);
        }
        return Api.ok(admin, OPEN, Map.of("in", in)).getString("data.openDataSubjectRequest.id");
    }

    private static Map<String, Object> vars(String id, String status, String note) {
        return Map.of("id", id, "s", status, "n", note);
    }

    /** A copy where no erasure step looks: a consent text of the visitor with {@code visitorKey}. */
    private void plantConsentText(String tenant, String visitorKey, String text) {
        pool.preparedQuery("""
                insert into consent_event (id, tenant_id, visitor_id, purpose, granted, consent_text, consent_version, occurred_at)
                select $1, $2, v.id, 'newsletter', true, $3, 'v-planted', now() from visitor v
                where v.tenant_id = $2 and v.visitor_key = $4
                """).execute(Tuple.of(UUID.randomUUID(), tenant, text, visitorKey)).await().atMost(WAIT);
    }

    private static String requestErasure(String admin, String email) {
        return Api.ok(admin, "mutation($e: String!) { requestErasure(input: {email: $e}) { id } }", Map.of("e", email))
                .getString("data.requestErasure.id");
    }

    /** Runs the queued jobs and returns what they logged meanwhile. */
    private List<String> drainCapturingLogs() {
        LogCapture capture = LogCapture.start();
        jobs.drain();
        return capture.stop();
    }

    private static Response download(String token, String path) {
        return given().header("Authorization", "Bearer " + token).get(path);
    }

    private Row row(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT).iterator().next();
    }
}
