package io.lethe.transcript;

import static io.lethe.support.Fixtures.field;
import static io.lethe.support.Fixtures.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Fixtures;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What the chat product writes comes back, exactly, to the dashboards. */
@QuarkusTest
class IngestReadTest {
    /** ISO-8601 with an offset, as the contract's DateTime. */
    private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

    @Inject
    Pool pool;

    @Test
    void startTranscriptImportsPastStartAndIpAndUpsertsTheVisitor() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");

        // an import: started in the past, with a non-UTC offset
        String first = Fixtures.start(ingest, "widget-42", "2024-03-01T12:00:00+02:00", "203.0.113.7");
        JsonPath read = Fixtures.read(agent, first);
        assertThat(read.getString("data.transcript.startedAt")).matches(DATE_TIME);
        assertThat(instant(read, "data.transcript.startedAt")).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(read.getString("data.transcript.endedAt")).isNull();
        assertThat(read.getString("data.transcript.redactedAt")).isNull();
        assertThat(read.getBoolean("data.transcript.legalHold")).isFalse();
        assertThat(read.getList("data.transcript.messages")).isEmpty();
        assertThat(read.getString("data.transcript.visitor.visitorKey")).isEqualTo("widget-42");
        assertThat(read.getString("data.transcript.visitor.ipAddress")).isEqualTo("203.0.113.7");
        assertThat(instant(read, "data.transcript.visitor.firstSeenAt")).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        String visitorId = read.getString("data.transcript.visitor.id");

        // the same visitor key again: the same visitor, first seen unchanged, new IP, last seen now
        String second = Fixtures.start(ingest, "widget-42", null, "2001:db8::1");
        JsonPath again = Fixtures.read(agent, second);
        assertThat(again.getString("data.transcript.visitor.id")).isEqualTo(visitorId);
        assertThat(instant(again, "data.transcript.startedAt")).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(instant(again, "data.transcript.visitor.firstSeenAt")).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(instant(again, "data.transcript.visitor.lastSeenAt")).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(again.getString("data.transcript.visitor.ipAddress")).isEqualTo("2001:db8::1");

