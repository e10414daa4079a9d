package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.retention.RetentionService;
import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RetentionTest {
    @Inject
    Jobs jobs;
    @Inject
    RetentionService retention;

    @Test
    void sweepRedactsTranscriptsWhoseLastActivityIsOlderThanTheWindow() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String old = Chat.start(ingest, "old", now.minusDays(60).toString(), "192.0.2.10");
        Chat.say(ingest, old, now.minusDays(45).toString(), "reach me on old@example.com");
        // started long ago but active recently: age counts from last activity, so it stays
        String revived = Chat.start(ingest, "revived", now.minusDays(60).toString(), null);
        Chat.say(ingest, revived, now.minusDays(2).toString(), "still here: revived@example.com");
        String held = Chat.start(ingest, "held", now.minusDays(90).toString(), null);
        Chat.say(ingest, held, now.minusDays(90).toString(), "held@example.com");
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true) { id } }", Map.of("id", held));

        assertThat(Api.ok(admin, "{ retentionPolicy { redactAfterDays } }").getString("data.retentionPolicy.redactAfterDays"))
                .isNull();
        assertThat(Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 30}) { redactAfterDays } }")
                .getInt("data.setRetentionPolicy.redactAfterDays")).isEqualTo(30);
        String jobId = Api.ok(admin, "mutation { applyRetentionPolicy { id kind status } }")
                .getString("data.applyRetentionPolicy.id");
        // a second request while one is queued returns the same sweep
        assertThat(Api.ok(admin, "mutation { applyRetentionPolicy { id } }").getString("data.applyRetentionPolicy.id"))
                .isEqualTo(jobId);
        jobs.drain();

        JsonPath job = Api.ok(admin, "query($id: ID!) { redactionJob(id: $id) { kind status transcriptsRedacted transcriptsSkipped } }",
                Map.of("id", jobId)).setRootPath("data.redactionJob");
        assertThat(job.getString("kind")).isEqualTo("RETENTION");
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("transcriptsRedacted")).isEqualTo(1);
        assertThat(job.getInt("transcriptsSkipped")).isEqualTo(1);
        assertThat(body(admin, old)).isEqualTo("reach me on <redacted>");
        assertThat(body(admin, revived)).isEqualTo("still here: revived@example.com");
        assertThat(body(admin, held)).isEqualTo("held@example.com");
    }

    @Test
    void schedulerEnqueuesOneSweepPerTenantWithAPolicy() throws Throwable {
        String withPolicy = Api.newTenant();
        String without = Api.newTenant();
        Api.ok(Api.token(withPolicy, "privacy-admin"), "mutation { setRetentionPolicy(input: {redactAfterDays: 7}) { redactAfterDays } }");
        Api.ok(Api.token(without, "privacy-admin"), "mutation { setRetentionPolicy(input: {redactAfterDays: null}) { redactAfterDays } }");
        // what the scheduler does on each tick, twice: the second tick must not add a sweep
        VertxContextSupport.subscribeAndAwait(() -> retention.enqueueDueSweeps());
        VertxContextSupport.subscribeAndAwait(() -> retention.enqueueDueSweeps());
        assertThat(Api.ok(Api.token(withPolicy, "auditor"), "{ redactionJobs(status: QUEUED) { totalCount edges { node { kind } } } }")
                .getInt("data.redactionJobs.totalCount")).isEqualTo(1);
        assertThat(Api.ok(Api.token(without, "auditor"), "{ redactionJobs { totalCount } }")
                .getInt("data.redactionJobs.totalCount")).isZero();
        jobs.drain();
    }

    @Test
    void windowOutsideOneToTenYearsIsRejected() {
        String admin = Api.token(Api.newTenant(), "privacy-admin");
        for (int days : new int[] { 0, -5, 3651 }) {
            assertThat(Api.errorCode(admin, "mutation($d: Int) { setRetentionPolicy(input: {redactAfterDays: $d}) { redactAfterDays } }",
                    Map.of("d", days))).isEqualTo("BAD_USER_INPUT");
        }
        assertThat(Api.ok(admin, "{ retentionPolicy { redactAfterDays } }").getString("data.retentionPolicy.redactAfterDays"))
                .isNull();
        assertThat(Api.errorCode(Api.token(Api.newTenant(), "agent"), "{ retentionPolicy { redactAfterDays } }", Map.of()))
                .isEqualTo("FORBIDDEN");
    }

    private static String body(String token, String transcriptId) {
        return Api.ok(token, "query($id: ID!) { transcript(id: $id) { messages { body } } }", Map.of("id", transcriptId))
                .getString("data.transcript.messages[0].body");
    }
}
