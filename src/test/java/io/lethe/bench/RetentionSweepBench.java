package io.lethe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Retention sweep benchmark (DESIGN target: 1M messages end to end in ≤ 2 min, within 3× of one raw
 * SQL UPDATE with regexp_replace over the same rows, memory flat). Not part of `./mvnw verify`:
 * run `bench/retention/run.sh` (tag "bench"). Size with -Dbench.messages (default 1,000,000).
 */
@QuarkusTest
@Tag("bench")
class RetentionSweepBench {
    private static final Duration WAIT = Duration.ofMinutes(30);
    private static final int MESSAGES_PER_TRANSCRIPT = 20;

    @Inject
    Pool pool;
    @Inject
    Jobs jobs;

    @Test
    void sweep() throws Exception {
        int messages = Integer.getInteger("bench.messages", 1_000_000);
        int transcripts = messages / MESSAGES_PER_TRANSCRIPT;

        String floorTenant = "bench-floor-" + System.nanoTime();
        seed(floorTenant, transcripts);
        long floorStart = System.nanoTime();
        // the floor: one statement, regexes for email/IPv4/phone-ish runs, no per-visitor values, no audit
        execute("""
                update message set body = regexp_replace(regexp_replace(regexp_replace(body,
                  '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', '<redacted>', 'g'),
                  '\\m(\\d{1,3}\\.){3}\\d{1,3}\\M', '<redacted>', 'g'),
                  '\\+?\\d[\\d ().-]{7,}\\d', '<redacted>', 'g')
                where tenant_id = $1
                """, floorTenant);
        double floorSeconds = seconds(floorStart);

        String tenant = "bench-sweep-" + System.nanoTime();
        seed(tenant, transcripts);
        execute("insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at)"
                + " values (gen_random_uuid(), $1, 'RETENTION', 'QUEUED', 'bench', now(), now())", tenant);
        HeapSampler heap = new HeapSampler();
        heap.start();
        long start = System.nanoTime();
        jobs.drain();
        double sweepSeconds = seconds(start);
        heap.interrupt();
        heap.join();

        long redacted = pool.preparedQuery("select count(*) from transcript where tenant_id = $1 and redacted_at is not null")
                .execute(Tuple.of(tenant)).await().atMost(WAIT).iterator().next().getLong(0);
        System.out.printf(Locale.ROOT, "%nRETENTION SWEEP BENCH messages=%d transcripts=%d redacted=%d%n", messages,
                transcripts, redacted);
        System.out.printf(Locale.ROOT, "  floor (raw SQL regexp_replace UPDATE): %.1f s (%.0f msg/s)%n", floorSeconds,
                messages / floorSeconds);
        System.out.printf(Locale.ROOT, "  Lethe RETENTION job end to end:       %.1f s (%.0f msg/s)%n", sweepSeconds,
                messages / sweepSeconds);
        System.out.printf(Locale.ROOT, "  ratio to floor: %.2fx (target <= 3x); target <= 120 s for 1M: %s%n",
                sweepSeconds / floorSeconds, sweepSeconds * 1_000_000 / messages <= 120 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "  heap used: start %d MiB, peak %d MiB%n", heap.startMiB, heap.peakMiB);
        execute("delete from redaction_job_transcript where tenant_id = $1", tenant);
    }

    private void seed(String tenant, int transcripts) {
        execute("insert into tenant (tenant_id, redact_after_days) values ($1, 30)", tenant);
        execute("""
                insert into visitor (id, tenant_id, visitor_key, email, phone, first_seen_at, last_seen_at)
                select gen_random_uuid(), $1, 'vk-' || i, 'visitor' || i || '@example.com', '+1 415 555 ' || lpad((i % 10000)::text, 4, '0'),
                       now() - interval '100 days', now() - interval '100 days'
                from generate_series(1, $2) i
                """, tenant, transcripts);
        execute("""
                insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, next_seq)
                select gen_random_uuid(), v.tenant_id, v.id, now() - interval '100 days', now() - interval '99 days', 21
                from visitor v where v.tenant_id = $1
                """, tenant);
        execute("""
                insert into message (id, tenant_id, transcript_id, seq, sender, body, sent_at)
                select gen_random_uuid(), t.tenant_id, t.id, s, case when s % 2 = 0 then 'OPERATOR' else 'VISITOR' end,
                       (array['Hi there, I have a question about my order',
                              'Sure, what is your order number?',
                              'It is order #' || (s * 7919) || ', placed on 2024-03-' || (10 + s % 18),
                              'You can reach me at ' || v.email || ' after 5pm',
                              'My number is ' || v.phone,
                              'The price shown was $' || (s * 3) || '.99 but I paid more',
                              'I am connecting from 192.0.2.' || (s * 11 % 255) || ' if that helps',
                              'Thanks, version 2.4.1 of the app crashed at 12:30:45',
                              'Let me check that for you, one moment please.',
                              'Great, that solved it. Have a nice day!'])[1 + (s % 10)],
                       now() - interval '99 days'
                from transcript t join visitor v on v.id = t.visitor_id, generate_series(1, 20) s
                where t.tenant_id = $1
                """, tenant);
        execute("analyze message", null);
    }

    private void execute(String sql, String tenant, Object... more) {
        Tuple args = Tuple.tuple();
        if (tenant != null) {
            args.addValue(tenant);
        }
        for (Object o : more) {
            args.addValue(o);
        }
        if (args.size() == 0) {
            pool.query(sql).execute().await().atMost(WAIT);
        } else {
            pool.preparedQuery(sql).execute(args).await().atMost(WAIT);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Samples used heap every 50 ms (after a GC hint at start) to show it stays flat. */
    static final class HeapSampler extends Thread {
        volatile long startMiB;
        volatile long peakMiB;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            System.gc();
            startMiB = usedMiB();
            peakMiB = startMiB;
            while (!isInterrupted()) {
                peakMiB = Math.max(peakMiB, usedMiB());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static long usedMiB() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    used += pool.getUsage().getUsed();
                }
            }
            return used / (1024 * 1024);
        }
    }
}