        JsonPath visitors = Api.ok(agent, "{ visitors { totalCount edges { node { id visitorKey } } } }");
        assertThat(visitors.getInt("data.visitors.totalCount")).isEqualTo(1);
        JsonPath transcripts = Api.ok(agent, "query($v: ID) { transcripts(filter: {visitorId: $v}) { totalCount edges { node { id } } } }",
                Map.of("v", visitorId));
        assertThat(transcripts.getList("data.transcripts.edges.node.id", String.class)).containsExactly(second, first);
    }

    @Test
    void appendMessagesAssignsSeqInOrderAndDefaultsSentAtToNow() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-append", "2025-01-10T09:00:00Z", null);

        JsonPath firstBatch = Api.ok(ingest, Fixtures.APPEND, Map.of("id", id, "m", List.of(
                msg("VISITOR", "Hi, my order is late"),
                withName(msg("OPERATOR", "Let me check", "2025-01-10T09:01:00Z"), "Dana"),
                msg("BOT", "Tip: track orders at /orders"))));
        assertThat(firstBatch.getList("data.appendMessages.messages.seq", Integer.class)).containsExactly(1, 2, 3);
        Fixtures.appendOk(ingest, id, List.of(msg("SYSTEM", "Operator joined"), msg("VISITOR", "thanks")));

        JsonPath read = Fixtures.read(Api.token(tenant, "privacy-admin"), id);
        assertThat(read.getList("data.transcript.messages.seq", Integer.class)).containsExactly(1, 2, 3, 4, 5);
        assertThat(read.getList("data.transcript.messages.sender", String.class))
                .containsExactly("VISITOR", "OPERATOR", "BOT", "SYSTEM", "VISITOR");
        assertThat(read.getList("data.transcript.messages.body", String.class)).containsExactly("Hi, my order is late",
                "Let me check", "Tip: track orders at /orders", "Operator joined", "thanks");
        assertThat(read.getString("data.transcript.messages[1].senderName")).isEqualTo("Dana");
        assertThat(read.getString("data.transcript.messages[0].senderName")).isNull();
        assertThat(instant(read, "data.transcript.messages[1].sentAt")).isEqualTo(Instant.parse("2025-01-10T09:01:00Z"));
        assertThat(read.getString("data.transcript.messages[0].sentAt")).matches(DATE_TIME);
        assertThat(instant(read, "data.transcript.messages[0].sentAt")).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(read.getList("data.transcript.messages.id", String.class)).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void messageBodiesComeBackByteForByte() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-unicode");
        String body = "Grüße 👋 — price €12.50, line1\nline2\ttab \"quoted\" <b>not html</b> \\ back";
        Fixtures.appendOk(ingest, id, List.of(msg("VISITOR", body)));
        assertThat(Fixtures.read(Api.token(tenant, "agent"), id).getString("data.transcript.messages[0].body")).isEqualTo(body);
    }

    @Test
    void submitFormUpdatesTheVisitorAndEmailLookupIgnoresCase() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");
        String id = Fixtures.start(ingest, "v-form");

        JsonPath submitted = Api.ok(ingest, Fixtures.SUBMIT, Map.of("id", id, "f", List.of(
                field("name", "Alice Liddell"), field("email", "ALICE@Example.com"), field("phone", "+1 415 555 0100"),
                field("order", "A-1001"))));
        assertThat(submitted.getList("data.submitForm.formFields.name", String.class)).containsExactly("name", "email", "phone", "order");
        assertThat(submitted.getString("data.submitForm.visitor.name")).isEqualTo("Alice Liddell");
        assertThat(submitted.getString("data.submitForm.visitor.phone")).isEqualTo("+1 415 555 0100");

        JsonPath read = Fixtures.read(agent, id);
        assertThat(read.getList("data.transcript.formFields.value", String.class))
                .containsExactly("Alice Liddell", "ALICE@Example.com", "+1 415 555 0100", "A-1001");
        assertThat(read.getString("data.transcript.visitor.email")).isEqualToIgnoringCase("alice@example.com");
        String visitorId = read.getString("data.transcript.visitor.id");

        for (String email : List.of("alice@example.com", "ALICE@Example.com", "Alice@EXAMPLE.COM")) {
            JsonPath byEmail = Api.ok(agent, "query($e: String) { visitors(filter: {email: $e}) { totalCount edges { node { id email } } } }",
                    Map.of("e", email));
            assertThat(byEmail.getList("data.visitors.edges.node.id", String.class)).as(email).containsExactly(visitorId);
            JsonPath transcripts = Api.ok(agent, "query($e: String) { transcripts(filter: {email: $e}) { totalCount edges { node { id } } } }",
                    Map.of("e", email));
            assertThat(transcripts.getList("data.transcripts.edges.node.id", String.class)).as(email).containsExactly(id);
        }
        JsonPath other = Api.ok(agent, "{ visitors(filter: {email: \"alice@example.org\"}) { totalCount } }");
        assertThat(other.getInt("data.visitors.totalCount")).isZero();

        // a second form in the same transcript appends its fields and updates the visitor again
        Api.ok(ingest, Fixtures.SUBMIT, Map.of("id", id, "f", List.of(field("Email", "alice@new.example"))));
        JsonPath after = Fixtures.read(agent, id);
        assertThat(after.getList("data.transcript.formFields.name", String.class)).containsExactly("name", "email", "phone", "order", "Email");
        assertThat(after.getString("data.transcript.visitor.email")).isEqualTo("alice@new.example");
        assertThat(after.getString("data.transcript.visitor.name")).isEqualTo("Alice Liddell");
    }

    @Test
    void visitorKeyFilterFindsTheVisitor() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        Fixtures.start(ingest, "key-a");
        Fixtures.start(ingest, "key-b");
        JsonPath found = Api.ok(Api.token(tenant, "agent"),
                "{ visitors(filter: {visitorKey: \"key-b\"}) { totalCount edges { node { " + Fixtures.VISITOR_FIELDS + " } } } }");
        assertThat(found.getInt("data.visitors.totalCount")).isEqualTo(1);
        assertThat(found.getString("data.visitors.edges[0].node.visitorKey")).isEqualTo("key-b");
        String visitorId = found.getString("data.visitors.edges[0].node.id");
        JsonPath one = Api.ok(Api.token(tenant, "agent"), "query($id: ID!) { visitor(id: $id) { " + Fixtures.VISITOR_FIELDS + " } }",
                Map.of("id", visitorId));
        assertThat(one.getString("data.visitor.visitorKey")).isEqualTo("key-b");
        assertThat(one.getBoolean("data.visitor.processingRestricted")).isFalse();
    }

    @Test
    void endTranscriptSetsEndedAt() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String imported = Fixtures.start(ingest, "v-end", "2025-02-01T08:00:00Z", null);
        JsonPath ended = Api.ok(ingest, Fixtures.END, Map.of("id", imported, "at", "2025-02-01T08:30:00Z"));
        assertThat(instant(ended, "data.endTranscript.endedAt")).isEqualTo(Instant.parse("2025-02-01T08:30:00Z"));

        String live = Fixtures.start(ingest, "v-end");
        JsonPath endedNow = Api.ok(ingest, "mutation($id: ID!) { endTranscript(transcriptId: $id) { endedAt } }", Map.of("id", live));
        assertThat(instant(endedNow, "data.endTranscript.endedAt")).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

        JsonPath read = Fixtures.read(Api.token(tenant, "agent"), imported);
        assertThat(instant(read, "data.transcript.endedAt")).isEqualTo(Instant.parse("2025-02-01T08:30:00Z"));
    }

    @Test
    void recordConsentStoresTheExactTextItsHashAndNotesItInTheTranscript() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-consent");
        Fixtures.appendOk(ingest, id, Fixtures.bodies("hello"));
        String text = "I agree that this chat is stored for 30 days.\nSee our privacy policy — v2.";

        JsonPath granted = Api.ok(ingest, Fixtures.CONSENT, Map.of("in", Fixtures.consent("v-consent", id, "chat-transcripts", true, text)));
        assertThat(granted.getString("data.recordConsent.consentText")).isEqualTo(text);
        assertThat(granted.getString("data.recordConsent.consentVersion")).isEqualTo(sha256(text));
        assertThat(granted.getString("data.recordConsent.purpose")).isEqualTo("chat-transcripts");
        assertThat(granted.getBoolean("data.recordConsent.granted")).isTrue();
        assertThat(granted.getString("data.recordConsent.transcriptId")).isEqualTo(id);
        assertThat(granted.getString("data.recordConsent.visitor.visitorKey")).isEqualTo("v-consent");
        assertThat(instant(granted, "data.recordConsent.occurredAt")).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

        Map<String, Object> withdraw = Fixtures.consent("v-consent", id, "marketing-email", false, "Send me offers");
        withdraw.put("occurredAt", OffsetDateTime.now().minusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString());
        Api.ok(ingest, Fixtures.CONSENT, Map.of("in", withdraw));

        JsonPath read = Fixtures.read(Api.token(tenant, "agent"), id);
        List<String> senders = read.getList("data.transcript.messages.sender", String.class);
        List<String> bodies = read.getList("data.transcript.messages.body", String.class);
        assertThat(senders).containsExactly("VISITOR", "SYSTEM", "SYSTEM");
        assertThat(bodies.get(1)).contains("granted").contains("chat-transcripts");
        assertThat(bodies.get(2)).contains("withdrew").contains("marketing-email");
        assertThat(read.getList("data.transcript.messages.seq", Integer.class)).containsExactly(1, 2, 3);

        String visitorId = read.getString("data.transcript.visitor.id");
        JsonPath history = Api.ok(Api.token(tenant, "privacy-admin"),
                "query($v: ID!) { consentEvents(visitorId: $v) { " + Fixtures.CONSENT_FIELDS + " } }", Map.of("v", visitorId));
        assertThat(history.getList("data.consentEvents.purpose", String.class)).containsExactlyInAnyOrder("chat-transcripts", "marketing-email");
        assertThat(history.getList("data.consentEvents.granted", Boolean.class)).containsExactlyInAnyOrder(true, false);
        assertThat(history.getList("data.consentEvents.consentVersion", String.class))
                .containsExactlyInAnyOrder(sha256(text), sha256("Send me offers"));
        // oldest first
        assertThat(history.getString("data.consentEvents[0].purpose")).isEqualTo("marketing-email");
    }

    @Test
    void consentOfANewVisitorWithoutTranscriptCreatesTheVisitor() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        JsonPath event = Api.ok(ingest, Fixtures.CONSENT, Map.of("in", Fixtures.consent("fresh-visitor", null, "analytics", true, "ok")));
        assertThat(event.getString("data.recordConsent.transcriptId")).isNull();
        assertThat(event.getString("data.recordConsent.visitor.visitorKey")).isEqualTo("fresh-visitor");
        JsonPath visitors = Api.ok(Api.token(tenant, "agent"), "{ visitors(filter: {visitorKey: \"fresh-visitor\"}) { totalCount } }");
        assertThat(visitors.getInt("data.visitors.totalCount")).isEqualTo(1);
    }

    @Test
    void consentForAnotherVisitorsTranscriptIsRejected() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "owner");
        Fixtures.start(ingest, "someone-else");
        JsonPath errors = Api.errors(ingest, Fixtures.CONSENT, Map.of("in", Fixtures.consent("someone-else", id, "p", true, "t")));
        assertThat(Fixtures.code(errors)).isEqualTo("BAD_USER_INPUT");
        assertThat(Fixtures.count(pool, "select count(*) from consent_event where tenant_id = $1", tenant)).isZero();
        assertThat(Fixtures.count(pool, "select count(*) from message where tenant_id = $1", tenant)).isZero();
    }

    @Test
    void lastActivityFollowsTheLatestMessageElseTheStart() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-activity", "2025-03-01T10:00:00Z", null);
        assertThat(lastActivity(id)).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));

        Fixtures.appendOk(ingest, id, List.of(msg("VISITOR", "a", "2025-03-01T10:05:00Z"), msg("OPERATOR", "b", "2025-03-01T10:07:30Z")));
        assertThat(lastActivity(id)).isEqualTo(Instant.parse("2025-03-01T10:07:30Z"));

        // a late-arriving older message does not move it back
        Fixtures.appendOk(ingest, id, List.of(msg("VISITOR", "c", "2025-03-01T10:06:00Z")));
        assertThat(lastActivity(id)).isEqualTo(Instant.parse("2025-03-01T10:07:30Z"));

        Fixtures.appendOk(ingest, id, Fixtures.bodies("now"));
        assertThat(lastActivity(id)).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        JsonPath read = Fixtures.read(Api.token(tenant, "agent"), id);
        assertThat(instant(read, "data.transcript.visitor.lastSeenAt")).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void concurrentAppendsToOneTranscriptGetDistinctContiguousSeqs() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-concurrent");
        int calls = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String body = "call " + i;
                statuses.add(pool.submit(() -> {
                    var response = Fixtures.append(ingest, id, Fixtures.bodies(body + " a", body + " b"));
                    return response.jsonPath().get("errors") == null ? response.statusCode() : -1;
                }));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonPath read = Fixtures.read(Api.token(tenant, "agent"), id);
        List<Integer> seqs = read.getList("data.transcript.messages.seq", Integer.class);
        assertThat(seqs).hasSize(2 * calls).isSorted().doesNotHaveDuplicates().startsWith(1).endsWith(2 * calls);
        // each call's two messages are adjacent: a batch is appended as a unit
        List<String> bodies = read.getList("data.transcript.messages.body", String.class);
        for (int i = 0; i < bodies.size(); i += 2) {
            assertThat(bodies.get(i + 1)).isEqualTo(bodies.get(i).replace(" a", " b"));
        }
    }

    @Test
    void concurrentStartsForANewVisitorKeyCreateOneVisitor() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<String>> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                ids.add(pool.submit(() -> Fixtures.start(ingest, "v-race")));
            }
            for (Future<String> id : ids) {
                assertThat(id.get(60, TimeUnit.SECONDS)).isNotBlank();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonPath visitors = Api.ok(Api.token(tenant, "agent"), "{ visitors { totalCount } transcripts { totalCount } }");
        assertThat(visitors.getInt("data.visitors.totalCount")).isEqualTo(1);
        assertThat(visitors.getInt("data.transcripts.totalCount")).isEqualTo(6);
    }

    private Instant lastActivity(String transcriptId) {
        return pool.preparedQuery("select last_activity_at from transcript where id = $1")
                .execute(Tuple.of(java.util.UUID.fromString(transcriptId))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getOffsetDateTime(0).toInstant();
    }

    private static Map<String, Object> withName(Map<String, Object> message, String name) {
        message.put("senderName", name);
        return message;
    }

    static Instant instant(JsonPath json, String path) {
        return OffsetDateTime.parse(json.getString(path)).toInstant();
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
