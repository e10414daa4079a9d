package io.lethe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Every client-supplied time is within years 1970-9999, and times of things that already happened
 * are not in the future; filter bounds may be in the future but not out of range. Before these
 * checks an instant outside PostgreSQL's range was stored as -infinity and broke the tenant's reads.
 */
@QuarkusTest
class TimeRangeTest {
    /** Out of range: the extremes Java can parse, one second before 1970, year 1, year 10000. */
    private static final List<String> OUT_OF_RANGE = List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00");
    private static final String START = "mutation($in: StartTranscriptInput!) { startTranscript(input: $in) { id startedAt } }";
    private static final String CONSENT = "mutation($in: ConsentInput!) { recordConsent(input: $in) { id occurredAt } }";
    private static final String OPEN = "mutation($in: DataSubjectRequestInput!) { openDataSubjectRequest(input: $in) { id receivedAt } }";
    private static final String TRANSCRIPTS = "query($f: TranscriptFilter) { transcripts(filter: $f) { totalCount edges { node { id } } } }";

    @Inject
    Pool pool;

    private static Map<String, Object> start(String visitorKey, String startedAt) {
        Map<String, Object> in = new HashMap<>();
        in.put("visitorKey", visitorKey);
        in.put("startedAt", startedAt);
        return Map.of("in", in);
    }

    /** BAD_USER_INPUT whose message names the field and the range, and not a row written for the tenant. */
    private void rejectedOutOfRange(String token, String tenant, String query, Map<String, Object> variables, String field) {
        long before = Fixtures.tenantRows(pool, tenant) + dsrRows(tenant);
        JsonPath errors = Api.errors(token, query, variables);
        assertThat(Fixtures.code(errors)).as(errors.prettify()).isEqualTo("BAD_USER_INPUT");
        assertThat(errors.getString("errors[0].message")).as(errors.prettify())
                .isEqualTo("`" + field + "` must be between 1970-01-01 and 9999-12-31");
        assertThat(Fixtures.tenantRows(pool, tenant) + dsrRows(tenant)).as("nothing written").isEqualTo(before);
    }

    private void rejectedAsFuture(String token, String tenant, String query, Map<String, Object> variables, String field) {
        long before = Fixtures.tenantRows(pool, tenant) + dsrRows(tenant);
        JsonPath errors = Api.errors(token, query, variables);
        assertThat(Fixtures.code(errors)).as(errors.prettify()).isEqualTo("BAD_USER_INPUT");
        assertThat(errors.getString("errors[0].message")).isEqualTo("`" + field + "` is in the future");
        assertThat(Fixtures.tenantRows(pool, tenant) + dsrRows(tenant)).as("nothing written").isEqualTo(before);
    }

    private long dsrRows(String tenant) {
        return Fixtures.count(pool, "select count(*) from data_subject_request where tenant_id = $1", tenant);
    }

    @Test
    void startedAtOutOfRangeIsRejectedAndTheTenantStaysReadable() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");
        for (String at : OUT_OF_RANGE) {
            rejectedOutOfRange(ingest, tenant, START, start("p", at), "startedAt");
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
        // the bounds themselves are fine
        assertThat(Api.ok(ingest, START, start("p", "1970-01-01T00:00:00Z")).getString("data.startTranscript.startedAt"))
                .isEqualTo("1970-01-01T00:00:00Z");
        assertThat(Api.ok(agent, "{ transcripts { totalCount } visitors { totalCount edges { node { firstSeenAt } } } }")
                .getInt("data.transcripts.totalCount")).isEqualTo(1);
        assertThat(Fixtures.count(pool, "select count(*) from transcript where tenant_id = $1 and not isfinite(started_at)",
                tenant)).isZero();
    }

