package io.lethe.visitor;

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

import io.lethe.db.Sql;
import io.lethe.security.Hashing;
import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class VisitorRightsTest {
    private static final String RESTRICT = "mutation($id: ID!, $r: Boolean!) { restrictProcessing(visitorId: $id, restricted: $r)"
            + " { id processingRestricted } }";
    private static final String RECTIFY = "mutation($id: ID!, $in: RectifyVisitorInput!) { rectifyVisitor(id: $id, input: $in)"
            + " { id name email phone visitorKey } }";

    @Inject
    Pool pool;
    @Inject
    Jobs jobs;
    @Inject
    Sql sql;

    @Test
    void aRestrictedVisitorIsHiddenFromAgentsVisibleToAdminsAndStillIngested() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String agent = Api.token(tenant, "agent");
        String transcript = Chat.start(ingest, "restrict-me", null, null);
        Chat.form(ingest, transcript, Map.of("email", "restricted@example.com"));
        Chat.say(ingest, transcript, null, "please stop processing my data");
        String fileId = Chat.upload(ingest, transcript, "id-card.jpg", new byte[] { 9, 9 });
        String other = Chat.start(ingest, "free-visitor", null, null);
        String visitorId = visitorOf(admin, transcript);

        JsonPath restricted = Api.ok(admin, RESTRICT, Map.of("id", visitorId, "r", true)).setRootPath("data.restrictProcessing");
        assertThat(restricted.getBoolean("processingRestricted")).isTrue();

        // agent: not found everywhere
        assertThat(Api.ok(agent, "query($id: ID!) { transcript(id: $id) { id } }", Map.of("id", transcript))
                .getString("data.transcript")).isNull();
        assertThat(Api.ok(agent, "query($id: ID!) { visitor(id: $id) { id } }", Map.of("id", visitorId))
                .getString("data.visitor")).isNull();
        assertThat(Api.ok(agent, "{ transcripts { totalCount edges { node { id } } } }")
                .getList("data.transcripts.edges.node.id", String.class)).containsExactly(other);
        assertThat(Api.ok(agent, "{ visitors { edges { node { visitorKey } } } }")
                .getList("data.visitors.edges.node.visitorKey", String.class)).containsExactly("free-visitor");
        assertThat(Api.ok(agent, "{ transcripts(filter: {email: \"restricted@example.com\"}) { totalCount } }")
                .getInt("data.transcripts.totalCount")).isZero();
        given().header("Authorization", "Bearer " + agent).get("/attachments/" + fileId).then().statusCode(404);

        // privacy-admin: everything, flag shown
        assertThat(Api.ok(admin, "query($id: ID!) { transcript(id: $id) { visitor { processingRestricted } messages { body } } }",
                Map.of("id", transcript)).getBoolean("data.transcript.visitor.processingRestricted")).isTrue();
        assertThat(Api.ok(admin, "{ transcripts { totalCount } }").getInt("data.transcripts.totalCount")).isEqualTo(2);
        assertThat(Api.ok(admin, "{ visitors { totalCount } }").getInt("data.visitors.totalCount")).isEqualTo(2);
        given().header("Authorization", "Bearer " + admin).get("/attachments/" + fileId).then().statusCode(200);

        // storage is still allowed: the chat product keeps writing
        Chat.say(ingest, transcript, null, "a later message");
        String again = Chat.start(ingest, "restrict-me", null, null);
        assertThat(Api.ok(admin, "query($id: ID!) { transcript(id: $id) { messages { body } } }", Map.of("id", transcript))
                .getList("data.transcript.messages.body", String.class)).contains("a later message");
        assertThat(Api.ok(agent, "query($id: ID!) { transcript(id: $id) { id } }", Map.of("id", again))
                .getString("data.transcript")).isNull();

        // only admins restrict; lifting it shows the visitor again
        assertThat(Api.errorCode(agent, RESTRICT, Map.of("id", visitorId, "r", false))).isEqualTo("FORBIDDEN");
        assertThat(Api.errorCode(Api.token(Api.newTenant(), "privacy-admin"), RESTRICT, Map.of("id", visitorId, "r", false)))
                .isEqualTo("NOT_FOUND");
        Api.ok(admin, RESTRICT, Map.of("id", visitorId, "r", false));
        assertThat(Api.ok(agent, "query($id: ID!) { transcript(id: $id) { id } }", Map.of("id", transcript))
                .getString("data.transcript.id")).isEqualTo(transcript);
        assertThat(audit(tenant)).contains("visitor.processing-restricted Visitor " + visitorId,
                "visitor.processing-unrestricted Visitor " + visitorId);
    }

    @Test
    void rectificationValidatesUpdatesAndAuditsFieldNamesOnly() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String transcript = Chat.start(ingest, "rectify-me", null, null);
        Chat.form(ingest, transcript, Map.of("name", "Jon Smyth", "email", "jon.old@example.com", "phone", "+1 415 555 0100"));
        String visitorId = visitorOf(admin, transcript);

        assertThat(rectifyError(admin, visitorId, Map.of("email", "not an email"))).isEqualTo("BAD_USER_INPUT");
        assertThat(rectifyError(admin, visitorId, Map.of("phone", "12"))).isEqualTo("BAD_USER_INPUT");
        assertThat(rectifyError(admin, visitorId, Map.of("phone", "call me maybe"))).isEqualTo("BAD_USER_INPUT");
        assertThat(rectifyError(admin, visitorId, Map.of("name", "x".repeat(201)))).isEqualTo("BAD_USER_INPUT");
        assertThat(rectifyError(admin, visitorId, Map.of())).isEqualTo("BAD_USER_INPUT");
        assertThat(rectifyError(admin, UUID.randomUUID().toString(), Map.of("name", "X"))).isEqualTo("NOT_FOUND");
        assertThat(rectifyError(Api.token(Api.newTenant(), "privacy-admin"), visitorId, Map.of("name", "X")))
                .isEqualTo("NOT_FOUND");
        assertThat(rectifyError(Api.token(tenant, "agent"), visitorId, Map.of("name", "X"))).isEqualTo("FORBIDDEN");

        JsonPath fixed = Api.ok(admin, RECTIFY, Map.of("id", visitorId, "in",
                Map.of("name", " John Smith ", "email", "john.smith@example.com", "phone", "(415) 555-0199")))
                .setRootPath("data.rectifyVisitor");
        assertThat(fixed.getString("name")).isEqualTo("John Smith");
        assertThat(fixed.getString("email")).isEqualTo("john.smith@example.com");
        assertThat(fixed.getString("phone")).isEqualTo("(415) 555-0199");
        assertThat(fixed.getString("visitorKey")).isEqualTo("rectify-me");
        // only what is given changes; an empty string clears a field
        Map<String, Object> clearPhone = new HashMap<>();
        clearPhone.put("phone", "");
        clearPhone.put("name", "John Smith");
        JsonPath cleared = Api.ok(admin, RECTIFY, Map.of("id", visitorId, "in", clearPhone)).setRootPath("data.rectifyVisitor");
        assertThat(cleared.getString("phone")).isNull();
        assertThat(cleared.getString("email")).isEqualTo("john.smith@example.com");
        // the rectified email is what lookups by email find now
        assertThat(Api.ok(admin, "{ visitors(filter: {email: \"JOHN.SMITH@example.com\"}) { totalCount } }")
                .getInt("data.visitors.totalCount")).isEqualTo(1);

        List<String> audit = audit(tenant);
        assertThat(audit).contains("visitor.rectified Visitor " + visitorId + " fields=name,email,phone",
                "visitor.rectified Visitor " + visitorId + " fields=phone");
        // the random visitor id may itself contain digits such as 555, so it is taken out first
        List<String> auditWithoutId = audit.stream().map(a -> a.replace(visitorId, "<visitor>")).toList();
        for (String value : List.of("Jon", "Smyth", "Smith", "jon.old", "john.smith", "555", "0199")) {
            assertThat(auditWithoutId).noneSatisfy(a -> assertThat(a).containsIgnoringCase(value));
        }
    }

    @Test
    void anErasedVisitorCannotBeRectified() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String transcript = Chat.start(ingest, "erase-then-rectify", null, null);
        Chat.form(ingest, transcript, Map.of("email", "gone@example.com"));
        String visitorId = visitorOf(admin, transcript);
        Api.ok(admin, "mutation { requestErasure(input: {email: \"gone@example.com\"}) { id } }");
        jobs.drain();
        assertThat(rectifyError(admin, visitorId, Map.of("name", "Back Again"))).isEqualTo("CONFLICT");
    }

    @Test
    void consentsShowTheLatestEventPerPurposeBesideTheHistoryInOneStatementEach() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String transcript = Chat.start(ingest, "consenting", null, null);
        String visitorId = visitorOf(admin, transcript);
        consent(ingest, "consenting", "marketing-email", true, "Offers please (v1)", "2025-01-01T10:00:00Z");
        consent(ingest, "consenting", "chat-transcripts", true, "Keep my chats", "2025-01-01T10:01:00Z");
        consent(ingest, "consenting", "marketing-email", false, "Offers please (v2)", "2025-02-01T10:00:00Z");
        // an older click imported late does not override the newer one
        consent(ingest, "consenting", "marketing-email", true, "Offers please (v0)", "2024-12-01T10:00:00Z");
        Chat.start(ingest, "second-visitor", null, null);
        consent(ingest, "second-visitor", "marketing-email", true, "Offers please (v1)", "2025-01-05T10:00:00Z");
        Chat.start(ingest, "third-visitor", null, null);

        JsonPath visitor = Api.ok(admin, "query($id: ID!) { visitor(id: $id) { consents { purpose granted consentVersion"
                + " consentText occurredAt } consentEvents { purpose granted occurredAt } } }", Map.of("id", visitorId))
                .setRootPath("data.visitor");
        assertThat(visitor.getList("consents.purpose", String.class)).containsExactly("chat-transcripts", "marketing-email");
        assertThat(visitor.getList("consents.granted", Boolean.class)).containsExactly(true, false);
        assertThat(visitor.getString("consents[1].consentVersion")).isEqualTo(Hashing.sha256Hex("Offers please (v2)"));
        assertThat(visitor.getString("consents[1].consentText")).isEqualTo("Offers please (v2)");
        assertThat(visitor.getString("consents[1].occurredAt")).isEqualTo("2025-02-01T10:00:00Z");
        assertThat(visitor.getList("consentEvents.occurredAt", String.class)).containsExactly("2024-12-01T10:00:00Z",
                "2025-01-01T10:00:00Z", "2025-01-01T10:01:00Z", "2025-02-01T10:00:00Z");

        // a page of visitors with both fields: page + one statement per field (no totalCount selected: no count)
        double before = sql.statementCount();
        JsonPath page = Api.ok(admin, "{ visitors { edges { node { visitorKey consents { purpose granted }"
                + " consentEvents { purpose } } } } }");
        assertThat(sql.statementCount() - before).isEqualTo(3);
        assertThat(page.getList("data.visitors.edges.node.visitorKey", String.class)).hasSize(3);
        List<List<Object>> consents = page.get("data.visitors.edges.node.consents");
        assertThat(consents.stream().map(List::size).toList()).containsExactlyInAnyOrder(0, 1, 2);

        // agents see current consent, not the history
        String agent = Api.token(tenant, "agent");
        assertThat(Api.ok(agent, "query($id: ID!) { visitor(id: $id) { consents { purpose granted } } }",
                Map.of("id", visitorId)).getList("data.visitor.consents.purpose", String.class)).hasSize(2);
        assertThat(Api.errorCode(agent, "query($id: ID!) { visitor(id: $id) { consentEvents { purpose } } }",
                Map.of("id", visitorId))).isEqualTo("FORBIDDEN");
    }

    private static String visitorOf(String admin, String transcriptId) {
        return Api.ok(admin, "query($id: ID!) { transcript(id: $id) { visitor { id } } }", Map.of("id", transcriptId))
                .getString("data.transcript.visitor.id");
    }

    private static String rectifyError(String token, String visitorId, Map<String, Object> input) {
        return Api.errorCode(token, RECTIFY, Map.of("id", visitorId, "in", input));
    }

    private static void consent(String ingest, String visitorKey, String purpose, boolean granted, String text, String at) {
        Api.ok(ingest, "mutation($k: String!, $p: String!, $g: Boolean!, $t: String!, $at: DateTime) {"
                + " recordConsent(input: {visitorKey: $k, purpose: $p, granted: $g, consentText: $t, occurredAt: $at}) { id } }",
                Map.of("k", visitorKey, "p", purpose, "g", granted, "t", text, "at", at));
    }

    private List<String> audit(String tenant) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("select action || ' ' || coalesce(target_type, '') || ' ' || coalesce(target_id, '')"
                + " || coalesce(' ' || details, '') from audit_event where tenant_id = $1 order by seq")
                .execute(Tuple.of(tenant)).await().atMost(Duration.ofSeconds(10)).forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
