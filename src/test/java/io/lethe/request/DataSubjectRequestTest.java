package io.lethe.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class DataSubjectRequestTest {
    static final String FIELDS = "id type status subject receivedAt dueAt completedAt overdue note resolutionNote"
            + " jobs { id kind status } exports { id format transcriptCount downloadPath }";
    static final String OPEN = "mutation($in: DataSubjectRequestInput!) { openDataSubjectRequest(input: $in) { " + FIELDS
            + " } }";
    static final String CLOSE = "mutation($id: ID!, $s: RequestStatus!, $n: String) { closeDataSubjectRequest(id: $id,"
            + " status: $s, note: $n) { " + FIELDS + " } }";
    static final String LIST = "query($s: RequestStatus, $o: Boolean, $first: Int, $after: String) {"
            + " dataSubjectRequests(status: $s, overdue: $o, first: $first, after: $after) { totalCount"
            + " pageInfo { hasNextPage endCursor } edges { cursor node { " + FIELDS + " } } } }";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void dueAtIsOneCalendarMonthAndOverdueListsOpenCasesPastIt() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        JsonPath leap = open(admin, "RECTIFICATION", "leap@example.com", "2024-01-31T10:00:00Z", null);
        assertThat(leap.getString("dueAt")).isEqualTo("2024-02-29T10:00:00Z");
        assertThat(leap.getString("receivedAt")).isEqualTo("2024-01-31T10:00:00Z");
        assertThat(leap.getString("status")).isEqualTo("OPEN");
        assertThat(leap.getBoolean("overdue")).isTrue();
        JsonPath plain = open(admin, "OBJECTION", "plain@example.com", "2025-01-31T23:00:00Z", null);
        assertThat(plain.getString("dueAt")).isEqualTo("2025-02-28T23:00:00Z");
        JsonPath closedLate = open(admin, "RESTRICTION", "closed@example.com", "2025-03-31T08:00:00Z", null);
        assertThat(closedLate.getString("dueAt")).isEqualTo("2025-04-30T08:00:00Z");
        close(admin, closedLate.getString("id"), "COMPLETED", "done late");
        JsonPath fresh = open(admin, "RESTRICTION", "fresh@example.com", null, "by phone");
        assertThat(fresh.getBoolean("overdue")).isFalse();
        OffsetDateTime received = OffsetDateTime.parse(fresh.getString("receivedAt"));
        assertThat(received).isCloseTo(OffsetDateTime.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(OffsetDateTime.parse(fresh.getString("dueAt"))).isEqualTo(received.plusMonths(1));

        assertThat(ids(list(admin, null, true))).containsExactly(plain.getString("id"), leap.getString("id"));
        assertThat(ids(list(admin, null, false))).containsExactly(fresh.getString("id"), closedLate.getString("id"));
        assertThat(ids(list(admin, "OPEN", true))).hasSize(2);
        assertThat(ids(list(admin, "COMPLETED", null))).containsExactly(closedLate.getString("id"));
        assertThat(list(admin, null, null).getInt("totalCount")).isEqualTo(4);
        // an auditor reads the case files too
        assertThat(list(Api.token(tenant, "auditor"), null, true).getInt("totalCount")).isEqualTo(2);
    }

    @Test
    void openRejectsBadInput() {
        String admin = Api.token(Api.newTenant(), "privacy-admin");
        String future = OffsetDateTime.now().plusDays(2).toString();
        assertThat(errorOfOpen(admin, "ACCESS", "someone@example.com", future)).isEqualTo("BAD_USER_INPUT");
        assertThat(errorOfOpen(admin, "ACCESS", "not-an-email", null)).isEqualTo("BAD_USER_INPUT");
        assertThat(errorOfOpen(admin, "WISHES", "someone@example.com", null)).isEqualTo("BAD_USER_INPUT");
        assertThat(Api.errorCode(Api.token(Api.newTenant(), "agent"), OPEN,
                Map.of("in", input("ACCESS", "a@b.co", null, null)))).isEqualTo("FORBIDDEN");
        assertThat(Api.errorCode(Api.token(Api.newTenant(), "auditor"), OPEN,
                Map.of("in", input("ACCESS", "a@b.co", null, null)))).isEqualTo("FORBIDDEN");
        assertThat(Api.errorCode(Api.token(Api.newTenant(), "agent"), LIST, Map.of())).isEqualTo("FORBIDDEN");
        assertThat(list(admin, null, null).getInt("totalCount")).isZero();
    }

    @Test
    void erasureCaseStartsALinkedJobCompletesWhenItSucceedsAndMasksTheSubject() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "gia." + UUID.randomUUID().toString().substring(0, 6) + "@example.net";
        String t = Chat.start(ingest, "dsr-erasure-" + UUID.randomUUID(), null, "203.0.113.99");
        Chat.form(ingest, t, Map.of("email", email, "name", "Gia Dsr"));
        Chat.say(ingest, t, null, "please forget me, " + email);

        String earlierAccess = open(admin, "ACCESS", email, "2025-01-02T09:00:00Z", null).getString("id");
        JsonPath opened = open(admin, "ERASURE", email.toUpperCase(), null, "Received from " + email + " by mail");
        String id = opened.getString("id");
        assertThat(opened.getString("type")).isEqualTo("ERASURE");
        assertThat(opened.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(opened.getString("subject")).isEqualTo(email);
        assertThat(opened.getList("jobs")).hasSize(1);
        assertThat(opened.getString("jobs[0].kind")).isEqualTo("ERASURE");
        assertThat(opened.getString("jobs[0].status")).isEqualTo("QUEUED");
        assertThat(opened.getString("completedAt")).isNull();

        jobs.drain();

        JsonPath done = byId(admin, id);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getString("completedAt")).isNotNull();
        assertThat(done.getString("jobs[0].status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("subject")).isEqualTo("g***@example.net");
        assertThat(done.getString("note")).isEqualTo("Received from <redacted> by mail");
        assertThat(done.getBoolean("overdue")).isFalse();
        Row row = pool.preparedQuery("select * from data_subject_request where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertThat(row.toJson().encode().toLowerCase()).doesNotContain(email).doesNotContain(email.split("@")[0]);
        assertThat(row.getString("subject_hash")).startsWith("hmac:");
        // every case file of the erased subject keeps only the mask (linked by the keyed hash)
        assertThat(byId(admin, earlierAccess).getString("subject")).isEqualTo("g***@example.net");
        assertThat(pool.preparedQuery("select count(*) from data_subject_request where tenant_id = $1 and subject ilike $2")
                .execute(Tuple.of(tenant, "%" + email + "%")).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0)).isZero();
        // the transcript is erased too, and nothing can be closed any more
        assertThat(Api.ok(admin, "query($id: ID!) { transcript(id: $id) { redactedAt } }", Map.of("id", t))
                .getString("data.transcript.redactedAt")).isNotNull();
        assertThat(Api.errorCode(admin, CLOSE, Map.of("id", id, "s", "REJECTED"))).isEqualTo("CONFLICT");
        List<String> audit = auditActions(tenant);
        assertThat(audit).contains("dsr.opened", "erasure.requested", "erasure.succeeded", "dsr.completed");
    }

    @Test
    void anErasureScrubsTheSubjectsValuesFromCaseNotesOfEveryCaseNamingThem() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String email = "zelda." + suffix + "@example.net";
        String key = "vk-zelda-" + suffix;
        String t = Chat.start(ingest, key, null, "203.0.113.42");
        Chat.form(ingest, t, Map.of("name", "Zelda Quist", "email", email, "phone", "+1 415 555 0142",
                "company", "Hyrule Widgets"));
        Chat.say(ingest, t, null, "hello");

        String own = open(admin, "ERASURE", email, null, "caller said she is Zelda; Ms Quist of Hyrule Widgets, "
                + "call back on (415) 555-0142 or mail " + email.toUpperCase() + ", widget id " + key).getString("id");
        String other = open(admin, "ACCESS", "lawyer@example.org", null, "acting for Zelda Quist (" + email + ")")
                .getString("id");
        String unrelated = open(admin, "RECTIFICATION", "bob@example.org", null, "Bob wants his zip code fixed; ticket 5521")
                .getString("id");
        String before = close(admin, unrelated, "COMPLETED", "fixed for Bob on 2025-03-01").getString("resolutionNote");

        jobs.drain();

        String ownNote = byId(admin, own).getString("note");
        assertThat(ownNote).startsWith("caller said she is <redacted>; Ms <redacted> of <redacted>, call back on")
                .doesNotContainIgnoringCase("zelda").doesNotContainIgnoringCase("quist").doesNotContainIgnoringCase("hyrule")
                .doesNotContain("555-0142").doesNotContainIgnoringCase(email).doesNotContain(key);
        assertThat(byId(admin, other).getString("note")).isEqualTo("acting for <redacted> (<redacted>)");
        JsonPath untouched = byId(admin, unrelated);
        assertThat(untouched.getString("note")).isEqualTo("Bob wants his zip code fixed; ticket 5521");
        assertThat(untouched.getString("resolutionNote")).isEqualTo(before);
        // nothing of the subject is left in any case row of the tenant
        String rows = pool.preparedQuery("select * from data_subject_request where tenant_id = $1").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(10)).stream().map(r -> r.toJson().encode()).reduce("", String::concat)
                .toLowerCase()
                // ids and timestamps are random digits that may contain 0142 by chance
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}t[0-9:.+z-]+", "<time>");
        assertThat(rows).doesNotContain("zelda").doesNotContain("quist").doesNotContain(email).doesNotContain(key)
                .doesNotContain("0142");
    }

    @Test
    void accessCaseLinksACsvAndAJsonExportAndIsCompletedAtOnce() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String t = Chat.start(ingest, "dsr-access", null, null);
        Chat.form(ingest, t, Map.of("email", "access@example.com"));
        Chat.say(ingest, t, null, "what do you know about me?");

        JsonPath opened = open(admin, "ACCESS", "Access@Example.com", null, null);
        assertThat(opened.getString("status")).isEqualTo("COMPLETED");
        assertThat(opened.getString("completedAt")).isNotNull();
        assertThat(opened.getString("subject")).isEqualTo("access@example.com");
        assertThat(opened.getList("jobs")).isEmpty();
        assertThat(opened.getList("exports.format", String.class)).containsExactlyInAnyOrder("CSV", "JSON");
        assertThat(opened.getList("exports.transcriptCount", Integer.class)).containsOnly(1);
        for (String path : opened.getList("exports.downloadPath", String.class)) {
            String body = given().header("Authorization", "Bearer " + admin).get(path).then().statusCode(200)
                    .extract().asString();
            assertThat(body).contains("what do you know about me?");
        }
        // the same links through the list (batch resolvers)
        JsonPath listed = list(admin, "COMPLETED", null);
        assertThat(ids(listed)).containsExactly(opened.getString("id"));
        assertThat(listed.getList("edges[0].node.exports.id", String.class))
                .containsExactlyInAnyOrderElementsOf(opened.getList("exports.id", String.class));
    }

    @Test
    void closingByHandCompletesOrRejectsOnlyOpenCases() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        String rectification = open(admin, "RECTIFICATION", "fix@example.com", null, null).getString("id");
        String objection = open(admin, "OBJECTION", "object@example.com", null, null).getString("id");

        assertThat(Api.errorCode(admin, CLOSE, Map.of("id", rectification, "s", "OPEN"))).isEqualTo("BAD_USER_INPUT");
        assertThat(Api.errorCode(admin, CLOSE, Map.of("id", rectification, "s", "IN_PROGRESS")))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(Api.errorCode(admin, CLOSE, Map.of("id", UUID.randomUUID().toString(), "s", "COMPLETED")))
                .isEqualTo("NOT_FOUND");
        assertThat(Api.errorCode(admin, CLOSE, Map.of("id", "nonsense", "s", "COMPLETED"))).isEqualTo("NOT_FOUND");
        assertThat(Api.errorCode(Api.token(Api.newTenant(), "privacy-admin"), CLOSE,
                Map.of("id", rectification, "s", "COMPLETED"))).isEqualTo("NOT_FOUND");
        assertThat(Api.errorCode(Api.token(tenant, "auditor"), CLOSE, Map.of("id", rectification, "s", "COMPLETED")))
                .isEqualTo("FORBIDDEN");

        JsonPath completed = close(admin, rectification, "COMPLETED", "phone number corrected");
        assertThat(completed.getString("status")).isEqualTo("COMPLETED");
        assertThat(completed.getString("completedAt")).isNotNull();
        assertThat(completed.getString("resolutionNote")).isEqualTo("phone number corrected");
        // not an erasure: the subject stays
        assertThat(completed.getString("subject")).isEqualTo("fix@example.com");
        JsonPath rejected = close(admin, objection, "REJECTED", "compelling legitimate grounds (Art. 21(1))");
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(Api.errorCode(admin, CLOSE, Map.of("id", rectification, "s", "REJECTED"))).isEqualTo("CONFLICT");
        assertThat(Api.errorCode(admin, CLOSE, Map.of("id", objection, "s", "COMPLETED"))).isEqualTo("CONFLICT");
        assertThat(auditActions(tenant)).containsSubsequence("dsr.opened", "dsr.opened", "dsr.closed", "dsr.closed");
    }

    @Test
    void anErasureCaseClosedByHandIsMaskedAndTheListPagesWithCursors() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        String erasure = open(admin, "ERASURE", "manual@example.org", null, null).getString("id");
        assertThat(close(admin, erasure, "COMPLETED", "handled outside Lethe").getString("subject"))
                .isEqualTo("m***@example.org");
        open(admin, "OBJECTION", "b@example.org", null, null);
        open(admin, "OBJECTION", "c@example.org", null, null);

        JsonPath first = list(admin, null, null, 2, null);
        assertThat(first.getInt("totalCount")).isEqualTo(3);
        assertThat(first.getBoolean("pageInfo.hasNextPage")).isTrue();
        JsonPath second = list(admin, null, null, 2, first.getString("pageInfo.endCursor"));
        assertThat(second.getBoolean("pageInfo.hasNextPage")).isFalse();
        assertThat(ids(second)).containsExactly(erasure);
    }

    static JsonPath open(String token, String type, String email, String receivedAt, String note) {
        return Api.ok(token, OPEN, Map.of("in", input(type, email, receivedAt, note)))
                .setRootPath("data.openDataSubjectRequest");
    }

    static Map<String, Object> input(String type, String email, String receivedAt, String note) {
        Map<String, Object> in = new HashMap<>();
        in.put("type", type);
        in.put("email", email);
        if (receivedAt != null) {
            in.put("receivedAt", receivedAt);
        }
        if (note != null) {
            in.put("note", note);
        }
        return in;
    }

    private static String errorOfOpen(String token, String type, String email, String receivedAt) {
        return Api.errorCode(token, OPEN, Map.of("in", input(type, email, receivedAt, null)));
    }

    static JsonPath close(String token, String id, String status, String note) {
        Map<String, Object> vars = new HashMap<>(Map.of("id", id, "s", status));
        vars.put("n", note);
        return Api.ok(token, CLOSE, vars).setRootPath("data.closeDataSubjectRequest");
    }

    private static JsonPath byId(String token, String id) {
        return Api.ok(token, "query($id: ID!) { dataSubjectRequest(id: $id) { " + FIELDS + " } }", Map.of("id", id))
                .setRootPath("data.dataSubjectRequest");
    }

    private static JsonPath list(String token, String status, Boolean overdue) {
        return list(token, status, overdue, null, null);
    }

    private static JsonPath list(String token, String status, Boolean overdue, Integer first, String after) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("s", status);
        vars.put("o", overdue);
        vars.put("first", first);
        vars.put("after", after);
        return Api.ok(token, LIST, vars).setRootPath("data.dataSubjectRequests");
    }

    private static List<String> ids(JsonPath connection) {
        return connection.getList("edges.node.id", String.class);
    }

    private List<String> auditActions(String tenant) {
        List<String> out = new java.util.ArrayList<>();
        pool.preparedQuery("select action from audit_event where tenant_id = $1 order by seq").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(10)).forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