    @Test
    void sentAtAndEndedAtOutOfRangeOrInTheFutureAreRejected() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Chat.start(ingest, "v-times", "2020-01-01T00:00:00Z", null);
        for (String at : OUT_OF_RANGE) {
            rejectedOutOfRange(ingest, tenant, Fixtures.APPEND,
                    Map.of("id", id, "m", List.of(Fixtures.msg("VISITOR", "hi", at))), "messages[0].sentAt");
            rejectedOutOfRange(ingest, tenant, Fixtures.END, Map.of("id", id, "at", at), "endedAt");
        }
        String nextYear = OffsetDateTime.now(ZoneOffset.UTC).plusYears(1).toString();
        rejectedAsFuture(ingest, tenant, Fixtures.APPEND, Map.of("id", id, "m", List.of(Fixtures.msg("VISITOR", "hi", nextYear))),
                "messages[0].sentAt");
        rejectedAsFuture(ingest, tenant, Fixtures.END, Map.of("id", id, "at", nextYear), "endedAt");
        assertThat(Fixtures.count(pool, "select count(*) from message where tenant_id = $1", tenant)).isZero();
        assertThat(Fixtures.count(pool, "select count(*) from transcript where tenant_id = $1 and ended_at is not null", tenant))
                .isZero();
    }

    @Test
    void consentOccurredAtAndRequestReceivedAtAreInRangeAndNotInTheFuture() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        for (String at : OUT_OF_RANGE) {
            Map<String, Object> consent = Fixtures.consent("v-consent", null, "chat", true, "We keep chats 90 days.");
            consent.put("occurredAt", at);
            rejectedOutOfRange(ingest, tenant, CONSENT, Map.of("in", consent), "occurredAt");
            rejectedOutOfRange(admin, tenant, OPEN, Map.of("in", dsr(at)), "receivedAt");
        }
        Map<String, Object> tomorrow = Fixtures.consent("v-consent", null, "chat", true, "We keep chats 90 days.");
        tomorrow.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString());
        rejectedAsFuture(ingest, tenant, CONSENT, Map.of("in", tomorrow), "occurredAt");
        rejectedAsFuture(admin, tenant, OPEN, Map.of("in", dsr(OffsetDateTime.now(ZoneOffset.UTC).plusWeeks(1).toString())),
                "receivedAt");
        assertThat(Fixtures.tenantRows(pool, tenant) + dsrRows(tenant)).isZero();
        // a minute ahead is clock skew, not the future
        Api.ok(admin, OPEN, Map.of("in", dsr(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString())));
    }

    private static Map<String, Object> dsr(String receivedAt) {
        Map<String, Object> in = new HashMap<>();
        in.put("type", "RECTIFICATION");
        in.put("email", "someone@example.com");
        in.put("receivedAt", receivedAt);
        return in;
    }

    @Test
    void filterBoundsMayBeInTheFutureButNotOutOfRange() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");
        Chat.start(ingest, "v-filter", "2021-06-01T12:00:00Z", null);
        for (String at : OUT_OF_RANGE) {
            for (String bound : List.of("startedAfter", "startedBefore")) {
                JsonPath errors = Api.errors(agent, TRANSCRIPTS, Map.of("f", Map.of(bound, at)));
                assertThat(Fixtures.code(errors)).as(bound + " " + at).isEqualTo("BAD_USER_INPUT");
                assertThat(errors.getString("errors[0].message"))
                        .isEqualTo("`filter." + bound + "` must be between 1970-01-01 and 9999-12-31");
            }
        }
        // a bound in the future is a bound, not an event
        assertThat(Api.ok(agent, TRANSCRIPTS, Map.of("f", Map.of("startedBefore", "2999-01-01T00:00:00Z",
                "startedAfter", "1970-01-01T00:00:00Z"))).getInt("data.transcripts.totalCount")).isEqualTo(1);
        assertThat(Api.ok(agent, TRANSCRIPTS, Map.of("f", Map.of("startedAfter", "2999-01-01T00:00:00Z")))
                .getInt("data.transcripts.totalCount")).isZero();
    }

    @Test
    void theDatabaseRefusesTimesOutOfRangeWhateverWritesThem() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Chat.start(ingest, "v-db", null, null);
        Chat.say(ingest, id, null, "hello");
        for (String value : List.of("-infinity", "infinity", "1969-12-31 23:59:59+00", "10000-01-01 00:00:00+00")) {
            for (String update : List.of("update transcript set started_at = '%s'::timestamptz where tenant_id = $1",
                    "update message set sent_at = '%s'::timestamptz where tenant_id = $1",
                    "update visitor set last_seen_at = '%s'::timestamptz where tenant_id = $1")) {
                assertThatThrownBy(() -> pool.preparedQuery(update.formatted(value)).execute(Tuple.of(tenant))
                        .await().atMost(Duration.ofSeconds(10)))
                        .as(update + " " + value).isInstanceOf(PgException.class)
                        .satisfies(e -> assertThat(((PgException) e).getSqlState()).isEqualTo("23514"));
            }
        }
    }
}
