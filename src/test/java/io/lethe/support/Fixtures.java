package io.lethe.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Shortcuts for the API tests: the chat product's calls, full reads, and SQL counts for "nothing written". */
public final class Fixtures {
    /** Every contract field of a transcript, nested ones included. */
    public static final String TRANSCRIPT_FIELDS = "id startedAt endedAt redactedAt legalHold"
            + " visitor { id visitorKey name email phone ipAddress firstSeenAt lastSeenAt redactedAt processingRestricted }"
            + " messages { id seq sender senderName body sentAt } formFields { name value }"
            + " attachments { id fileName contentType size destroyed }";
    public static final String VISITOR_FIELDS = "id visitorKey name email phone ipAddress firstSeenAt lastSeenAt redactedAt"
            + " processingRestricted";
    public static final String CONSENT_FIELDS = "id transcriptId purpose granted consentText consentVersion occurredAt"
            + " visitor { id visitorKey }";

    private Fixtures() {
    }

    public static String start(String ingest, String visitorKey) {
        return start(ingest, visitorKey, null, null);
    }

    public static String start(String ingest, String visitorKey, String startedAt, String ip) {
        return Chat.start(ingest, visitorKey, startedAt, ip);
    }

    public static Map<String, Object> msg(String sender, String body) {
        return msg(sender, body, null);
    }

    public static Map<String, Object> msg(String sender, String body, String sentAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("sender", sender);
        m.put("body", body);
        m.put("sentAt", sentAt);
        return m;
    }

    public static final String APPEND = "mutation($id: ID!, $m: [MessageInput!]!) { appendMessages(transcriptId: $id, messages: $m)"
            + " { id messages { seq sender senderName body sentAt } } }";
    public static final String SUBMIT = "mutation($id: ID!, $f: [FormFieldInput!]!) { submitForm(transcriptId: $id, fields: $f)"
            + " { id formFields { name value } visitor { name email phone } } }";
    public static final String END = "mutation($id: ID!, $at: DateTime) { endTranscript(transcriptId: $id, endedAt: $at) { id endedAt } }";
    public static final String CONSENT = "mutation($in: ConsentInput!) { recordConsent(input: $in) { " + CONSENT_FIELDS + " } }";
    public static final String READ = "query($id: ID!) { transcript(id: $id) { " + TRANSCRIPT_FIELDS + " } }";

    public static Response append(String ingest, String transcriptId, List<Map<String, Object>> messages) {
        return Api.post(ingest, APPEND, Map.of("id", transcriptId, "m", messages));
    }

    public static void appendOk(String ingest, String transcriptId, List<Map<String, Object>> messages) {
        Api.ok(ingest, APPEND, Map.of("id", transcriptId, "m", messages));
    }

    public static List<Map<String, Object>> bodies(String... bodies) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String body : bodies) {
            out.add(msg("VISITOR", body));
        }
        return out;
    }

    public static Map<String, Object> field(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    public static Map<String, Object> consent(String visitorKey, String transcriptId, String purpose, boolean granted,
            String text) {
        Map<String, Object> input = new HashMap<>();
        input.put("visitorKey", visitorKey);
        input.put("transcriptId", transcriptId);
        input.put("purpose", purpose);
        input.put("granted", granted);
        input.put("consentText", text);
        return input;
    }

    public static JsonPath read(String agentToken, String transcriptId) {
        return Api.ok(agentToken, READ, Map.of("id", transcriptId));
    }

    public static String upload(String ingest, String transcriptId, String fileName, String contentType, byte[] bytes) {
        return given().header("Authorization", "Bearer " + ingest).header("X-File-Name", fileName)
                .contentType(contentType).body(bytes)
                .post("/transcripts/" + transcriptId + "/attachments")
                .then().statusCode(201).extract().jsonPath().getString("id");
    }

    /** The first error's code, asserting the whole error is client-safe (no stack trace, SQL or class names). */
    public static String code(JsonPath errors) {
        String message = errors.getString("errors[0].message");
        assertSafe(message);
        return errors.getString("errors[0].extensions.code");
    }

    public static void assertSafe(String message) {
        assertThat(message).as("error message").isNotBlank()
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("\tat ", "io.lethe", "java.", "org.hibernate", "io.vertx", "io.smallrye")
                .doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("insert into")
                .doesNotContainIgnoringCase("sqlstate");
    }

    public static long count(Pool pool, String sql, Object... args) {
        Row row = pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next();
        return row.getLong(0);
    }

    /** Rows of every kind the tenant owns: "nothing written" means this did not change. */
    public static long tenantRows(Pool pool, String tenant) {
        return count(pool, "select (select count(*) from visitor where tenant_id = $1)"
                + " + (select count(*) from transcript where tenant_id = $1)"
                + " + (select count(*) from message where tenant_id = $1)"
                + " + (select count(*) from form_field where tenant_id = $1)"
                + " + (select count(*) from attachment where tenant_id = $1)"
                + " + (select count(*) from consent_event where tenant_id = $1)", tenant);
    }
}
