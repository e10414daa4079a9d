package io.lethe.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Fuzzes the whole error surface with what a careless or hostile client sends: broken envelopes,
 * wrong encodings and media types, malformed documents and variables, and bad REST calls. Whatever
 * the input: no 5xx, every error is JSON with a code, and no message names a Java class, an AST
 * node, an internal code or a stack frame. Runs against the packaged application too
 * ({@code ErrorSurfaceIT}), so it only uses what a client has: HTTP and signed tokens.
 */
@QuarkusTest
public class ErrorSurfaceTest {
    static final Set<String> CODES = Set.of("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT", "CONFLICT",
            "INTERNAL", "UNAVAILABLE", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "GONE", "PAYLOAD_TOO_LARGE",
            "UNSUPPORTED_MEDIA_TYPE");
    /** What must never be in a message: implementation names, AST dumps, Java types, stack frames. */
    static final Pattern LEAK = Pattern.compile("SRGQL|ObjectValue|StringValue|IntValue|FloatValue|EnumValue|ArrayValue"
            + "|NullValue|ObjectField|VariableReference|graphql\\.|java\\.|jakarta\\.|io\\.(lethe|smallrye|quarkus|vertx)"
            + "|org\\.(hibernate|jboss|eclipse)|Exception|HashMap|ArrayList|BigDecimal|BigInteger|\\bat [\\w$.]+\\(|\\tat "
            + "|Unknown Scalar Type|Error id|sqlstate|Unable to find matching|RESTEASY", Pattern.CASE_INSENSITIVE);
    static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final String ALL_ROLES = "privacy-admin,agent,auditor,ingest";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    record Raw(int status, String contentType, String body) {
    }

    record Case(String name, String method, String contentType, String accept, byte[] body, int status) {
    }

    // --- GraphQL envelopes -------------------------------------------------------------------

