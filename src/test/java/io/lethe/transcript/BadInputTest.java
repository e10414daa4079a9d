package io.lethe.transcript;

import static io.lethe.support.Fixtures.field;
import static io.lethe.support.Fixtures.msg;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Fixtures;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Each input rule is enforced with BAD_USER_INPUT, a client-safe message, and nothing written; and
 * errors raised by the GraphQL layer itself (syntax, validation, coercion, limits) carry a code too.
 */
@QuarkusTest
class BadInputTest {
    private static final Map<String, Object> NO_VARIABLES = Map.of();

    @Inject
    Pool pool;

    private String tenant;
    private String ingest;

    private void newTenant() {
        tenant = Api.newTenant();
        ingest = Api.token(tenant, "ingest");
    }

    /** Runs a call that must be rejected as BAD_USER_INPUT without writing a row for the tenant. */
    private JsonPath rejected(String query, Map<String, Object> variables) {
        long before = Fixtures.tenantRows(pool, tenant);
        JsonPath errors = Api.errors(ingest, query, variables);
        assertThat(Fixtures.code(errors)).as(errors.prettify()).isEqualTo("BAD_USER_INPUT");
        assertThat(errors.getList("errors.extensions.code", String.class)).as("every error").containsOnly("BAD_USER_INPUT");
        assertThat(Fixtures.tenantRows(pool, tenant)).as("nothing written").isEqualTo(before);
        return errors;
    }

    private static Map<String, Object> start(String visitorKey, String startedAt, String ip) {
        Map<String, Object> input = new HashMap<>();
        input.put("visitorKey", visitorKey);
        input.put("startedAt", startedAt);
        input.put("ipAddress", ip);
        return Map.of("in", input);
    }

    private static final String START = "mutation($in: StartTranscriptInput!) { startTranscript(input: $in) { id } }";

