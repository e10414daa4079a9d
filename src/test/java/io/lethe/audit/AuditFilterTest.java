package io.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lethe.api.PageRequest;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * auditLog(filter:): exact matches on action, actor and target id, `from` inclusive and `to`
 * exclusive on the event time, keyset pages that stay correct under every filter, totals that
 * count the filtered events, validation, and another tenant's events never shown.
 */
@QuarkusTest
class AuditFilterTest {
    static final String LOG = "query($f: AuditFilter, $after: String, $first: Int) { auditLog(first: $first, after: $after,"
            + " filter: $f) { totalCount edges { cursor node { seq at actor action targetType targetId details hash } }"
            + " pageInfo { hasNextPage endCursor } } }";
    static final String[] ACTIONS = { "erasure.requested", "export.created", "legal-hold.set" };
    static final String[] ACTORS = { "alice-admin", "bob-admin", "system:redaction-worker" };
    static final int EVENTS = 61;

    @Inject
    Pool pool;

    String tenant;
    String auditor;
    List<AuditSeed.Event> events;

    @BeforeEach
    void seed() {
        tenant = Api.newTenant();
        auditor = Api.token(tenant, "auditor");
        events = AuditSeed.seed(pool, tenant, EVENTS, AuditFilterTest::entry);
        // another tenant with the same actions, actors and targets: never listed
        AuditSeed.seed(pool, Api.newTenant(), EVENTS, AuditFilterTest::entry);
    }

    static AuditEntry entry(int i) {
        return new AuditEntry(ACTORS[i % 3 == 0 ? 2 : (i % 5) % 2], ACTIONS[i % 3], "Thing", "T-" + (i % 7),
                "n=" + i);
    }

    @Test
    void eachFilterMatchesExactlyAndPagesThroughAllMatches() {
        OffsetDateTime tenth = events.get(9).at();
        OffsetDateTime twentieth = events.get(19).at();
        check(Map.of(), e -> true);
        check(Map.of("action", "export.created"), e -> e.entry().action().equals("export.created"));
        check(Map.of("actor", "bob-admin"), e -> e.entry().actor().equals("bob-admin"));
        check(Map.of("targetId", "T-3"), e -> e.entry().targetId().equals("T-3"));
        check(Map.of("from", tenth.toString()), e -> e.seq() >= 10);
        check(Map.of("to", twentieth.toString()), e -> e.seq() < 20);
        check(Map.of("from", tenth.toString(), "to", twentieth.toString()), e -> e.seq() >= 10 && e.seq() < 20);
        check(Map.of("action", "legal-hold.set", "actor", "alice-admin", "from", tenth.toString()),
                e -> e.entry().action().equals("legal-hold.set") && e.entry().actor().equals("alice-admin")
                        && e.seq() >= 10);
        // exact: neither a prefix nor another case matches
        check(Map.of("action", "export"), e -> false);
        check(Map.of("action", "EXPORT.CREATED"), e -> false);
        check(Map.of("targetId", "T-"), e -> false);
        // an empty range
        check(Map.of("from", tenth.toString(), "to", tenth.toString()), e -> false);
    }

