package io.lethe.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lethe.support.Fixtures;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Tenant B, with every role, uses tenant A's ids in every operation: each answer is exactly the
 * answer for an id that does not exist, and neither tenant's data changes.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
    private static final String ALL_ROLES = "privacy-admin,agent,auditor,ingest";

    @Inject
    Pool pool;

    private String tenantA;
    private String tenantB;
    private String b;
    private String transcriptA;
    private String visitorA;
    private String attachmentA;

    /** Once per class; in @BeforeEach because RestAssured knows the test port only there. */
    @BeforeEach
    void seed() {
        if (tenantA != null) {
            return;
        }
        tenantA = Api.newTenant();
        tenantB = Api.newTenant();
        String ingestA = Api.token(tenantA, "ingest");
        transcriptA = Fixtures.start(ingestA, "shared-key", null, "198.51.100.4");
        Fixtures.appendOk(ingestA, transcriptA, Fixtures.bodies("secret of tenant A"));
        Api.ok(ingestA, Fixtures.SUBMIT, Map.of("id", transcriptA, "f", List.of(Fixtures.field("email", "a@tenant-a.example"))));
        Api.ok(ingestA, Fixtures.CONSENT, Map.of("in", Fixtures.consent("shared-key", transcriptA, "chat", true, "yes")));
        attachmentA = Fixtures.upload(ingestA, transcriptA, "a.txt", "text/plain", "tenant A file".getBytes());
        visitorA = Fixtures.read(Api.token(tenantA, "agent"), transcriptA).getString("data.transcript.visitor.id");
        b = Api.token(tenantB, ALL_ROLES.split(","));
    }

    @Test
    void singleReadsOfAnotherTenantsIdsAreNull() {
        for (String id : List.of(transcriptA, UUID.randomUUID().toString())) {
            JsonPath t = Api.ok(b, "query($id: ID!) { transcript(id: $id) { id } }", Map.of("id", id));
            assertThat(t.getString("data.transcript")).isNull();
        }
        for (String id : List.of(visitorA, UUID.randomUUID().toString())) {
            JsonPath v = Api.ok(b, "query($id: ID!) { visitor(id: $id) { id } }", Map.of("id", id));
            assertThat(v.getString("data.visitor")).isNull();
            JsonPath c = Api.ok(b, "query($id: ID!) { consentEvents(visitorId: $id) { id } }", Map.of("id", id));
            assertThat(c.getList("data.consentEvents")).isEmpty();
        }
    }

    @Test
    void listsNeverShowAnotherTenantsRows() {
        assertThat(count("transcripts", "")).isZero();
        assertThat(count("transcripts", "(filter: {visitorId: \"" + visitorA + "\"})")).isZero();
        assertThat(count("transcripts", "(filter: {email: \"a@tenant-a.example\"})")).isZero();
        assertThat(count("transcripts", "(filter: {text: \"secret\"})")).isZero();
        assertThat(count("visitors", "")).isZero();
        assertThat(count("visitors", "(filter: {email: \"a@tenant-a.example\"})")).isZero();
        assertThat(count("visitors", "(filter: {visitorKey: \"shared-key\"})")).isZero();
        // and A still sees its own
        JsonPath a = Api.ok(Api.token(tenantA, "agent"), "{ transcripts { totalCount } visitors { totalCount } }");
        assertThat(a.getInt("data.transcripts.totalCount")).isEqualTo(1);
        assertThat(a.getInt("data.visitors.totalCount")).isEqualTo(1);
    }

    @Test
    void writesToAnotherTenantsTranscriptAreNotFoundLikeAMissingOne() {
        long rowsA = Fixtures.tenantRows(pool, tenantA);
        long rowsB = Fixtures.tenantRows(pool, tenantB);
        for (String id : List.of(transcriptA, UUID.randomUUID().toString(), "not-a-uuid")) {
            String append = error(Fixtures.APPEND, Map.of("id", id, "m", Fixtures.bodies("injected")));
            String submit = error(Fixtures.SUBMIT, Map.of("id", id, "f", List.of(Fixtures.field("email", "x@y.example"))));
            String end = error(Fixtures.END, Map.of("id", id, "at", "2025-01-01T00:00:00Z"));
            String consent = error(Fixtures.CONSENT, Map.of("in", Fixtures.consent("shared-key", id, "chat", false, "no")));
            assertThat(List.of(append, submit, end, consent)).as("for %s", id)
                    .containsOnly("NOT_FOUND: transcript not found");
        }
        assertThat(Fixtures.tenantRows(pool, tenantA)).isEqualTo(rowsA);
        assertThat(Fixtures.tenantRows(pool, tenantB)).isEqualTo(rowsB);
        JsonPath read = Fixtures.read(Api.token(tenantA, "agent"), transcriptA);
        assertThat(read.getString("data.transcript.endedAt")).isNull();
        assertThat(read.getList("data.transcript.messages.body", String.class)).doesNotContain("injected");
        assertThat(read.getString("data.transcript.visitor.email")).isEqualTo("a@tenant-a.example");
    }

    @Test
    void theSameVisitorKeyInTwoTenantsIsTwoVisitors() {
        String t = Api.newTenant();
        String ingest = Api.token(t, "ingest");
        String id = Fixtures.start(ingest, "shared-key");
        JsonPath read = Fixtures.read(Api.token(t, "agent"), id);
        assertThat(read.getString("data.transcript.visitor.id")).isNotEqualTo(visitorA);
        assertThat(read.getString("data.transcript.visitor.email")).isNull();
        assertThat(read.getString("data.transcript.visitor.ipAddress")).isNull();
        JsonPath consents = Api.ok(Api.token(t, "privacy-admin"), "query($v: ID!) { consentEvents(visitorId: $v) { id } }",
                Map.of("v", read.getString("data.transcript.visitor.id")));
        assertThat(consents.getList("data.consentEvents")).isEmpty();
    }

    @Test
    void attachmentsOfAnotherTenantAreNotFound() {
        List<String> downloads = new java.util.ArrayList<>();
        for (String id : List.of(attachmentA, UUID.randomUUID().toString())) {
            Response download = given().header("Authorization", "Bearer " + b).get("/attachments/" + id);
            assertThat(download.statusCode()).as("download %s", id).isEqualTo(404);
            assertThat(download.asString()).doesNotContain("tenant A file");
            downloads.add(download.asString());
        }
        List<String> uploads = new java.util.ArrayList<>();
        for (String id : List.of(transcriptA, UUID.randomUUID().toString())) {
            Response upload = given().header("Authorization", "Bearer " + b).header("X-File-Name", "evil.txt")
                    .contentType("text/plain").body("evil".getBytes()).post("/transcripts/" + id + "/attachments");
            assertThat(upload.statusCode()).as("upload to %s", id).isEqualTo(404);
            uploads.add(upload.asString());
        }
        // the foreign id's answer is, byte for byte, the unknown id's
        assertThat(downloads.get(0)).isEqualTo(downloads.get(1)).contains("NOT_FOUND");
        assertThat(uploads.get(0)).isEqualTo(uploads.get(1)).contains("NOT_FOUND");
        assertThat(Fixtures.count(pool, "select count(*) from attachment where tenant_id = $1 or file_name = 'evil.txt'", tenantB))
                .isZero();
        JsonPath read = Fixtures.read(Api.token(tenantA, "agent"), transcriptA);
        assertThat(read.getList("data.transcript.attachments.fileName", String.class)).containsExactly("a.txt");
    }

    private int count(String field, String args) {
        return Api.ok(b, "{ " + field + args + " { totalCount edges { node { id } } } }").getInt("data." + field + ".totalCount");
    }

    /** "CODE: message" of a failing operation, so foreign and missing ids compare in one assertion. */
    private String error(String query, Map<String, Object> variables) {
        JsonPath errors = Api.errors(b, query, variables);
        return Fixtures.code(errors) + ": " + errors.getString("errors[0].message");
    }
}