    @Test
    void visitorKeyMustBeOneTo200Characters() {
        newTenant();
        for (String key : List.of("", "   ", "k".repeat(201), "é".repeat(201))) {
            JsonPath errors = rejected(START, start(key, null, null));
            assertThat(errors.getString("errors[0].message")).contains("visitorKey");
            rejected(Fixtures.CONSENT, Map.of("in", Fixtures.consent(key, null, "chat", true, "ok")));
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
        Fixtures.start(ingest, "k".repeat(200));
    }

    @Test
    void startRejectsFutureStartsAndBadIps() {
        newTenant();
        String tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(rejected(START, start("v", tomorrow, null)).getString("errors[0].message")).contains("startedAt");
        for (String ip : List.of("256.1.1.1", "1.2.3", "1.2.3.4.5", "not-an-ip", "1.2.3.4:80", "12345::g", "fe80::1%eth0",
                "example.com", "1:2")) {
            assertThat(rejected(START, start("v", null, ip)).getString("errors[0].message")).as(ip).contains("ipAddress");
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
        Fixtures.start(ingest, "v", OffsetDateTime.now(ZoneOffset.UTC).minusYears(3).toString(), "::ffff:192.0.2.1");
    }

    @Test
    void messageBodiesAreLimitedTo64KiBOfUtf8() {
        newTenant();
        String id = Fixtures.start(ingest, "v-size");
        Fixtures.appendOk(ingest, id, Fixtures.bodies("first"));
        // 65,537 bytes in ASCII; and in 2-, 3- and 4-byte characters, each under 65,536 Java chars
        for (String body : List.of("a".repeat(65_537), "é".repeat(32_769), "€".repeat(21_846), "😀".repeat(16_385))) {
            JsonPath errors = rejected(Fixtures.APPEND, Map.of("id", id, "m", List.of(msg("VISITOR", body))));
            assertThat(errors.getString("errors[0].message")).contains("body");
        }
        rejected(Fixtures.APPEND, Map.of("id", id, "m", List.of(msg("VISITOR", ""))));
        // exactly at the limit is fine
        Fixtures.appendOk(ingest, id, List.of(msg("VISITOR", "a".repeat(65_536)), msg("VISITOR", "€".repeat(21_845) + "a"),
                msg("VISITOR", "😀".repeat(16_384))));
        assertThat(seqs(id)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void atMost500MessagesPerCall() {
        newTenant();
        String id = Fixtures.start(ingest, "v-many");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(msg("VISITOR", "m" + i));
        }
        rejected(Fixtures.APPEND, Map.of("id", id, "m", tooMany));
        rejected(Fixtures.APPEND, Map.of("id", id, "m", List.of()));
        Fixtures.appendOk(ingest, id, tooMany.subList(0, 500));
        assertThat(seqs(id)).hasSize(500).startsWith(1, 2, 3).endsWith(500);
    }

    @Test
    void oneBadMessageRejectsTheWholeBatch() {
        newTenant();
        String id = Fixtures.start(ingest, "v-batch");
        Fixtures.appendOk(ingest, id, Fixtures.bodies("one", "two"));
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
        List<Map<String, Object>> badOnes = List.of(msg("VISITOR", ""), msg("VISITOR", "x".repeat(70_000)),
                msg("VISITOR", "later", future), withName(msg("OPERATOR", "hi"), "n".repeat(201)));
        for (Map<String, Object> bad : badOnes) {
            List<Map<String, Object>> batch = new ArrayList<>(Fixtures.bodies("good 1", "good 2"));
            batch.add(bad);
            batch.add(msg("OPERATOR", "good 3"));
            JsonPath errors = rejected(Fixtures.APPEND, Map.of("id", id, "m", batch));
            assertThat(errors.getString("errors[0].message")).contains("messages[2]");
        }
        // seq continues where it was: nothing was consumed by the rejected batches
        Fixtures.appendOk(ingest, id, Fixtures.bodies("three"));
        JsonPath read = Fixtures.read(Api.token(tenant, "agent"), id);
        assertThat(read.getList("data.transcript.messages.seq", Integer.class)).containsExactly(1, 2, 3);
        assertThat(read.getList("data.transcript.messages.body", String.class)).containsExactly("one", "two", "three");
    }

    @Test
    void aMalformedEmailInAFormRejectsTheWholeForm() {
        newTenant();
        String id = Fixtures.start(ingest, "v-form");
        for (String email : List.of("not-an-email", "a@", "@b.example", "a b@c.example", "a@b", "", "a@b..example",
                "x".repeat(250) + "@b.example")) {
            rejected(Fixtures.SUBMIT, Map.of("id", id, "f", List.of(field("name", "Mallory"), field("EMAIL", email),
                    field("phone", "+44 20 7946 0000"))));
        }
        rejected(Fixtures.SUBMIT, Map.of("id", id, "f", List.of()));
        rejected(Fixtures.SUBMIT, Map.of("id", id, "f", List.of(field("", "x"))));
        JsonPath read = Fixtures.read(Api.token(tenant, "agent"), id);
        assertThat(read.getList("data.transcript.formFields")).isEmpty();
        assertThat(read.getString("data.transcript.visitor.name")).isNull();
        assertThat(read.getString("data.transcript.visitor.email")).isNull();
        assertThat(read.getString("data.transcript.visitor.phone")).isNull();
    }

    @Test
    void endTranscriptRejectsFutureAndBeforeStart() {
        newTenant();
        String id = Fixtures.start(ingest, "v-end", "2025-04-01T10:00:00Z", null);
        for (String at : List.of("2025-04-01T09:59:59Z", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString())) {
            JsonPath errors = rejected(Fixtures.END, Map.of("id", id, "at", at));
            assertThat(errors.getString("errors[0].message")).contains("endedAt");
        }
        assertThat(Fixtures.read(Api.token(tenant, "agent"), id).getString("data.transcript.endedAt")).isNull();
    }

    @Test
    void consentRejectsFutureTimesAndEmptyTextOrPurpose() {
        newTenant();
        String id = Fixtures.start(ingest, "v-consent");
        Map<String, Object> future = Fixtures.consent("v-consent", id, "chat", true, "ok");
        future.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString());
        rejected(Fixtures.CONSENT, Map.of("in", future));
        rejected(Fixtures.CONSENT, Map.of("in", Fixtures.consent("v-consent", id, " ", true, "ok")));
        rejected(Fixtures.CONSENT, Map.of("in", Fixtures.consent("v-consent", id, "chat", true, "")));
        assertThat(Fixtures.count(pool, "select count(*) from consent_event where tenant_id = $1", tenant)).isZero();
        assertThat(seqs(id)).isEmpty();
    }

    @Test
    void graphqlValidationErrorsCarryACode() {
        newTenant();
        String agent = Api.token(tenant, "agent");
        List<String[]> cases = List.of(
                new String[] { agent, "{ transcripts { nope } }" },
                new String[] { agent, "{ nope }" },
                new String[] { agent, "{ transcript { id } }" },
                new String[] { agent, "{ transcripts(first: \"ten\") { totalCount } }" },
                new String[] { agent, "{ transcripts(filter: {startedAfter: \"last tuesday\"}) { totalCount } }" },
                new String[] { ingest, "mutation { appendMessages(transcriptId: \"x\", messages: [{sender: ALIEN, body: \"x\"}]) { id } }" },
                new String[] { ingest, "mutation { endTranscript(transcriptId: \"x\", endedAt: \"yesterday\") { id } }" },
                new String[] { ingest, "mutation { startTranscript(input: {visitorKey: \"k\", startedAt: \"2025-13-45T99:00:00Z\"}) { id } }" },
                new String[] { ingest, "subscription { x }" },
                new String[] { agent, "query A { transcripts { totalCount } } query B { visitors { totalCount } }" });
        for (String[] c : cases) {
            JsonPath errors = Api.errors(c[0], c[1], NO_VARIABLES);
            assertThat(errors.getList("errors.extensions.code", String.class)).as(c[1] + " -> " + errors.prettify())
                    .isNotEmpty().containsOnly("BAD_USER_INPUT");
            errors.getList("errors.message", String.class).forEach(Fixtures::assertSafe);
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
    }

    @Test
    void malformedVariablesAreBadUserInputWithOneSafeError() {
        newTenant();
        List<Object[]> cases = List.of(
                new Object[] { START, start("secret-visitor-key", "yesterday", null) },
                new Object[] { START, start("secret-visitor-key", "2025-01-01T10:00:00", null) },
                new Object[] { START, start("secret-visitor-key", "2025-02-30T10:00:00Z", null) },
                new Object[] { START, Map.of("in", Map.of("visitorKey", 42, "extra", true)) },
                new Object[] { START, Map.of() },
                new Object[] { "mutation($at: DateTime) { endTranscript(transcriptId: \"x\", endedAt: $at) { id } }", Map.of("at", "soon") },
                new Object[] { Fixtures.APPEND, Map.of("id", UUID.randomUUID().toString(), "m", List.of(Map.of("sender", "ROBOT", "body", "x"))) },
                new Object[] { Fixtures.APPEND, Map.of("id", UUID.randomUUID().toString(),
                        "m", List.of(Map.of("sender", "VISITOR", "body", "x", "sentAt", "noon"))) },
                new Object[] { "query($n: Int) { transcripts(first: $n) { totalCount } }", Map.of("n", "many") });
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            JsonPath errors = Api.errors(c[0].equals(cases.get(8)[0]) ? Api.token(tenant, "agent") : ingest, (String) c[0],
                    (Map<String, Object>) c[1]);
            assertThat(errors.getList("errors.extensions.code", String.class)).as(errors.prettify()).containsExactly("BAD_USER_INPUT");
            String message = errors.getString("errors[0].message");
            Fixtures.assertSafe(message);
            assertThat(message).doesNotContain("secret-visitor-key");
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
    }

    @Test
    void malformedRequestsCarryACode() {
        newTenant();
        String agent = Api.token(tenant, "agent");
        List<String> bodies = List.of("{ \"query\": \"{ transcripts( \" }", "{ \"query\": \"\" }", "{}", "{ \"query\": 42 }", "{nope",
                "[]", "", "{ \"query\": \"{ transcripts { totalCount } \" }");
        for (String body : bodies) {
            // a syntax error in the document is a GraphQL result (200); a body that is no request at all is a 400
            int status = body.contains("transcripts") ? 200 : 400;
            JsonPath json = given().header("Authorization", "Bearer " + agent).contentType(ContentType.JSON).body(body)
                    .post("/graphql").then().statusCode(status).extract().jsonPath();
            assertThat(json.getList("errors.extensions.code", String.class)).as(body + " -> " + json.prettify())
                    .containsExactly("BAD_USER_INPUT");
            Fixtures.assertSafe(json.getString("errors[0].message"));
        }
        // a syntax error points at where it is
        JsonPath syntax = given().header("Authorization", "Bearer " + agent).contentType(ContentType.JSON)
                .body(Map.of("query", "{\n  transcripts { totalCount }\n  visitors( }")).post("/graphql").then().extract().jsonPath();
        assertThat(syntax.getInt("errors[0].locations[0].line")).isEqualTo(3);
    }

    @Test
    void queryLimitsAreBadUserInput() {
        newTenant();
        String agent = Api.token(tenant, "agent");
        // over the cost limit (10000; 12 units a root lookup): aborted before anything runs
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 1100; i++) {
            wide.append(" a").append(i).append(": transcript(id: \"").append(i).append("\") { id }");
        }
        wide.append(" }");
        JsonPath complex = Api.errors(agent, wide.toString(), NO_VARIABLES);
        assertThat(complex.getList("errors.extensions.code", String.class)).as(complex.getString("errors[0].message"))
                .containsOnly("BAD_USER_INPUT");
        assertThat(complex.getString("data")).isNull();
        // over the parser's token limit (15000)
        StringBuilder tokens = new StringBuilder("{ transcripts(first: 1) { totalCount ");
        for (int i = 0; i < 16_000; i++) {
            tokens.append("__typename ");
        }
        tokens.append("} }");
        JsonPath many = Api.errors(agent, tokens.toString(), NO_VARIABLES);
        assertThat(many.getList("errors.extensions.code", String.class)).containsOnly("BAD_USER_INPUT");
    }

    @Test
    void unknownTranscriptIsNotFound() {
        newTenant();
        for (String id : List.of(UUID.randomUUID().toString(), "nonsense", "")) {
            JsonPath errors = Api.errors(ingest, Fixtures.APPEND, Map.of("id", id, "m", Fixtures.bodies("x")));
            assertThat(Fixtures.code(errors)).isEqualTo("NOT_FOUND");
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
    }

    private List<Integer> seqs(String transcriptId) {
        return Fixtures.read(Api.token(tenant, "agent"), transcriptId).getList("data.transcript.messages.seq", Integer.class);
    }

    private static Map<String, Object> withName(Map<String, Object> message, String name) {
        message.put("senderName", name);
        return message;
    }
}