    /** Pages of 4 (and one page of 200) against the seeded events, newest first. */
    private void check(Map<String, Object> filter, Predicate<AuditSeed.Event> matches) {
        List<Long> expected = events.stream().filter(matches).map(AuditSeed.Event::seq)
                .sorted(Comparator.reverseOrder()).toList();
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", filter);
            vars.put("after", after);
            vars.put("first", 4);
            JsonPath page = Api.ok(auditor, LOG, vars);
            assertThat(page.getInt("data.auditLog.totalCount")).as("totalCount for %s", filter).isEqualTo(expected.size());
            seen.addAll(page.getList("data.auditLog.edges.node.seq", Long.class));
            pages++;
            if (!page.getBoolean("data.auditLog.pageInfo.hasNextPage")) {
                break;
            }
            after = page.getString("data.auditLog.pageInfo.endCursor");
            assertThat(pages).as("pages for %s", filter).isLessThan(EVENTS);
        }
        assertThat(seen).as("events for %s, pages of 4", filter).isEqualTo(expected);
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", filter);
        vars.put("first", 200);
        JsonPath all = Api.ok(auditor, LOG, vars);
        assertThat(all.getList("data.auditLog.edges.node.seq", Long.class)).as("events for %s, one page", filter)
                .isEqualTo(expected);
        if (!expected.isEmpty()) {
            AuditSeed.Event first = events.get((int) (expected.get(0) - 1));
            assertThat(all.getString("data.auditLog.edges[0].node.hash")).isEqualTo(first.hash());
            assertThat(OffsetDateTime.parse(all.getString("data.auditLog.edges[0].node.at")).toInstant())
                    .isEqualTo(first.at().toInstant());
        }
    }

    @Test
    void badFiltersAreRejectedWithACode() {
        for (Map<String, Object> filter : List.of(
                Map.<String, Object>of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"),
                Map.<String, Object>of("from", "0001-01-01T00:00:00Z"),
                Map.<String, Object>of("to", "+10000-01-01T00:00:00Z"),
                Map.<String, Object>of("action", "erasure\u0000requested"),
                Map.<String, Object>of("actor", "x".repeat(AuditCriteria.MAX_LENGTH + 1)))) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", filter);
            vars.put("first", 10);
            String code = Api.errorCode(auditor, LOG, vars);
            assertThat(code).as("filter %s", filter.keySet()).isIn("BAD_USER_INPUT");
        }
    }

    @Test
    void agentsMayNotReadTheLog() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", Map.of("action", "export.created"));
        vars.put("first", 10);
        assertThat(Api.errorCode(Api.token(tenant, "agent"), LOG, vars)).isEqualTo("FORBIDDEN");
        assertThat(Api.ok(Api.token(tenant, "privacy-admin"), LOG, vars).getInt("data.auditLog.totalCount"))
                .isEqualTo((int) events.stream().filter(e -> e.entry().action().equals("export.created")).count());
    }

    /** The statements behind each filter read an index, also on a long log. */
    @Test
    void everyFilterIsAnIndexScanOnALongLog() {
        String big = Api.newTenant();
        AuditSeed.seed(pool, big, 30_000, i -> new AuditEntry("actor-" + (i % 50), "action." + (i % 30), "Thing",
                "target-" + (i % 2000), "n=" + i));
        pool.query("analyze audit_event").execute().await().indefinitely();
        OffsetDateTime from = AuditSeed.START.plusSeconds(20_000);
        OffsetDateTime to = AuditSeed.START.plusSeconds(20_100);
        Map<String, AuditCriteria> filters = Map.of(
                "audit_event_tenant_action_idx", new AuditCriteria("action.7", null, null, null, null),
                "audit_event_tenant_actor_idx", new AuditCriteria(null, "actor-7", null, null, null),
                "audit_event_tenant_target_idx", new AuditCriteria(null, null, "target-7", null, null),
                "audit_event_tenant_at_idx", new AuditCriteria(null, null, null, from, to));
        PageRequest firstPage = new PageRequest(50, null);
        filters.forEach((index, criteria) -> {
            for (AuditQueries.Statement statement : List.of(AuditQueries.pageRows(big, criteria, firstPage),
                    AuditQueries.countRows(big, criteria),
                    AuditQueries.oldestFirstRows(big, criteria, 0, 30_000, 1000))) {
                String plan = explain(statement);
                assertThat(plan).as("plan of %s", statement.sql()).doesNotContain("Seq Scan").contains("Index");
                if (!index.equals("audit_event_tenant_at_idx") || statement.sql().startsWith("select count")) {
                    assertThat(plan).as("plan of %s", statement.sql()).contains(index);
                }
            }
        });
    }

    private String explain(AuditQueries.Statement statement) {
        StringBuilder plan = new StringBuilder();
        pool.preparedQuery("explain " + statement.sql()).execute(statement.tuple()).await().indefinitely()
                .forEach(row -> plan.append(row.getString(0)).append('\n'));
        return plan.toString();
    }
}