    @Test
    void malformedEnvelopesAreCodedClientErrors() {
        String token = token();
        List<Case> cases = new ArrayList<>();
        String json = "application/json";
        for (String bad : List.of("\"x\"", "[1]", "5", "true")) {
            cases.add(new Case("variables " + bad, "POST", json, null, utf8("{\"query\":\"{ __typename }\",\"variables\":" + bad + "}"), 400));
        }
        for (String bad : List.of("5", "{}", "[\"A\"]", "true")) {
            cases.add(new Case("operationName " + bad, "POST", json, null, utf8("{\"query\":\"{ __typename }\",\"operationName\":" + bad + "}"), 400));
        }
        cases.add(new Case("extensions 5", "POST", json, null, utf8("{\"query\":\"{ __typename }\",\"extensions\":5}"), 400));
        for (String bad : List.of("5", "null", "[]", "{}", "true")) {
            cases.add(new Case("query " + bad, "POST", json, null, utf8("{\"query\":" + bad + "}"), 400));
        }
        for (String bad : List.of("", " ", "{}", "[]", "null", "42", "\"{ __typename }\"", "not json", "{nope",
                "{\"query\":\"{ __typename }\"} trailing", "{\"query\":\"{ __typename }\", /* comment */ \"a\": 1}",
                "{\"query\":\"{ __typename }\",}", "[".repeat(5000) + "]".repeat(5000), "{\"query\":\"" + "\\ud800" + "\"")) {
            cases.add(new Case("body " + abbreviate(bad), "POST", json, null, utf8(bad), 400));
        }
        byte[] valid = utf8("{\"query\":\"{ __typename }\"}");
        cases.add(new Case("UTF-8 BOM", "POST", json, null, concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, valid), 400));
        cases.add(new Case("UTF-16 with BOM", "POST", json, null, "{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_16), 400));
        cases.add(new Case("UTF-16LE", "POST", json, null, "{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_16LE), 400));
        cases.add(new Case("Latin-1 bytes", "POST", json, null, "{\"query\":\"{ transcript(id: \\\"é\\\") { id } }\"}".getBytes(StandardCharsets.ISO_8859_1), 400));
        cases.add(new Case("declared UTF-16", "POST", "application/json; charset=UTF-16", null, valid, 415));
        cases.add(new Case("text/plain", "POST", "text/plain", null, valid, 415));
        cases.add(new Case("form-encoded", "POST", "application/x-www-form-urlencoded", null, valid, 415));
        cases.add(new Case("multipart", "POST", "multipart/form-data; boundary=x", null, valid, 415));
        cases.add(new Case("xml", "POST", "application/xml", null, valid, 415));
        cases.add(new Case("no Content-Type", "POST", null, null, valid, 415));
        cases.add(new Case("Accept text/html", "POST", json, "text/html", valid, 406));
        cases.add(new Case("Accept image/png", "POST", json, "image/png", valid, 406));
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            cases.add(new Case(method, method, null, null, null, 405));
        }
        for (Case c : cases) {
            Raw raw = send(c.method(), "/graphql" + (c.method().equals("GET") ? "?query=%7B__typename%7D" : ""), token,
                    c.contentType(), c.accept(), c.body());
            assertThat(raw.status()).as(c.name() + " -> " + raw.body()).isEqualTo(c.status());
            assertGraphqlErrors(c.name(), raw);
        }
    }

    @Test
    void anUnauthenticatedGraphqlRequestGetsAGraphqlErrorBody() {
        for (String authorization : new String[] { null, "Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "Bearer " }) {
            Raw raw = send("POST", "/graphql", null, "application/json", null, utf8("{\"query\":\"{ __typename }\"}"),
                    authorization);
            assertThat(raw.status()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(codes(assertGraphqlErrors("401 " + authorization, raw))).containsExactly("UNAUTHENTICATED");
        }
    }

    // --- GraphQL documents and variables ------------------------------------------------------

    @Test
    void malformedDocumentsAndVariablesAreCodedAndClean() {
        String token = token();
        List<Object[]> cases = List.of(
                doc("{ transcripts(first: 3.5) { totalCount } }"),
                doc("{ transcripts(first: \"x\") { totalCount } }"),
                doc("{ transcripts(first: {a: 1}) { totalCount } }"),
                doc("{ transcripts(first: [1]) { totalCount } }"),
                doc("{ transcripts(first: 99999999999999999999) { totalCount } }"),
                doc("{ transcripts(frist: 1) { totalCount } }"),
                doc("{ transcripts { totalCont } }"),
                doc("{ transcripts { edges { node { visitr } } } }"),
                doc("{ transcript { id } }"),
                doc("{ transcript(id: null) { id } }"),
                doc("{ transcript(id: \"x\") }"),
                doc("{ transcripts }"),
                doc("{ transcripts { totalCount { x } } }"),
                doc("{ nope }"),
                doc("query($f: Foo) { transcripts(first: $f) { totalCount } }"),
                doc("query($f: String) { transcripts(first: $f) { totalCount } }"),
                doc("query($f: Int!) { transcripts(first: $f) { totalCount } }"),
                vars("query($f: Int!) { transcripts(first: $f) { totalCount } }", map("f", null)),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", "abc")),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", Map.of("a", 1))),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", List.of(1))),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", true)),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", 2147483648L)),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", 1e10)),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", 3.5)),
                vars("query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", -0.5)),
                vars("query($f: Int) { auditLog(first: $f) { totalCount } }", Map.of("f", 1e300)),
                vars("query($s: JobStatus) { redactionJobs(status: $s) { totalCount } }", Map.of("s", "NOPE")),
                vars("query($s: JobStatus) { redactionJobs(status: $s) { totalCount } }", Map.of("s", 5)),
                doc("{ redactionJobs(status: NOPE) { totalCount } }"),
                doc("{ redactionJobs(status: \"QUEUED\") { totalCount } }"),
                doc("mutation { openDataSubjectRequest(input: {type: NOPE, email: \"a@b.co\"}) { id } }"),
                vars("mutation($i: DataSubjectRequestInput!) { openDataSubjectRequest(input: $i) { id } }",
                        Map.of("i", Map.of("type", "NOPE", "email", "a@b.co"))),
                vars("mutation($i: DataSubjectRequestInput!) { openDataSubjectRequest(input: $i) { id } }",
                        Map.of("i", Map.of("type", "ACCESS", "email", "a@b.co", "bogus", 1))),
                vars("mutation($i: DataSubjectRequestInput!) { openDataSubjectRequest(input: $i) { id } }", Map.of("i", "ACCESS")),
                vars("mutation($i: DataSubjectRequestInput!) { openDataSubjectRequest(input: $i) { id } }", Map.of("i", List.of())),
                vars("mutation($i: DataSubjectRequestInput!) { openDataSubjectRequest(input: $i) { id } }",
                        Map.of("i", Map.of("type", "ACCESS", "email", 5))),
                vars("mutation($i: DataSubjectRequestInput!) { openDataSubjectRequest(input: $i) { id } }",
                        Map.of("i", Map.of("type", "ACCESS", "email", Map.of("x", 1)))),
                vars("mutation($i: RetentionPolicyInput!) { setRetentionPolicy(input: $i) { redactAfterDays } }",
                        Map.of("i", Map.of("redactAfterDays", 1e10))),
                vars("mutation($i: RetentionPolicyInput!) { setRetentionPolicy(input: $i) { redactAfterDays } }",
                        Map.of("i", Map.of("redactAfterDays", "ninety"))),
                doc("mutation { openDataSubjectRequest(input: {type: ACCESS, email: \"a@b.co\", bogus: 1}) { id } }"),
                doc("mutation { openDataSubjectRequest(input: {email: \"a@b.co\"}) { id } }"),
                doc("mutation { openDataSubjectRequest(input: \"x\") { id } }"),
                doc("mutation { openDataSubjectRequest(input: {type: ACCESS, email: {a: 1}}) { id } }"),
                doc("mutation { openDataSubjectRequest(input: {type: [ACCESS], email: \"a@b.co\"}) { id } }"),
                doc("mutation { startTranscript(input: {visitorKey: \"k\", startedAt: \"yesterday\"}) { id } }"),
                vars("mutation($t: DateTime) { startTranscript(input: {visitorKey: \"k\", startedAt: $t}) { id } }", Map.of("t", "yesterday")),
                vars("mutation($t: DateTime) { startTranscript(input: {visitorKey: \"k\", startedAt: $t}) { id } }", Map.of("t", 5)),
                doc("mutation { appendMessages(transcriptId: \"x\", messages: [{sender: ROBOT, body: \"b\"}]) { id } }"),
                doc("mutation { appendMessages(transcriptId: \"x\", messages: {sender: VISITOR}) { id } }"),
                doc("mutation { appendMessages(transcriptId: \"x\", messages: [[{sender: VISITOR, body: \"b\"}]]) { id } }"),
                doc("{ transcripts { ...F } }"),
                doc("fragment F on Transcript { id } { transcripts { totalCount } }"),
                doc("{ transcripts { ... on Visitor { id } } }"),
                doc("fragment A on Transcript { ...B } fragment B on Transcript { ...A } { transcript(id: \"x\") { ...A } }"),
                doc("query A { __typename } query A { __typename }"),
                doc("query A { __typename } query B { __typename }"),
                doc("subscription { x }"),
                doc("{ transcripts @nope { totalCount } }"),
                doc("{ transcripts @skip { totalCount } }"),
                doc("query($a: Int, $a: Int) { __typename }"),
                doc("query($a: Int) { __typename }"),
                doc("{ __typename(x: 1) }"),
                doc("{ x: transcripts { totalCount } x: visitors { totalCount } }"),
                doc("{ transcripts(filter: {emial: \"x\"}) { totalCount } }"),
                doc("{ transcripts(filter: 5) { totalCount } }"),
                doc("{ transcripts(filter: {startedAfter: \"last tuesday\"}) { totalCount } }"),
                doc("{ transcripts(first: 1, first: 2) { totalCount } }"),
                doc("{ transcripts { totalCount "),
                doc("{ transcript(id: \"abc) { id } }"),
                doc("query { transcripts(first: $undefined) { totalCount } }"),
                doc("{ transcripts(first: 0) { totalCount } }"),
                doc("{ transcripts(first: -1) { totalCount } }"),
                doc("{ transcripts(after: \"garbage\") { totalCount } }"),
                doc("mutation { setRetentionPolicy(input: {redactAfterDays: 0}) { redactAfterDays } }"),
                vars("{ transcripts(filter: {email: $e}) { totalCount } }", Map.of("e", "x")),
                vars("query($e: String) { transcripts(filter: {email: $e}) { totalCount } }", Map.of("e", "a\u0000b@x.co")),
                vars("mutation($k: String!) { startTranscript(input: {visitorKey: $k}) { id } }", Map.of("k", "a\u0000b")),
                vars("mutation($k: String!) { requestErasure(input: {email: \"a@b.co\", idempotencyKey: $k}) { id } }",
                        Map.of("k", "k\u0000")));
        for (Object[] c : cases) {
            String query = (String) c[0];
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) c[1];
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("query", query);
            envelope.put("variables", variables);
            var response = given().header("Authorization", "Bearer " + token).contentType("application/json")
                    .body(envelope).post("/graphql");
            Raw raw = new Raw(response.statusCode(), response.contentType(), response.asString());
            assertThat(raw.status()).as(query + " " + variables + " -> " + raw.body()).isEqualTo(200);
            JsonPath json = assertGraphqlErrors(query, raw);
            assertThat(codes(json)).as(query + " " + variables + " -> " + raw.body()).containsOnly("BAD_USER_INPUT");
        }
    }

    @Test
    void validationMessagesArePlainSentencesWithSuggestions() {
        String token = token();
        assertThat(firstMessage(token, "{ transcripts { edges { node { visitr } } } }", Map.of()))
                .startsWith("Unknown field `visitr` on `Transcript`; did you mean `visitor`");
        assertThat(firstMessage(token, "{ transcripts(frist: 1) { totalCount } }", Map.of()))
                .isEqualTo("Unknown argument `frist` on field `transcripts`; did you mean `first`?");
        assertThat(firstMessage(token, "{ transcripts(filter: {emial: \"x\"}) { totalCount } }", Map.of()))
                .contains("`TranscriptFilter` has no field `emial`").contains("did you mean `email`?");
        assertThat(firstMessage(token, "{ redactionJobs(status: NOPE) { totalCount } }", Map.of()))
                .contains("`status`").contains("QUEUED").contains("SUCCEEDED");
        assertThat(firstMessage(token, "{ transcripts(first: {a: 1}) { totalCount } }", Map.of()))
                .isEqualTo("Argument `first` must be a whole number (Int, -2147483648 to 2147483647)");
        assertThat(firstMessage(token, "query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", List.of(1))))
                .isEqualTo("Variable `$f` must be a whole number (Int, -2147483648 to 2147483647), not a list");
        for (Object big : List.of(2147483648L, 1e10, 3.5)) {
            assertThat(firstMessage(token, "query($f: Int) { transcripts(first: $f) { totalCount } }", Map.of("f", big)))
                    .as(String.valueOf(big)).isEqualTo("Variable `$f` must be a whole number (Int, -2147483648 to 2147483647)");
        }
        assertThat(firstMessage(token, "mutation($i: RetentionPolicyInput!) { setRetentionPolicy(input: $i) { redactAfterDays } }",
                Map.of("i", Map.of("redactAfterDays", 3.5)))).contains("`$i`").contains("`redactAfterDays`").contains("whole number");
        assertThat(firstMessage(token, "{ transcripts { totalCount ", Map.of())).contains("line 1, column");
    }

    @Test
    void aNulCharacterInAnyTextArgumentIsBadUserInputAndStoresNothing() {
        String tenant = Api.newTenant();
        String token = Api.token(tenant, ALL_ROLES.split(","));
        for (Object[] c : List.of(
                vars("mutation($k: String!) { startTranscript(input: {visitorKey: $k}) { id } }", Map.of("k", "a\u0000b")),
                vars("query($e: String) { transcripts(filter: {text: $e}) { totalCount } }", Map.of("e", "x\u0000")),
                vars("query($e: String) { transcripts(filter: {email: $e}) { totalCount } }", Map.of("e", "a\u0000b@x.co")),
                vars("mutation($k: String!) { requestErasure(input: {email: \"a@b.co\", idempotencyKey: $k}) { id } }",
                        Map.of("k", "k\u0000")))) {
            @SuppressWarnings("unchecked")
            JsonPath errors = Api.errors(token, (String) c[0], (Map<String, Object>) c[1]);
            assertThat(errors.getList("errors.extensions.code", String.class)).as(c[0] + " " + errors.prettify())
                    .containsOnly("BAD_USER_INPUT");
        }
        assertThat(Api.ok(token, "{ transcripts { totalCount } redactionJobs { totalCount } }")
                .getInt("data.transcripts.totalCount")).isZero();
    }

    @Test
    void aliasedSiblingsOfEveryRootQueryAllAnswer() {
        String token = token();
        String id = UUID.randomUUID().toString();
        String query = "{ "
                + "a1: retentionPolicy { redactAfterDays } a2: retentionPolicy { redactAfterDays } "
                + "b1: transcripts { totalCount } b2: transcripts(first: 1) { totalCount } "
                + "c1: visitors { totalCount } c2: visitors { totalCount } "
                + "d1: redactionJobs { totalCount } d2: redactionJobs { totalCount } "
                + "e1: auditLog { totalCount } e2: auditLog { totalCount } "
                + "f1: dataSubjectRequests { totalCount } f2: dataSubjectRequests { totalCount } "
                + "g1: transcript(id: \"" + id + "\") { id } g2: transcript(id: \"" + id + "\") { id } "
                + "h1: visitor(id: \"" + id + "\") { id } h2: visitor(id: \"" + id + "\") { id } "
                + "i1: redactionJob(id: \"" + id + "\") { id } i2: redactionJob(id: \"" + id + "\") { id } "
                + "j1: consentEvents(visitorId: \"" + id + "\") { purpose } j2: consentEvents(visitorId: \"" + id + "\") { purpose } "
                + "}";
        JsonPath json = Api.ok(token, query);
        assertThat(json.getMap("data.a1")).containsEntry("redactAfterDays", null);
        assertThat(json.getMap("data.a2")).containsEntry("redactAfterDays", null);
        assertThat(json.getInt("data.b1.totalCount")).isZero();
    }

    @Test
    void forbiddenNamesTheRolesThatWouldBeAllowed() {
        String agent = Api.token(Api.newTenant(), "agent");
        JsonPath errors = Api.errors(agent, "mutation { setRetentionPolicy(input: {redactAfterDays: 30}) { redactAfterDays } }", Map.of());
        assertThat(codes(errors)).containsExactly("FORBIDDEN");
        // refused before anything runs, naming the field and the role it needs
        assertThat(errors.getString("errors[0].message")).contains("setRetentionPolicy").contains("privacy-admin");
        JsonPath reads = Api.errors(Api.token(Api.newTenant(), "ingest"), "{ transcripts { totalCount } }", Map.of());
        assertThat(reads.getString("errors[0].message")).contains("agent, privacy-admin");

        var upload = given().header("Authorization", "Bearer " + agent).header("X-File-Name", "a.txt")
                .contentType("application/octet-stream").body(new byte[] { 1 })
                .post("/transcripts/" + UUID.randomUUID() + "/attachments");
        assertRestError(upload.statusCode(), upload.contentType(), upload.asString(), 403, "FORBIDDEN");
        assertThat(upload.jsonPath().getString("message")).contains("ingest");
    }

    // --- REST ---------------------------------------------------------------------------------

    @Test
    void everyRestErrorIsCodedJson() {
        String tenant = Api.newTenant();
        String agent = Api.token(tenant, "agent");
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String missing = UUID.randomUUID().toString();
        String transcript = Api.ok(ingest, "mutation { startTranscript(input: {visitorKey: \"v-rest\"}) { id } }")
                .getString("data.startTranscript.id");
        record Rest(String name, String method, String path, String token, String contentType, byte[] body,
                Map<String, String> headers, int status, String code) {
        }
        byte[] one = { 1 };
        List<Rest> cases = List.of(
                new Rest("anonymous download", "GET", "/attachments/" + missing, null, null, null, Map.of(), 401, "UNAUTHENTICATED"),
                new Rest("bad token download", "GET", "/attachments/" + missing, "not-a-jwt", null, null, Map.of(), 401, "UNAUTHENTICATED"),
                new Rest("wrong role download", "GET", "/attachments/" + missing, ingest, null, null, Map.of(), 403, "FORBIDDEN"),
                new Rest("unknown attachment", "GET", "/attachments/" + missing, agent, null, null, Map.of(), 404, "NOT_FOUND"),
                new Rest("malformed attachment id", "GET", "/attachments/not-a-uuid", agent, null, null, Map.of(), 404, "NOT_FOUND"),
                new Rest("attachment sub-path", "GET", "/attachments/" + missing + "/x", agent, null, null, Map.of(), 404, "NOT_FOUND"),
                new Rest("delete attachment", "DELETE", "/attachments/" + missing, agent, null, null, Map.of(), 405, "METHOD_NOT_ALLOWED"),
                new Rest("anonymous upload", "POST", "/transcripts/" + transcript + "/attachments", null, "application/pdf", one,
                        Map.of("X-File-Name", "a.pdf"), 401, "UNAUTHENTICATED"),
                new Rest("wrong role upload", "POST", "/transcripts/" + transcript + "/attachments", agent, "application/pdf", one,
                        Map.of("X-File-Name", "a.pdf"), 403, "FORBIDDEN"),
                new Rest("upload without a name", "POST", "/transcripts/" + transcript + "/attachments", ingest, "application/pdf",
                        one, Map.of(), 400, "BAD_USER_INPUT"),
                new Rest("upload to unknown transcript", "POST", "/transcripts/" + missing + "/attachments", ingest,
                        "application/pdf", one, Map.of("X-File-Name", "a.pdf"), 404, "NOT_FOUND"),
                new Rest("upload to malformed id", "POST", "/transcripts/x/attachments", ingest, "application/pdf", one,
                        Map.of("X-File-Name", "a.pdf"), 404, "NOT_FOUND"),
                new Rest("upload over the attachment limit", "POST", "/transcripts/" + transcript + "/attachments", ingest,
                        "application/octet-stream", new byte[10 * 1024 * 1024 + 1], Map.of("X-File-Name", "big.bin"), 413,
                        "PAYLOAD_TOO_LARGE"),
                new Rest("list attachments", "GET", "/transcripts/" + transcript + "/attachments", agent, null, null, Map.of(), 405,
                        "METHOD_NOT_ALLOWED"),
                new Rest("anonymous export", "GET", "/exports/" + missing, null, null, null, Map.of(), 401, "UNAUTHENTICATED"),
                new Rest("wrong role export", "GET", "/exports/" + missing, agent, null, null, Map.of(), 403, "FORBIDDEN"),
                new Rest("unknown export", "GET", "/exports/" + missing, admin, null, null, Map.of(), 404, "NOT_FOUND"),
                new Rest("malformed export id", "GET", "/exports/x", admin, null, null, Map.of(), 404, "NOT_FOUND"),
                new Rest("put export", "PUT", "/exports/" + missing, admin, "application/json", utf8("{}"), Map.of(), 405,
                        "METHOD_NOT_ALLOWED"),
                new Rest("unknown route", "GET", "/nope/" + missing, null, null, null, Map.of(), 404, "NOT_FOUND"),
                new Rest("unknown q route", "GET", "/q/nope", null, null, null, Map.of(), 404, "NOT_FOUND"),
                new Rest("unknown graphql sub-path", "GET", "/graphql/nope", agent, null, null, Map.of(), 404, "NOT_FOUND"));
        // over the HTTP body limit (11 MiB) the answer comes before the body is read
        for (String path : List.of("/transcripts/" + transcript + "/attachments", "/graphql")) {
            Raw tooLarge = declareLength(path, ingest, 12L * 1024 * 1024);
            if (path.equals("/graphql")) {
                assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
                assertThat(codes(assertGraphqlErrors("413 " + path, tooLarge))).containsExactly("PAYLOAD_TOO_LARGE");
            } else {
                assertRestError(tooLarge.status(), tooLarge.contentType(), tooLarge.body(), 413, "PAYLOAD_TOO_LARGE");
            }
        }
        for (Rest c : cases) {
            Raw raw = send(c.method(), c.path(), c.token(), c.contentType(), null, c.body(), c.headers());
            assertRestError(raw.status(), raw.contentType(), raw.body(), c.status(), c.code());
        }
    }

    @Test
    void metricsRecordRouteTemplatesNeverIds() throws Exception {
        String agent = Api.token(Api.newTenant(), "agent");
        for (int i = 0; i < 50; i++) {
            String id = UUID.randomUUID().toString();
            switch (i % 5) {
                case 0 -> send("GET", "/attachments/" + id, null, null, null, null);
                case 1 -> send("GET", "/attachments/" + id, agent, null, null, null);
                case 2 -> send("DELETE", "/attachments/" + id, agent, null, null, null);
                case 3 -> send("GET", "/attachments/" + id + "/" + i, null, null, null, null);
                default -> send("GET", "/attachments/" + id, "not-a-jwt", null, null, null);
            }
            send("GET", "/exports/" + id + (i % 2 == 0 ? "" : "/x"), null, null, null, null);
            send(i % 2 == 0 ? "GET" : "PUT", "/transcripts/" + id + (i % 3 == 0 ? "/attachments" : "/other"), agent, null, null, null);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> uris = new LinkedHashSet<>();
        Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        while (m.find()) {
            uris.add(m.group(1));
        }
        assertThat(uris).as("uri tags").isNotEmpty().noneMatch(uri -> UUID_PATTERN.matcher(uri).find());
        assertThat(uris).as("uri tags").contains("/attachments/{id}").hasSizeLessThan(30);
    }

    // --- helpers ------------------------------------------------------------------------------

    static String token() {
        return Api.token(Api.newTenant(), ALL_ROLES.split(","));
    }

    static Object[] doc(String query) {
        return new Object[] { query, Map.of() };
    }

    static Object[] vars(String query, Map<String, Object> variables) {
        return new Object[] { query, variables };
    }

    static Map<String, Object> map(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    static String firstMessage(String token, String query, Map<String, Object> variables) {
        JsonPath errors = Api.errors(token, query, variables);
        String message = errors.getString("errors[0].message");
        assertClean(message);
        return message;
    }

    static List<String> codes(JsonPath json) {
        return json.getList("errors.extensions.code", String.class);
    }

    /** A GraphQL-over-HTTP error answer: JSON, an `errors` list, each error coded and clean. */
    static JsonPath assertGraphqlErrors(String name, Raw raw) {
        assertThat(raw.status()).as(name + ": no 5xx -> " + raw.body()).isLessThan(500);
        assertThat(raw.contentType()).as(name + ": JSON").isNotNull().containsIgnoringCase("json");
        JsonPath json = new JsonPath(raw.body());
        List<Map<String, Object>> errors = json.getList("errors");
        assertThat(errors).as(name + " -> " + raw.body()).isNotEmpty();
        for (Map<String, Object> error : errors) {
            assertThat(error.get("extensions")).as(name + " -> " + raw.body()).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) error.get("extensions")).get("code")).as(name + " -> " + raw.body()).isIn(CODES.toArray());
            assertClean((String) error.get("message"));
        }
        return json;
    }

    static void assertRestError(int status, String contentType, String body, int expectedStatus, String expectedCode) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).as("JSON error body for " + status).isNotNull().containsIgnoringCase("application/json");
        JsonPath json = new JsonPath(body);
        assertThat(json.getString("code")).as(body).isEqualTo(expectedCode);
        assertClean(json.getString("message"));
    }

    static void assertClean(String message) {
        assertThat(message).as("error message").isNotBlank();
        assertThat(LEAK.matcher(message).find()).as("internal names in: " + message).isFalse();
    }

    static Raw send(String method, String path, String token, String contentType, String accept, byte[] body) {
        return send(method, path, token, contentType, accept, body, Map.of());
    }

    static Raw send(String method, String path, String token, String contentType, String accept, byte[] body,
            String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return send(method, path, null, contentType, accept, body, headers);
    }

    /** A raw request (java.net.http, so nothing adds a Content-Type or charset behind the test's back). */
    static Raw send(String method, String path, String token, String contentType, String accept, byte[] body,
            Map<String, String> headers) {
        String base = RestAssured.baseURI + ":" + RestAssured.port + (RestAssured.basePath == null ? "" : RestAssured.basePath);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Raw(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A POST that declares a body of {@code length} bytes and sends none: the answer must not wait for it. */
    static Raw declareLength(String path, String token, long length) {
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nX-File-Name: big.bin\r\nContent-Length: " + length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            String contentType = null;
            int contentLength = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                } else if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(line.substring(15).trim());
                }
            }
            char[] body = new char[contentLength];
            int read = 0;
            while (read < contentLength) {
                int n = in.read(body, read, contentLength - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new Raw(Integer.parseInt(statusLine.split(" ")[1]), contentType, new String(body, 0, read));
        } catch (IOException e) {
            throw new AssertionError("POST " + path + ": " + e, e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
