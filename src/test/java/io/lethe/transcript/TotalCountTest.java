package io.lethe.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.db.Count;
import io.lethe.db.Sql;
import io.lethe.security.Caller;
import io.lethe.security.Roles;
import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Fixtures;
import io.lethe.support.Jobs;
import io.lethe.visitor.VisitorFilter;
import io.lethe.visitor.VisitorQueries;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code totalCount} costs a statement only when selected, on every connection; unfiltered it reads the tenant's
 * counters (V12), which agree with {@code count(*)} for every role after any mix of writes;
 * filtered it is an index scan.
 */
@QuarkusTest
class TotalCountTest {
    private static final String RESTRICT = "mutation($id: ID!) { restrictProcessing(visitorId: $id, restricted: true) { id } }";

    @Inject
    Sql sql;
    @Inject
    Pool pool;
    @Inject
    Jobs jobs;
    @Inject
    TranscriptQueries transcripts;
    @Inject
    VisitorQueries visitors;

    @Test
    void totalCountRunsAStatementOnlyWhenSelected() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");
        for (int i = 0; i < 3; i++) {
            Chat.start(ingest, "tc-" + i, null, null);
        }
        assertThat(statements(agent, "{ transcripts(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }"))
                .as("transcripts without totalCount").isEqualTo(1);
        assertThat(statements(agent, "{ visitors(first: 2) { edges { node { id } } } }"))
                .as("visitors without totalCount").isEqualTo(1);

