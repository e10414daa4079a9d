package io.lethe.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.lethe.db.Count;
import io.lethe.db.Sql;
import io.lethe.security.Caller;
import io.lethe.security.Roles;
import io.lethe.transcript.TranscriptQueries;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Server-side cost of the statements behind totalCount and a transcript read (EXPLAIN ANALYZE
 * execution time, median of many runs) on a seeded tenant, the way they were (count(*), three
 * statements) and the way they are; and the ingest throughput the counter triggers allow with one
 * row per tenant against striped rows. Run with
 * {@code ./mvnw test -Dtest=ReadCostBench -Dsurefire.excludedGroups= -Dbench.transcripts=50000};
 * not part of ./mvnw verify.
 */
@QuarkusTest
@Tag("bench")
class ReadCostBench {
    private static final int RUNS = 40;

    @Inject
    BenchData data;
    @Inject
    Pool pool;
    @Inject
    TranscriptQueries transcripts;

    @Test
    void statementCosts() {
        int n = Integer.getInteger("bench.transcripts", 50000);
        String tenant = "bench-count-" + System.nanoTime();
        data.seed(tenant, n);
        exec("""
                insert into form_field (id, tenant_id, transcript_id, position, name, value, submitted_at)
                select gen_random_uuid(), t.tenant_id, t.id, p, (array['name', 'email', 'topic'])[p], 'value ' || p, now()
                from transcript t cross join generate_series(1, 3) p where t.tenant_id = $1""", tenant);
        // a few restricted visitors, as agents' counts must leave out
        exec("update visitor set processing_restricted = true where tenant_id = $1 and visitor_key like 'vk-%000'", tenant);
        exec("analyze visitor, transcript, message, form_field, tenant_counter");
        UUID id = pool.preparedQuery("select id from transcript where tenant_id = $1 limit 1").execute(Tuple.of(tenant))
                .await().indefinitely().iterator().next().getUUID(0);

        Caller admin = new Caller(tenant, "admin", Set.of(Roles.PRIVACY_ADMIN));
        Caller agent = new Caller(tenant, "agent", Set.of(Roles.AGENT));
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "tenant: %d transcripts, %d messages", n, n * BenchData.MESSAGES_PER_TRANSCRIPT));
        String page = "select t.id, t.visitor_id, t.started_at, t.ended_at, t.last_activity_at, t.redacted_at,"
                + " t.legal_hold, t.legal_hold_reason from transcript t where t.tenant_id = $1%s"
                + " order by t.started_at desc, t.id desc limit 21";
        report.add(line("page of 20 (admin)", time(String.format(page, ""), tenant)));
        report.add(line("page of 20 (agent)", time(String.format(page, Sql.hideRestrictedTranscripts(agent)), tenant)));
        report.add(line("before: count(*) (admin)", time("select count(*) from transcript t where t.tenant_id = $1", tenant)));
        report.add(line("before: count(*) (agent)", time("select count(*) from transcript t where t.tenant_id = $1"
                + Sql.hideRestrictedTranscripts(agent), tenant)));
        Count forAdmin = transcripts.count(admin, null);
        Count forAgent = transcripts.count(agent, null);
        report.add(line("after: counters (admin)", time(forAdmin.sql(), forAdmin.args().toArray())));
        report.add(line("after: counters (agent)", time(forAgent.sql(), forAgent.args().toArray())));

        String visitorsByEmail = "select v.id from visitor v where v.tenant_id = $1 and lower(v.email) = lower($2)";
        String before = " and t.visitor_id in (" + visitorsByEmail + ")";
        String after = " and t.visitor_id = any(array(" + visitorsByEmail + "))";
        report.add(line("before: count, filter {email} (in (select ...))",
                time("select count(*) from transcript t where t.tenant_id = $1" + before, tenant, "visitor77@example.com")));
        report.add(line("after: count, filter {email} (= any(array(select ...)))",
                time("select count(*) from transcript t where t.tenant_id = $1" + after, tenant, "visitor77@example.com")));
        report.add(line("before: page, filter {email}", time(String.format(page, before), tenant, "visitor77@example.com")));
        report.add(line("after: page, filter {email}", time(String.format(page, after), tenant, "visitor77@example.com")));

        double one = time("select " + TRANSCRIPT_COLUMNS + " from transcript t where t.tenant_id = $1 and t.id = $2", tenant, id);
        double msgs = time("select id, transcript_id, seq, sender, sender_name, body, sent_at from message"
                + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, seq", tenant, new UUID[] { id });
        double forms = time("select transcript_id, name, value from form_field"
                + " where tenant_id = $1 and transcript_id = any($2) order by transcript_id, position", tenant, new UUID[] { id });
        report.add(line(String.format(Locale.ROOT, "before: Q2 as 3 statements (%.3f + %.3f + %.3f)", one, msgs, forms),
                one + msgs + forms));
        report.add(line("after: Q2 as 1 statement", time("select p.*, m.*, f.* from (select " + TRANSCRIPT_COLUMNS
                + " from transcript t where t.tenant_id = $1 and t.id = $2) p"
                + " cross join lateral (select " + MESSAGE_ARRAYS + " from message m where m.tenant_id = $1 and m.transcript_id = p.id) m"
                + " cross join lateral (select " + FORM_ARRAYS + " from form_field f where f.tenant_id = $1 and f.transcript_id = p.id) f",
                tenant, id)));
        System.out.println("ReadCostBench (EXPLAIN ANALYZE execution time, median of " + RUNS + " runs)\n"
                + String.join("\n", report));
    }

    /**
     * Transcript starts per second from many connections at once, each its own transaction (visitor
     * and transcript insert), with the counters striped by backend, with one counter row per tenant,
     * and with no counter at all.
     */
    @Test
    void counterContention() throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        int seconds = Integer.getInteger("bench.seconds", 8);
        String striped = function("pg_backend_pid() % 16");
        String single = striped.replace("pg_backend_pid() % 16", "0");
        List<String> report = new ArrayList<>();
        try {
            // 0 ms: the statements alone; 2 ms: a commit that takes as long as a WAL flush and a round trip
            for (int hold : new int[] { 0, 2 }) {
                for (int round = 0; round < 2; round++) {
                    String at = ", " + hold + " ms from insert to commit";
                    report.add(line("striped (16 rows)" + at, starts(clients, seconds, hold)) + " starts/s");
                    exec(single);
                    report.add(line("one row per tenant" + at, starts(clients, seconds, hold)) + " starts/s");
                    exec(striped);
                    exec("alter table transcript disable trigger transcript_counted_insert");
                    exec("alter table visitor disable trigger visitor_counted_insert");
                    report.add(line("no counters" + at, starts(clients, seconds, hold)) + " starts/s");
                    // the alternative to a statement trigger: a row trigger, no transition table
                    exec(ROW_TRIGGER_FUNCTION);
                    exec("create trigger bench_counted_row after insert on transcript for each row"
                            + " execute function bench_counter_row()");
                    exec("create trigger bench_counted_row after insert on visitor for each row"
                            + " execute function bench_counter_row()");
                    report.add(line("striped, row trigger" + at, starts(clients, seconds, hold)) + " starts/s");
                    dropRowTriggers();
                    exec("alter table transcript enable trigger transcript_counted_insert");
                    exec("alter table visitor enable trigger visitor_counted_insert");
                }
            }
        } finally {
            dropRowTriggers();
            exec(striped);
            exec("alter table transcript enable trigger transcript_counted_insert");
            exec("alter table visitor enable trigger visitor_counted_insert");
        }
        System.out.println("ReadCostBench counters: " + clients + " connections, " + seconds + " s each, synchronous_commit="
                + pool.query("show synchronous_commit").execute().await().indefinitely().iterator().next().getString(0)
                + "\n" + String.join("\n", report));
    }

    private static final String ROW_TRIGGER_FUNCTION = """
            create or replace function bench_counter_row() returns trigger language plpgsql as $$
            begin
                if tg_table_name = 'transcript' then
                    insert into tenant_counter as c (tenant_id, stripe, transcripts) values (new.tenant_id, pg_backend_pid() % 16, 1)
                    on conflict (tenant_id, stripe) do update set transcripts = c.transcripts + 1;
                else
                    insert into tenant_counter as c (tenant_id, stripe, visitors) values (new.tenant_id, pg_backend_pid() % 16, 1)
                    on conflict (tenant_id, stripe) do update set visitors = c.visitors + 1;
                end if;
                return null;
            end
            $$""";

    private void dropRowTriggers() {
        exec("drop trigger if exists bench_counted_row on transcript");
        exec("drop trigger if exists bench_counted_row on visitor");
    }

    private double starts(int clients, int seconds, int holdMillis) throws Exception {
        String hold = "select pg_sleep(" + holdMillis / 1000.0 + ")";
        String tenant = "bench-ingest-" + System.nanoTime();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        UUID visitor = UUID.randomUUID();
                        try {
                            pool.withTransaction(conn -> conn.preparedQuery("insert into visitor (id, tenant_id, visitor_key,"
                                    + " first_seen_at, last_seen_at) values ($1, $2, $3, now(), now())")
                                    .execute(Tuple.of(visitor, tenant, visitor.toString()))
                                    .chain(() -> conn.preparedQuery("insert into transcript (id, tenant_id, visitor_id,"
                                            + " started_at, last_activity_at) values ($1, $2, $3, now(), now())")
                                            .execute(Tuple.of(UUID.randomUUID(), tenant, visitor)))
                                    .chain(() -> holdMillis == 0 ? Uni.createFrom().voidItem()
                                            : conn.query(hold).execute().replaceWithVoid()))
                                    .await().indefinitely();
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("ingest failed", failures.peek());
        }
        long counted = pool.preparedQuery("select coalesce(sum(transcripts), 0) from tenant_counter where tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
        long rows = pool.preparedQuery("select count(*) from transcript where tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely().iterator().next().getLong(0);
        if (rows != done.get() || (counted != 0 && counted != rows)) {
            throw new AssertionError("rows " + rows + ", committed " + done.get() + ", counted " + counted);
        }
        return done.get() / (double) seconds;
    }

    /** The counter trigger function as migrated, to swap its stripe expression and back. */
    private String function(String stripe) {
        String def = pool.query("select pg_get_functiondef('tenant_counter_add'::regproc)").execute().await().indefinitely()
                .iterator().next().getString(0);
        if (!def.contains(stripe)) {
            throw new AssertionError("unexpected trigger function: " + def);
        }
        return def;
    }

    private static final String TRANSCRIPT_COLUMNS = "t.id, t.visitor_id, t.started_at, t.ended_at, t.last_activity_at,"
            + " t.redacted_at, t.legal_hold, t.legal_hold_reason";
    private static final String MESSAGE_ARRAYS = "array_agg(m.id order by m.seq) as m_id, array_agg(m.seq order by m.seq) as m_seq,"
            + " array_agg(m.sender order by m.seq) as m_sender, array_agg(m.sender_name order by m.seq) as m_sender_name,"
            + " array_agg(m.body order by m.seq) as m_body, array_agg(m.sent_at order by m.seq) as m_sent_at";
    private static final String FORM_ARRAYS = "array_agg(f.name order by f.position) as f_name,"
            + " array_agg(f.value order by f.position) as f_value";

    /** Median EXPLAIN ANALYZE execution time in ms (after a warm-up run). */
    private double time(String sql, Object... args) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            JsonArray plan = (JsonArray) pool.preparedQuery("explain (analyze, format json) " + sql).execute(Tuple.from(args))
                    .await().indefinitely().iterator().next().getValue(0);
            if (i > 0) {
                times.add(plan.getJsonObject(0).getDouble("Execution Time"));
            }
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static String line(String what, double value) {
        return String.format(Locale.ROOT, "  %-60s %10.3f", what, value);
    }

    private void exec(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
    }
}
