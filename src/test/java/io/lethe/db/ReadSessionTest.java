package io.lethe.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * One GraphQL query reads from one snapshot on one connection: a transcript is seen before or
 * after its redaction, never half; a query cannot take more than one pooled connection, and its
 * statements are cancelled after the statement timeout with a coded error.
 */
@QuarkusTest
class ReadSessionTest {
    private static final String READ = "query($id: ID!) { transcript(id: $id) { redactedAt messages { body }"
            + " formFields { value } visitor { email } } }";
    private static final String NEEDLE_FILTER = "transcripts(filter: {text: \"needle\"}) { totalCount }";

    @Inject
    Pool pool;
    /** Flyway's JDBC data source: locks and monitoring that take nothing from the reactive pool. */
    @Inject
    DataSource jdbc;

    @Test
    void aTranscriptIsReadBeforeOrAfterItsRedactionNeverHalf() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = Fixtures.start(ingest, "torn-" + i);
            Fixtures.appendOk(ingest, id, Fixtures.bodies("mail me at " + email(i), "or " + email(i) + " again"));
            Api.ok(ingest, Fixtures.SUBMIT, Map.of("id", id, "f", List.of(Fixtures.field("email", email(i)))));
            ids.add(id);
        }

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger flips = new AtomicInteger();
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        AtomicInteger clear = new AtomicInteger();
        AtomicInteger redacted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<?> writer = threads.submit(() -> flipRedaction(ids, done, flips));
            List<Future<?>> readers = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            for (int r = 0; r < 3; r++) {
                readers.add(threads.submit(() -> {
                    while (!done.get() && System.nanoTime() < deadline && clear.get() + redacted.get() + torn.size() < 1500) {
                        int i = ThreadLocalRandom.current().nextInt(ids.size());
                        JsonPath read = Api.ok(agent, READ, Map.of("id", ids.get(i)));
                        switch (classify(read, email(i))) {
                            case "clear" -> clear.incrementAndGet();
                            case "redacted" -> redacted.incrementAndGet();
                            default -> torn.add(read.prettify());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            writer.get(30, TimeUnit.SECONDS);
        } finally {
            done.set(true);
            threads.shutdownNow();
        }
        int reads = clear.get() + redacted.get() + torn.size();
        assertThat(flips.get()).as("redactions committed while reading").isGreaterThan(50);
        assertThat(clear.get()).as("reads of a clear transcript").isPositive();
        assertThat(redacted.get()).as("reads of a redacted transcript").isPositive();
        assertThat(torn).withFailMessage(() -> torn.size() + " of " + reads + " reads were half redacted, e.g.\n" + torn.peek())
                .isEmpty();
    }

    /** Text searches one query may hold within the default cost budget (each costs over 2,000 units). */
    private static final int ALIASES = 4;

    @Test
    void aQueryTakesOneConnectionAndItsSlowStatementsAreCancelledWithACode() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");
        String id = Fixtures.start(ingest, "slow-1");
        Fixtures.appendOk(ingest, id, Fixtures.bodies("a needle in a haystack"));
        StringBuilder heavy = new StringBuilder("{");
        // as many text searches as the cost budget admits: each is a statement on `message`
        for (int i = 0; i < ALIASES; i++) {
            heavy.append(" a").append(i).append(": ").append(NEEDLE_FILTER);
        }
        heavy.append(" }");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        try (Connection lock = jdbc.getConnection(); Connection monitor = jdbc.getConnection()) {
            // every statement that touches `message` waits for this lock: an "expensive" statement on demand
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table message in access exclusive mode");
            }
            long started = System.nanoTime();
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(graphql(agent, heavy.toString(), Map.of()).build(),
                    HttpResponse.BodyHandlers.ofString());
            waitForLockWaiters(monitor, 1);
            Thread.sleep(300); // a request with a connection per statement would take the whole pool by now
            assertThat(lockWaiters(monitor)).as("connections the many-alias query holds").isEqualTo(1);

            // other requests still answer at once
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> other = client.send(graphql(agent, "query($id: ID!) { transcript(id: $id) { id redactedAt"
                        + " visitor { visitorKey } } }", Map.of("id", id)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonObject body = new JsonObject(other.body());
                assertThat(body.getValue("errors")).as(other.body()).isNull();
                assertThat(body.getJsonObject("data").getJsonObject("transcript").getString("id")).isEqualTo(id);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            }

            HttpResponse<String> cancelled = slow.get(20, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            JsonPath json = new JsonPath(cancelled.body());
            List<Map<String, Object>> errors = json.getList("errors");
            assertThat(errors).as(cancelled.body()).hasSize(ALIASES);
            for (int i = 0; i < errors.size(); i++) {
                assertThat(json.getString("errors[" + i + "].extensions.code")).isEqualTo("BAD_USER_INPUT");
                assertThat(json.getString("errors[" + i + "].message")).contains("took too long");
                Fixtures.assertSafe(json.getString("errors[" + i + "].message"));
            }
            // the default 5 s timeout cancels the first statement; the rest of the aborted session fail at once
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(12));
            lock.rollback();
        }
    }

    @Test
    void aClientThatHangsUpEndsItsSession() throws Exception {
        String tenant = Api.newTenant();
        String agent = Api.token(tenant, "agent");
        String body = new JsonObject().put("query", "{ " + NEEDLE_FILTER + " }").encode();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Connection lock = jdbc.getConnection(); Connection monitor = jdbc.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table message in access exclusive mode");
            }
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + agent
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                waitForLockWaiters(monitor, 1);
            } // hangs up while its statement waits
            Thread.sleep(300);
            lock.rollback();
            // the statement runs, the session commits and its connection goes back to the pool
            // between its statement and its COMMIT a session is briefly idle in transaction: wait for the
            // count to stay at zero (a leaked session stays there for good)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int quiet = 0;
            while (quiet < 5 && System.nanoTime() < deadline) {
                quiet = idleInTransaction(monitor) == 0 && lockWaiters(monitor) == 0 ? quiet + 1 : 0;
                Thread.sleep(50);
            }
            assertThat(idleInTransaction(monitor)).as("sessions left open").isZero();
        }
        Api.ok(agent, "{ " + NEEDLE_FILTER + " }");
    }

    @Test
    void connectionsEndTransactionsLeftIdle() {
        String value = pool.query("show idle_in_transaction_session_timeout").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
        assertThat(value).isEqualTo("1min");
    }

    @Test
    void eachMutationOfADocumentSeesTheWritesOfThoseBefore() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "two-mutations");
        JsonPath both = Api.ok(ingest, "mutation($id: ID!, $m1: [MessageInput!]!, $m2: [MessageInput!]!) {"
                + " a: appendMessages(transcriptId: $id, messages: $m1) { messages { body } }"
                + " b: appendMessages(transcriptId: $id, messages: $m2) { messages { body } } }",
                Map.of("id", id, "m1", Fixtures.bodies("first"), "m2", Fixtures.bodies("second")));
        assertThat(both.getList("data.a.messages.body", String.class)).containsExactly("first");
        assertThat(both.getList("data.b.messages.body", String.class)).containsExactly("first", "second");
    }

    private static String email(int i) {
        return "torn" + i + "@example.com";
    }

    /** "clear", "redacted", or a description of what is mixed. */
    private static String classify(JsonPath read, String email) {
        boolean redactedAt = read.get("data.transcript.redactedAt") != null;
        List<String> texts = new ArrayList<>(read.getList("data.transcript.messages.body", String.class));
        texts.addAll(read.getList("data.transcript.formFields.value", String.class));
        String visitorEmail = read.getString("data.transcript.visitor.email");
        boolean allClear = !texts.isEmpty() && texts.stream().allMatch(t -> t.contains(email)) && email.equals(visitorEmail);
        boolean allRedacted = !texts.isEmpty() && texts.stream().allMatch(t -> t.contains("<redacted>") && !t.contains(email))
                && visitorEmail == null;
        if (!redactedAt && allClear) {
            return "clear";
        }
        if (redactedAt && allRedacted) {
            return "redacted";
        }
        return "torn";
    }

    /**
     * Redacts each transcript in one transaction (messages, form values, visitor email and
     * redacted_at together, as a redaction does), then restores it so it can be redacted again.
     */
    private Void flipRedaction(List<String> ids, AtomicBoolean done, AtomicInteger flips) throws Exception {
        try (Connection c = jdbc.getConnection()) {
            c.setAutoCommit(false);
            boolean redact = true;
            while (!done.get()) {
                for (int i = 0; i < ids.size() && !done.get(); i++) {
                    UUID id = UUID.fromString(ids.get(i));
                    String from = redact ? email(i) : "<redacted>";
                    String to = redact ? "<redacted>" : email(i);
                    update(c, "update message set body = replace(body, ?, ?) where transcript_id = ?", from, to, id);
                    update(c, "update form_field set value = ? where transcript_id = ?", to, id);
                    update(c, "update visitor set email = ? where id = (select visitor_id from transcript where id = ?)",
                            redact ? null : email(i), id);
                    update(c, "update transcript set redacted_at = " + (redact ? "now()" : "null") + " where id = ?", id);
                    c.commit();
                    flips.incrementAndGet();
                }
                redact = !redact;
            }
        }
        return null;
    }

    private static void update(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static HttpRequest.Builder graphql(String token, String query, Map<String, Object> variables) {
        String body = new JsonObject().put("query", query).put("variables", new JsonObject(variables)).encode();
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static void waitForLockWaiters(Connection monitor, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lockWaiters(monitor) < atLeast) {
            assertThat(System.nanoTime()).as("a statement waiting for the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long lockWaiters(Connection monitor) throws Exception {
        return single(monitor, "select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock'");
    }

    private static long idleInTransaction(Connection monitor) throws Exception {
        return single(monitor, "select count(*) from pg_stat_activity where datname = current_database()"
                + " and state like 'idle in transaction%' and pid <> pg_backend_pid()");
    }

    private static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
