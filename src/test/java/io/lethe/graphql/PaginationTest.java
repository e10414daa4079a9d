package io.lethe.graphql;

import static io.lethe.support.Fixtures.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lethe.support.Fixtures;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Relay pagination walks every row exactly once (also across equal sort keys), counts match the
 * filter, and bad paging arguments are the client's error. One tenant with 120 transcripts of 60
 * visitors is built once; the filter tests use their own tenants.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {
    private static final int TRANSCRIPTS = 120;
    private static final OffsetDateTime BASE = OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    Pool pool;

    private String tenant;
    private String agent;
    private final Set<String> transcriptIds = new LinkedHashSet<>();

    /** Once per class; in @BeforeEach because RestAssured knows the test port only there. */
    @BeforeEach
    void seed() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant();
        agent = Api.token(tenant, "agent");
        String ingest = Api.token(tenant, "ingest");
        for (int i = 0; i < TRANSCRIPTS; i++) {
            // three transcripts share each start time and two share each visitor: ties in both sort keys
            transcriptIds.add(Fixtures.start(ingest, "visitor-" + (i / 2), BASE.minusMinutes(i / 3).toString(), null));
        }
    }

    @Test
    void walkingTranscriptsVisitsEveryOneExactlyOnceNewestFirst() {
        for (int pageSize : new int[] { 7, 50, 120, 200 }) {
            List<JsonPath> pages = walk("transcripts", "", pageSize, "startedAt");
            List<String> seen = new ArrayList<>();
            List<Instant> starts = new ArrayList<>();
            for (JsonPath page : pages) {
                seen.addAll(page.getList("data.transcripts.edges.node.id", String.class));
                page.getList("data.transcripts.edges.node.startedAt", String.class)
                        .forEach(s -> starts.add(OffsetDateTime.parse(s).toInstant()));
            }
            assertThat(seen).as("page size %d", pageSize).doesNotHaveDuplicates().hasSize(TRANSCRIPTS)
                    .containsExactlyInAnyOrderElementsOf(transcriptIds);
            assertThat(starts).as("newest first").isSortedAccordingTo((a, b) -> b.compareTo(a));
            assertThat(pages).hasSize((TRANSCRIPTS + pageSize - 1) / pageSize);
        }
    }

    @Test
    void walkingVisitorsVisitsEveryOneExactlyOnce() {
        List<JsonPath> pages = walk("visitors", "", 9, "visitorKey");
        List<String> keys = new ArrayList<>();
        pages.forEach(p -> keys.addAll(p.getList("data.visitors.edges.node.visitorKey", String.class)));
        assertThat(keys).doesNotHaveDuplicates().hasSize(TRANSCRIPTS / 2);
        assertThat(pages).hasSize(7);
    }

    @Test
    void defaultPageSizeIsFifty() {
        JsonPath page = Api.ok(agent, "{ transcripts { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }");
        assertThat(page.getList("data.transcripts.edges")).hasSize(50);
        assertThat(page.getBoolean("data.transcripts.pageInfo.hasNextPage")).isTrue();
        assertThat(page.getInt("data.transcripts.totalCount")).isEqualTo(TRANSCRIPTS);
    }

    @Test
    void invalidCursorsAreBadUserInput() {
        String realCursor = Api.ok(agent, "{ transcripts(first: 1) { pageInfo { endCursor } } }")
                .getString("data.transcripts.pageInfo.endCursor");
        List<String> bad = List.of("garbage", "!!!", b64("k1:abc:" + UUID.randomUUID()), b64("k1:1:not-a-uuid"),
                b64("k2:1:" + UUID.randomUUID()), b64("k1:" + Long.MAX_VALUE + ":" + UUID.randomUUID()),
                b64("k1:-" + Long.MAX_VALUE + ":" + UUID.randomUUID()), realCursor.substring(0, realCursor.length() / 2));
        for (String cursor : bad) {
            for (String field : List.of("transcripts", "visitors")) {
                JsonPath errors = Api.errors(agent, "query($a: String) { " + field + "(after: $a) { totalCount } }", Map.of("a", cursor));
                assertThat(Fixtures.code(errors)).as("%s after %s: %s", field, cursor, errors.prettify()).isEqualTo("BAD_USER_INPUT");
            }
        }
    }

    @Test
    void pageSizeOutsideOneToTwoHundredIsBadUserInput() {
        for (int first : new int[] { 0, -1, 201, 100000 }) {
            for (String field : List.of("transcripts", "visitors")) {
                JsonPath errors = Api.errors(agent, "query($n: Int) { " + field + "(first: $n) { totalCount } }", Map.of("n", first));
                assertThat(Fixtures.code(errors)).as("%s first %d: %s", field, first, errors.prettify()).isEqualTo("BAD_USER_INPUT");
            }
        }
        JsonPath max = Api.ok(agent, "{ transcripts(first: 200) { edges { cursor } pageInfo { hasNextPage } } }");
        assertThat(max.getList("data.transcripts.edges")).hasSize(TRANSCRIPTS);
        assertThat(max.getBoolean("data.transcripts.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void filtersNarrowTheListAndItsCount() {
        String t = Api.newTenant();
        String ingest = Api.token(t, "ingest");
        String admin = Api.token(t, "privacy-admin");
        String percent = Fixtures.start(ingest, "f-percent", "2025-05-01T10:00:00Z", null);
        String plain = Fixtures.start(ingest, "f-plain", "2025-05-02T10:00:00Z", null);
        String underscore = Fixtures.start(ingest, "f-underscore", "2025-05-03T10:00:00Z", null);
        String x = Fixtures.start(ingest, "f-x", "2025-05-04T10:00:00Z", null);
        String alice = Fixtures.start(ingest, "f-alice", "2025-05-05T10:00:00Z", null);
        Fixtures.appendOk(ingest, percent, List.of(msg("VISITOR", "I am 100% SURE")));
        Fixtures.appendOk(ingest, plain, List.of(msg("VISITOR", "I am 100 percent sure")));
        Fixtures.appendOk(ingest, underscore, List.of(msg("OPERATOR", "the field is order_id")));
        Fixtures.appendOk(ingest, x, List.of(msg("OPERATOR", "the field is orderXid"), msg("VISITOR", "back\\slash")));
        Api.ok(ingest, Fixtures.SUBMIT, Map.of("id", alice, "f", List.of(Fixtures.field("email", "Alice@Example.com"))));
        String aliceVisitor = Fixtures.read(admin, alice).getString("data.transcript.visitor.id");

        assertThat(filter(admin, Map.of("text", "%"))).containsExactly(percent);
        assertThat(filter(admin, Map.of("text", "100% sure"))).containsExactly(percent);
        assertThat(filter(admin, Map.of("text", "sure"))).containsExactly(plain, percent);
        assertThat(filter(admin, Map.of("text", "order_id"))).containsExactly(underscore);
        assertThat(filter(admin, Map.of("text", "_"))).containsExactly(underscore);
        assertThat(filter(admin, Map.of("text", "\\"))).containsExactly(x);
        assertThat(filter(admin, Map.of("text", "nowhere"))).isEmpty();
        JsonPath tooLong = Api.errors(admin, "query($f: TranscriptFilter) { transcripts(filter: $f) { totalCount } }",
                Map.of("f", Map.of("text", "x".repeat(501))));
        assertThat(Fixtures.code(tooLong)).isEqualTo("BAD_USER_INPUT");
        assertThat(filter(admin, Map.of("email", "ALICE@EXAMPLE.COM"))).containsExactly(alice);
        assertThat(filter(admin, Map.of("visitorId", aliceVisitor))).containsExactly(alice);
        assertThat(filter(admin, Map.of("visitorId", UUID.randomUUID().toString()))).isEmpty();
        assertThat(filter(admin, Map.of("startedAfter", "2025-05-02T10:00:00Z"))).containsExactly(alice, x, underscore);
        assertThat(filter(admin, Map.of("startedBefore", "2025-05-02T10:00:00Z"))).containsExactly(percent);
        assertThat(filter(admin, Map.of("startedAfter", "2025-05-01T12:00:00+02:00", "startedBefore", "2025-05-04T10:00:00Z")))
                .containsExactly(underscore, plain);
        assertThat(filter(admin, Map.of("text", "the field", "startedAfter", "2025-05-03T12:00:00Z"))).containsExactly(x);
        assertThat(filter(admin, Map.of("redacted", false))).containsExactly(alice, x, underscore, plain, percent);
        assertThat(filter(admin, Map.of("redacted", true))).isEmpty();

        // a redacted transcript (set directly: redaction itself is another feature's test)
        pool.preparedQuery("update transcript set redacted_at = now() where id = $1")
                .execute(Tuple.of(UUID.fromString(plain))).await().indefinitely();
        assertThat(filter(admin, Map.of("redacted", true))).containsExactly(plain);
        assertThat(filter(admin, Map.of("redacted", false))).containsExactly(alice, x, underscore, percent);
    }

    @Test
    void filteredPagesWalkTheFilteredRowsOnly() {
        // the seeded tenant: 40 start times, three transcripts each; after the 10th newest minute
        String after = BASE.minusMinutes(30).toString();
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", after);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            Map<String, Object> v = new HashMap<>(variables);
            v.put("c", cursor);
            JsonPath page = Api.ok(agent, "query($after: DateTime, $c: String) { transcripts(filter: {startedAfter: $after}, first: 4, after: $c)"
                    + " { totalCount edges { node { id startedAt } } pageInfo { hasNextPage endCursor } } }", v);
            assertThat(page.getInt("data.transcripts.totalCount")).isEqualTo(90);
            ids.addAll(page.getList("data.transcripts.edges.node.id", String.class));
            more = page.getBoolean("data.transcripts.pageInfo.hasNextPage");
            cursor = page.getString("data.transcripts.pageInfo.endCursor");
        }
        assertThat(ids).hasSize(90).doesNotHaveDuplicates();
    }

    private List<String> filter(String token, Map<String, Object> filter) {
        JsonPath page = Api.ok(token, "query($f: TranscriptFilter) { transcripts(filter: $f) { totalCount edges { node { id } } } }",
                Map.of("f", filter));
        List<String> ids = page.getList("data.transcripts.edges.node.id", String.class);
        assertThat(page.getInt("data.transcripts.totalCount")).as("totalCount of %s", filter).isEqualTo(ids.size());
        return ids;
    }

    /** Follows endCursor until hasNextPage is false, checking the connection's invariants on every page. */
    private List<JsonPath> walk(String field, String args, int first, String nodeField) {
        List<JsonPath> pages = new ArrayList<>();
        String cursor = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("n", first);
            variables.put("c", cursor);
            JsonPath page = Api.ok(agent, "query($n: Int, $c: String) { " + field + "(first: $n, after: $c" + args + ") { totalCount"
                    + " edges { cursor node { id " + nodeField + " } } pageInfo { hasNextPage endCursor } } }", variables);
            pages.add(page);
            String root = "data." + field;
            List<String> cursors = page.getList(root + ".edges.cursor", String.class);
            int expectedTotal = field.equals("transcripts") ? TRANSCRIPTS : TRANSCRIPTS / 2;
            assertThat(page.getInt(root + ".totalCount")).isEqualTo(expectedTotal);
            boolean hasNext = page.getBoolean(root + ".pageInfo.hasNextPage");
            if (!cursors.isEmpty()) {
                assertThat(page.getString(root + ".pageInfo.endCursor")).isEqualTo(cursors.get(cursors.size() - 1));
            }
            if (hasNext) {
                assertThat(cursors).hasSize(first);
            } else {
                return pages;
            }
            assertThat(pages.size()).as("walk terminates").isLessThan(200);
            cursor = page.getString(root + ".pageInfo.endCursor");
        }
    }

    private static String b64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