        double before = sql.statementCount();
        JsonPath both = Api.ok(agent, "{ transcripts(first: 2) { totalCount edges { node { id } } }"
                + " one: transcripts(first: 1, filter: {startedAfter: \"2000-01-01T00:00:00Z\"}) { totalCount }"
                + " visitors(first: 1) { totalCount } }");
        assertThat(Math.round(sql.statementCount() - before)).as("three pages and their three totals").isEqualTo(6);
        assertThat(both.getInt("data.transcripts.totalCount")).isEqualTo(3);
        assertThat(both.getInt("data.one.totalCount")).isEqualTo(3);
        assertThat(both.getInt("data.visitors.totalCount")).isEqualTo(3);
        assertThat(Api.ok(agent, "{ transcripts(filter: {visitorId: \"not-a-uuid\"}) { totalCount edges { cursor } } }")
                .getInt("data.transcripts.totalCount")).isZero();
    }

    @Test
    void caseJobAndAuditListsCountOnlyWhenSelected() {
        String tenant = Api.newTenant();
        String admin = Api.token(tenant, "privacy-admin");
        for (int i = 0; i < 3; i++) {
            Api.ok(admin, "mutation($e: String!) { openDataSubjectRequest(input: {type: RECTIFICATION, email: $e}) { id } }",
                    Map.of("e", "case" + i + "@count.example"));
        }
        exec("""
                insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at)
                select gen_random_uuid(), $1, 'RETENTION', 'SUCCEEDED', 'test', now() - s * interval '1 minute', now()
                from generate_series(1, 2) s""", tenant);
        long events = Fixtures.count(pool, "select count(*) from audit_event where tenant_id = $1", tenant);
        assertThat(events).as("the cases' audit events").isGreaterThanOrEqualTo(3);

        Map<String, String> lists = Map.of(
                "dataSubjectRequests", "dataSubjectRequests(first: 1, status: OPEN)",
                "redactionJobs", "redactionJobs(first: 1)",
                "auditLog", "auditLog(first: 1)");
        lists.forEach((name, field) -> assertThat(statements(admin, "{ " + field + " { edges { cursor } pageInfo { hasNextPage } } }"))
                .as(name + " without totalCount").isEqualTo(1));
        double before = sql.statementCount();
        JsonPath all = Api.ok(admin, "{ " + String.join(" ", lists.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue() + " { totalCount edges { cursor } }").toList()) + " }");
        assertThat(Math.round(sql.statementCount() - before)).as("three pages and their three totals").isEqualTo(6);
        assertThat(all.getInt("data.dataSubjectRequests.totalCount")).isEqualTo(3);
        assertThat(all.getInt("data.redactionJobs.totalCount")).isEqualTo(2);
        assertThat(all.getInt("data.auditLog.totalCount")).isEqualTo((int) events);
        assertThat(all.getList("data.auditLog.edges")).hasSize(1);
    }

    @Test
    void transcriptWithMessagesAndFormIsOneStatement() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String agent = Api.token(tenant, "agent");
        String id = Chat.start(ingest, "q2-" + UUID.randomUUID(), null, null);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> m = new java.util.HashMap<>(Fixtures.msg(i % 3 == 0 ? "OPERATOR" : "VISITOR",
                    "line " + i + " \"quoted\" {braces}, commas and ünïcödé"));
            if (i % 3 == 0) {
                m.put("senderName", "Sam " + i);
            }
            messages.add(m);
        }
        Fixtures.appendOk(ingest, id, messages);
        // the mutation's answer is read by the batch resolvers: the reference for the one-statement read
        JsonPath reference = Api.ok(ingest, "mutation($id: ID!, $f: [FormFieldInput!]!) { submitForm(transcriptId: $id,"
                + " fields: $f) { messages { id seq sender senderName body sentAt } formFields { name value } } }",
                Map.of("id", id, "f", List.of(Fixtures.field("name", "Ada"), Fixtures.field("topic", "a, \"b\""))));

        String q2 = "query($id: ID!) { transcript(id: $id) { id messages { id seq sender senderName body sentAt }"
                + " formFields { name value } } }";
        double before = sql.statementCount();
        JsonPath read = Api.ok(agent, q2, Map.of("id", id));
        assertThat(Math.round(sql.statementCount() - before)).as("Q2 statements").isEqualTo(1);
        assertThat(read.getList("data.transcript.messages")).hasSize(20)
                .isEqualTo(reference.getList("data.submitForm.messages"));
        assertThat(read.getList("data.transcript.formFields")).isEqualTo(reference.getList("data.submitForm.formFields"));

        // fragments and lists: the same single statement
        String empty = Chat.start(ingest, "q2-empty-" + UUID.randomUUID(), null, null);
        before = sql.statementCount();
        JsonPath page = Api.ok(agent, "{ transcripts(first: 5) { edges { node { ...T } } } }"
                + " fragment T on Transcript { id messages { seq body } formFields { name } }");
        assertThat(Math.round(sql.statementCount() - before)).as("a page with messages and forms").isEqualTo(1);
        assertThat(page.getList("data.transcripts.edges.node.id")).containsExactly(empty, id);
        assertThat(page.getList("data.transcripts.edges[0].node.messages")).isEmpty();
        assertThat(page.getList("data.transcripts.edges[0].node.formFields")).isEmpty();
        assertThat(page.getList("data.transcripts.edges[1].node.messages.seq", Integer.class))
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(page.getList("data.transcripts.edges[1].node.formFields.name")).containsExactly("name", "topic");
    }

    @Test
    void countersAgreeWithCountAfterMixedAndConcurrentWritesAndErasure() throws Exception {
        String tenant = Api.newTenant();
        String other = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        // ingest: repeated visitor keys reuse the visitor (the upsert's update is not an insert)
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            started.add(Chat.start(ingest, "mix-" + (i % 4), null, null));
        }
        Chat.form(ingest, started.get(0), Map.of("email", "erase.me@example.com"));
        // concurrent ingest from several connections, some racing for the same new visitor key
        ExecutorService pool8 = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String key = "par-" + (i % 12);
                futures.add(pool8.submit(() -> Chat.start(ingest, key, null, null)));
            }
            for (Future<String> f : futures) {
                f.get();
            }
        } finally {
            pool8.shutdown();
        }
        // an import: one statement inserting many rows, for two tenants at once
        exec("""
                insert into visitor (id, tenant_id, visitor_key, first_seen_at, last_seen_at)
                select gen_random_uuid(), case when s % 3 = 0 then $2 else $1 end, 'imp-' || s, now(), now()
                from generate_series(1, 300) s""", tenant, other);
        exec("""
                insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at)
                select gen_random_uuid(), tenant_id, id, first_seen_at, first_seen_at from visitor
                where tenant_id in ($1, $2) and visitor_key like 'imp-%'""", tenant, other);
        // restriction hides a visitor and their transcripts from agents
        String restricted = Api.ok(admin, "{ visitors(filter: {visitorKey: \"mix-1\"}) { edges { node { id } } } }")
                .getString("data.visitors.edges[0].node.id");
        Api.ok(admin, RESTRICT, Map.of("id", restricted));
        // erasure keeps the rows (redacted); the same key then starts a new visitor
        Api.ok(admin, "mutation { requestErasure(input: {email: \"erase.me@example.com\"}) { id } }");
        jobs.drain();
        Chat.start(ingest, "mix-0", null, null);
        // a delete (maintenance) is counted too
        String gone = started.get(9);
        for (String table : List.of("message", "form_field", "attachment", "consent_event")) {
            exec("delete from " + table + " where tenant_id = $1 and transcript_id = $2::uuid", tenant, gone);
        }
        exec("delete from transcript where tenant_id = $1 and id = $2::uuid", tenant, gone);

        long transcriptRows = Fixtures.count(pool, "select count(*) from transcript where tenant_id = $1", tenant);
        long visitorRows = Fixtures.count(pool, "select count(*) from visitor where tenant_id = $1", tenant);
        assertThat(transcriptRows).isEqualTo(10 + 48 + 200 + 1 - 1);
        assertThat(visitorRows).isEqualTo(4 + 12 + 200 + 1);
        assertThat(Fixtures.count(pool, "select sum(transcripts) from tenant_counter where tenant_id = $1", tenant))
                .isEqualTo(transcriptRows);
        assertThat(Fixtures.count(pool, "select sum(visitors) from tenant_counter where tenant_id = $1", tenant))
                .isEqualTo(visitorRows);
        assertThat(Fixtures.count(pool, "select sum(transcripts) + sum(visitors) from tenant_counter where tenant_id = $1",
                other)).isEqualTo(200);

        String totals = "{ transcripts(first: 1) { totalCount } visitors(first: 1) { totalCount } }";
        JsonPath asAdmin = Api.ok(admin, totals);
        assertThat(asAdmin.getLong("data.transcripts.totalCount")).isEqualTo(transcriptRows);
        assertThat(asAdmin.getLong("data.visitors.totalCount")).isEqualTo(visitorRows);
        JsonPath asAgent = Api.ok(Api.token(tenant, "agent"), totals);
        long hiddenTranscripts = Fixtures.count(pool, "select count(*) from transcript where tenant_id = $1"
                + " and visitor_id = $2::uuid", tenant, restricted);
        assertThat(hiddenTranscripts).isGreaterThan(1);
        assertThat(asAgent.getLong("data.transcripts.totalCount")).isEqualTo(transcriptRows - hiddenTranscripts);
        assertThat(asAgent.getLong("data.visitors.totalCount")).isEqualTo(visitorRows - 1);
        // the same as counting the pages' rows, for both roles
        assertThat(asAgent.getLong("data.transcripts.totalCount")).isEqualTo(countOf(transcripts.count(agent(tenant), null),
                "select count(*) from transcript t where t.tenant_id = $1" + Sql.hideRestrictedTranscripts(agent(tenant))));
    }

    @Test
    void unfilteredCountsReadCountersAndFilteredCountsUseIndexes() {
        String tenant = Api.newTenant();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        exec("""
                insert into visitor (id, tenant_id, visitor_key, email, first_seen_at, last_seen_at, processing_restricted)
                select gen_random_uuid(), $1, 'seed-' || s, 'seed' || s || '@count.example',
                       now() - s * interval '1 minute', now(), s % 1000 = 0
                from generate_series(1, 4000) s""", tenant);
        exec("""
                insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, legal_hold)
                select gen_random_uuid(), tenant_id, id, first_seen_at, first_seen_at, visitor_key like '%00'
                from visitor where tenant_id = $1""", tenant);
        exec("analyze visitor");
        exec("analyze transcript");
        String visitorId = pool.preparedQuery("select id from visitor where tenant_id = $1 and visitor_key = 'seed-7'")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getUUID(0).toString();

        for (Caller caller : List.of(admin(tenant), agent(tenant))) {
            String who = caller.seesRestricted() ? "admin" : "agent";
            // the counters (a small table: an index or a seq scan, whichever is cheaper), and for agents
            // the restricted visitors' rows by index; never the tenant's transcripts or visitors
            String transcriptCount = plan(transcripts.count(caller, null));
            assertThat(transcriptCount).as(who + ": transcripts totalCount").contains("tenant_counter")
                    .doesNotContain("Seq Scan on transcript", "Seq Scan on visitor", "transcript_tenant_started_idx");
            String visitorCount = plan(visitors.count(caller, null));
            assertThat(visitorCount).as(who + ": visitors totalCount").contains("tenant_counter")
                    .doesNotContain("Seq Scan on visitor", "visitor_tenant_seen_idx");
            if (caller.seesRestricted()) {
                assertThat(transcriptCount).doesNotContain(" on transcript", " on visitor");
                assertThat(visitorCount).doesNotContain(" on visitor");
            }
            assertThat(countOf(transcripts.count(caller, null), "select count(*) from transcript t where t.tenant_id = $1"
                    + Sql.hideRestrictedTranscripts(caller))).as(who).isEqualTo(caller.seesRestricted() ? 4000 : 3996);
            assertThat(countOf(visitors.count(caller, null), "select count(*) from visitor v where v.tenant_id = $1"
                    + Sql.hideRestrictedVisitors(caller))).as(who).isEqualTo(caller.seesRestricted() ? 4000 : 3996);

            Map<String, TranscriptFilter> filters = Map.of(
                    "visitorId", new TranscriptFilter(visitorId, null, null, null, null, null, null, null),
                    "email", new TranscriptFilter(null, "SEED7@count.example", null, null, null, null, null, null),
                    "startedAfter", new TranscriptFilter(null, null, null, now.minusMinutes(30), null, null, null, null),
                    "startedBefore+After", new TranscriptFilter(null, null, null, now.minusMinutes(90), now.minusMinutes(60),
                            null, null, null),
                    "legalHold", new TranscriptFilter(null, null, null, null, null, null, null, true),
                    "unredacted, idle", new TranscriptFilter(null, null, null, null, null, false, now.minusMinutes(3990),
                            null));
            filters.forEach((name, filter) -> assertThat(plan(transcripts.count(caller, filter)))
                    .as(who + ": transcripts(filter: {" + name + "}) totalCount").doesNotContain("Seq Scan"));
            assertThat(plan(visitors.count(caller, new VisitorFilter("seed7@count.example", null))))
                    .as(who + ": visitors(filter: {email}) totalCount").doesNotContain("Seq Scan");
            assertThat(plan(visitors.count(caller, new VisitorFilter(null, "seed-7"))))
                    .as(who + ": visitors(filter: {visitorKey}) totalCount").doesNotContain("Seq Scan");
        }
    }

    private long countOf(Count count, String reference) {
        long counted = Fixtures.count(pool, count.sql(), count.args().toArray());
        assertThat(counted).as("count vs " + reference).isEqualTo(Fixtures.count(pool, reference, count.args().get(0)));
        return counted;
    }

    private static Caller admin(String tenant) {
        return new Caller(tenant, "admin", java.util.Set.of(Roles.PRIVACY_ADMIN));
    }

    private static Caller agent(String tenant) {
        return new Caller(tenant, "agent", java.util.Set.of(Roles.AGENT));
    }

    private long statements(String token, String query) {
        double before = sql.statementCount();
        Api.ok(token, query);
        return Math.round(sql.statementCount() - before);
    }

    private String plan(Count count) {
        StringBuilder plan = new StringBuilder();
        pool.preparedQuery("explain " + count.sql()).execute(Tuple.from(count.args())).await().indefinitely()
                .forEach(row -> plan.append(row.getString(0)).append('\n'));
        return plan.toString();
    }

    private void exec(String statement, Object... args) {
        pool.preparedQuery(statement).execute(Tuple.from(args)).await().indefinitely();
    }
}
