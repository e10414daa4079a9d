package io.lethe.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lethe.security.Hashing;
import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ExportTest {
    private static final String EXPORT = "mutation($e: String!, $f: ExportFormat) { exportVisitorData(email: $e, format: $f) {"
            + " id format transcriptCount downloadPath expiresAt } }";
    private static final String TRICKY_BODY = "Line one, with a comma\nline \"two\" with quotes\r\nGrüße 👋 日本語 — ok?";

    @Inject
    Pool pool;

    @Test
    void csvExportParsesBackWithQuotesNewlinesUnicodeAndNeutralisedFormulas() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "csv." + UUID.randomUUID().toString().substring(0, 8) + "@Example.org";
        String first = Chat.start(ingest, "csv-visitor", "2025-05-01T09:00:00Z", "198.51.100.20");
        Chat.form(ingest, first, Map.of("name", "Zoë Ångström", "email", email, "company", "=cmd|' /C calc'!A0"));
        Chat.say(ingest, first, null, TRICKY_BODY, "=HYPERLINK(\"http://evil.example\",\"click\")", "+1 212 555 0187",
                "-5 degrees", "@SUM(A1:A2)", "\tTabbed");
        Chat.upload(ingest, first, "receipt, march.pdf", "pdf bytes".getBytes(StandardCharsets.UTF_8));
        String second = Chat.start(ingest, "csv-visitor", "2025-06-01T09:00:00Z", null);
        Chat.form(ingest, second, Map.of("phone", "+44 20 7946 0958"));
        String bystander = Chat.start(ingest, "someone-else", null, null);
        Chat.say(ingest, bystander, null, "not part of the export");

        JsonPath export = Api.ok(admin, EXPORT, Map.of("e", "  " + email.toUpperCase() + " ", "f", "CSV"))
                .setRootPath("data.exportVisitorData");
        assertThat(export.getString("format")).isEqualTo("CSV");
        assertThat(export.getInt("transcriptCount")).isEqualTo(2);
        assertThat(export.getString("downloadPath")).isEqualTo("/exports/" + export.getString("id"));

        Response download = download(admin, export.getString("downloadPath"));
        download.then().statusCode(200);
        assertThat(download.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        String csv = new String(download.asByteArray(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("transcript_id,transcript_started_at,message_seq,message_sent_at,sender,sender_name,"
                + "body,visitor_key,visitor_name,visitor_email,visitor_phone,");
        List<CSVRecord> rows = parse(csv);
        // 6 messages of the first transcript + one row for the second (a form, no messages)
        assertThat(rows).hasSize(7);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("transcript_id")).isIn(first, second));
        List<String> bodies = rows.subList(0, 6).stream().map(r -> r.get("body")).toList();
        assertThat(bodies).containsExactly(TRICKY_BODY, "'=HYPERLINK(\"http://evil.example\",\"click\")",
                "'+1 212 555 0187", "'-5 degrees", "'@SUM(A1:A2)", "'\tTabbed");
        CSVRecord row = rows.get(0);
        assertThat(row.get("message_seq")).isEqualTo("1");
        assertThat(row.get("sender")).isEqualTo("VISITOR");
        assertThat(row.get("transcript_started_at")).isEqualTo("2025-05-01T09:00:00Z");
        assertThat(OffsetDateTime.parse(row.get("message_sent_at"))).isNotNull();
        assertThat(row.get("visitor_key")).isEqualTo("csv-visitor");
        assertThat(row.get("visitor_name")).isEqualTo("Zoë Ångström");
        assertThat(row.get("visitor_email")).isEqualTo(email);
        assertThat(row.get("visitor_phone")).isEqualTo("'+44 20 7946 0958");
        assertThat(row.get("form_fields")).contains("name: Zoë Ångström", "email: " + email,
                "company: =cmd|' /C calc'!A0");
        assertThat(row.get("attachments")).startsWith("receipt, march.pdf (application/octet-stream").endsWith(", 9 bytes)");
        CSVRecord formOnly = rows.get(6);
        assertThat(formOnly.get("transcript_id")).isEqualTo(second);
        assertThat(formOnly.get("message_seq")).isEmpty();
        assertThat(formOnly.get("form_fields")).isEqualTo("'phone: +44 20 7946 0958".substring(1));
        assertThat(csv).doesNotContain("not part of the export");

        // nothing with PII at rest: the export row holds ids only, the audit has the keyed hash
        Row stored = one("select * from data_export where id = $1", UUID.fromString(export.getString("id")));
        assertThat(stored.toJson().encode()).doesNotContainIgnoringCase(email);
        List<String> audit = strings("select action || ' ' || coalesce(details, '') from audit_event where tenant_id = $1"
                + " order by seq", tenant);
        assertThat(audit).anySatisfy(a -> assertThat(a).startsWith("export.created").contains("subject=hmac:"))
                .anySatisfy(a -> assertThat(a).startsWith("export.downloaded"))
                .noneSatisfy(a -> assertThat(a.toLowerCase()).contains(email.toLowerCase()));
    }

    @Test
    void jsonExportIsOneDocumentWithProfilesConsentsRetentionAndPurposes() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "json-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        String first = Chat.start(ingest, "json-visitor", "2025-01-10T08:00:00Z", "203.0.113.5");
        Chat.form(ingest, first, Map.of("email", email, "name", "Jo Json"));
        Chat.say(ingest, first, "2025-01-10T08:05:00Z", "hello 👋", "hi \"there\"");
        String fileId = Chat.upload(ingest, first, "photo.png", new byte[] { 1, 2, 3 });
        String held = Chat.start(ingest, "json-visitor", "2025-02-10T08:00:00Z", null);
        Chat.say(ingest, held, "2025-02-10T08:01:00Z", "held conversation");
        consent(ingest, "json-visitor", "marketing-email", true, "Send me offers (v1)", "2025-01-10T08:01:00Z");
        consent(ingest, "json-visitor", "chat-transcripts", true, "Keep my chats", "2025-01-10T08:02:00Z");
        consent(ingest, "json-visitor", "marketing-email", false, "Send me offers (v2)", "2025-01-11T08:00:00Z");
        Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 400}) { redactAfterDays } }");
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true, reason: \"audit\") { legalHold } }",
                Map.of("id", held));

        JsonPath export = Api.ok(admin, EXPORT, Map.of("e", email, "f", "JSON")).setRootPath("data.exportVisitorData");
        assertThat(export.getString("format")).isEqualTo("JSON");
        Response download = download(admin, export.getString("downloadPath"));
        download.then().statusCode(200);
        assertThat(download.contentType()).startsWith("application/json");
        JsonNode doc = new ObjectMapper().readTree(download.asByteArray());

        assertThat(doc.path("exportId").asText()).isEqualTo(export.getString("id"));
        assertThat(doc.path("controller").path("tenantId").asText()).isEqualTo(tenant);
        assertThat(doc.path("controller").path("processingPurposes")).isNotEmpty();
        assertThat(doc.path("controller").path("processingPurposes").get(0).asText()).contains("live chat");
        assertThat(doc.path("controller").path("retentionPolicy").path("redactAfterDays").asInt()).isEqualTo(400);

        JsonNode visitor = doc.path("visitors").get(0);
        assertThat(doc.path("visitors")).hasSize(1);
        assertThat(visitor.path("email").asText()).isEqualTo(email);
        assertThat(visitor.path("name").asText()).isEqualTo("Jo Json");
        assertThat(visitor.path("visitorKey").asText()).isEqualTo("json-visitor");
        assertThat(visitor.path("processingRestricted").asBoolean()).isFalse();
        JsonNode history = visitor.path("consentHistory");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("consentText").asText()).isEqualTo("Send me offers (v1)");
        assertThat(history.get(0).path("consentVersion").asText()).isEqualTo(Hashing.sha256Hex("Send me offers (v1)"));
        assertThat(history.get(2).path("granted").asBoolean()).isFalse();
        JsonNode current = visitor.path("consents");
        assertThat(current).hasSize(2);
        assertThat(current.get(0).path("purpose").asText()).isEqualTo("chat-transcripts");
        assertThat(current.get(0).path("granted").asBoolean()).isTrue();
        assertThat(current.get(1).path("purpose").asText()).isEqualTo("marketing-email");
        assertThat(current.get(1).path("granted").asBoolean()).isFalse();
        assertThat(current.get(1).path("consentVersion").asText()).isEqualTo(Hashing.sha256Hex("Send me offers (v2)"));

        JsonNode transcripts = doc.path("transcripts");
        assertThat(transcripts).hasSize(2);
        JsonNode t1 = transcripts.get(0);
        assertThat(t1.path("id").asText()).isEqualTo(first);
        assertThat(t1.path("startedAt").asText()).isEqualTo("2025-01-10T08:00:00Z");
        assertThat(t1.path("ipAddress").asText()).isEqualTo("203.0.113.5");
        List<String> bodies = new ArrayList<>();
        t1.path("messages").forEach(m -> bodies.add(m.path("body").asText()));
        assertThat(bodies).containsExactly("hello 👋", "hi \"there\"");
        assertThat(t1.path("messages").get(0).path("seq").asInt()).isEqualTo(1);
        assertThat(t1.path("messages").get(0).path("sender").asText()).isEqualTo("VISITOR");
        assertThat(t1.path("formFields").findValuesAsText("name")).containsExactlyInAnyOrder("email", "name");
        JsonNode file = t1.path("attachments").get(0);
        assertThat(file.path("id").asText()).isEqualTo(fileId);
        assertThat(file.path("fileName").asText()).isEqualTo("photo.png");
        assertThat(file.path("size").asInt()).isEqualTo(3);
        assertThat(file.path("destroyed").asBoolean()).isFalse();
        assertThat(file.has("content")).isFalse();
        OffsetDateTime lastActivity = OffsetDateTime.parse(t1.path("lastActivityAt").asText());
        assertThat(t1.path("retention").path("willBeRedacted").asBoolean()).isTrue();
        assertThat(t1.path("retention").path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(OffsetDateTime.parse(t1.path("retention").path("redactionDueAt").asText()))
                .isEqualTo(lastActivity.plusDays(400));
        JsonNode t2 = transcripts.get(1);
        assertThat(t2.path("legalHold").asBoolean()).isTrue();
        assertThat(t2.path("retention").path("willBeRedacted").asBoolean()).isFalse();
        assertThat(t2.path("retention").path("redactionDueAt").isNull()).isTrue();
        assertThat(t2.path("retention").path("status").asText()).isEqualTo("LEGAL_HOLD");
        // the consent clicks are noted in the visitor's latest transcript as SYSTEM messages
        assertThat(t2.path("messages")).hasSize(4);
        assertThat(t2.path("messages").get(1).path("sender").asText()).isEqualTo("SYSTEM");
        assertThat(doc.path("summary").path("messages").asInt()).isEqualTo(6);
    }

    @Test
    void downloadNeedsATokenTheRoleTheTenantAndALiveLink() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String t = Chat.start(ingest, "auth-visitor", null, null);
        Chat.form(ingest, t, Map.of("email", "auth@example.com"));
        String path = Api.ok(admin, EXPORT, Map.of("e", "auth@example.com", "f", "CSV"))
                .getString("data.exportVisitorData.downloadPath");

        given().get(path).then().statusCode(401);
        download("not-a-jwt", path).then().statusCode(401);
        download(Api.token(tenant, "agent"), path).then().statusCode(403);
        String foreign = download(Api.token(Api.newTenant(), "privacy-admin"), path).then().statusCode(404)
                .extract().asString();
        String unknown = download(admin, "/exports/" + UUID.randomUUID()).then().statusCode(404).extract().asString();
        // a coded JSON answer, the same whether the export is another tenant's or does not exist
        assertThat(foreign).isEqualTo(unknown);
        assertThat(new JsonPath(unknown).getString("code")).isEqualTo("NOT_FOUND");
        download(admin, "/exports/not-an-id").then().statusCode(404);
        download(admin, path).then().statusCode(200);

        pool.preparedQuery("update data_export set expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(UUID.fromString(path.substring("/exports/".length()))))
                .await().atMost(Duration.ofSeconds(10));
        download(admin, path).then().statusCode(410);
        // another tenant still cannot tell that it exists
        download(Api.token(Api.newTenant(), "privacy-admin"), path).then().statusCode(404);
    }

    @Test
    void exportValidatesItsInputAndRole() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        assertThat(Api.errorCode(admin, EXPORT, Map.of("e", "not an email", "f", "CSV"))).isEqualTo("BAD_USER_INPUT");
        assertThat(Api.errorCode(admin, EXPORT, Map.of("e", "a@b.co", "f", "XML"))).isEqualTo("BAD_USER_INPUT");
        assertThat(Api.errorCode(Api.token(tenant, "agent"), EXPORT, Map.of("e", "a@b.co", "f", "CSV")))
                .isEqualTo("FORBIDDEN");
        // the default format is CSV; an email nobody has gives an empty (header-only) export
        JsonPath empty = Api.ok(admin, "mutation { exportVisitorData(email: \"nobody@example.com\") { format transcriptCount"
                + " downloadPath } }").setRootPath("data.exportVisitorData");
        assertThat(empty.getString("format")).isEqualTo("CSV");
        assertThat(empty.getInt("transcriptCount")).isZero();
        String csv = download(admin, empty.getString("downloadPath")).then().statusCode(200).extract().asString();
        assertThat(parse(csv)).isEmpty();
    }

    private static Response download(String token, String path) {
        return given().header("Authorization", "Bearer " + token).get(path);
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                    .getRecords();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void consent(String ingest, String visitorKey, String purpose, boolean granted, String text,
            String at) {
        Api.ok(ingest, "mutation($k: String!, $p: String!, $g: Boolean!, $t: String!, $at: DateTime) {"
                + " recordConsent(input: {visitorKey: $k, purpose: $p, granted: $g, consentText: $t, occurredAt: $at}) { id } }",
                Map.of("k", visitorKey, "p", purpose, "g", granted, "t", text, "at", at));
    }

    private Row one(String sql, Object arg) {
        return pool.preparedQuery(sql).execute(Tuple.of(arg)).await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    private List<String> strings(String sql, Object arg) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(arg)).await().atMost(Duration.ofSeconds(10))
                .forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
