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
 * Retention sweep benchmark (target: 1M messages end to end in ≤ 2 min, within 3× of one raw
 * SQL UPDATE with regexp_replace over the same rows, memory flat). Not part of `./mvnw verify`:
 * run `bench/retention/run.sh` (tag "bench"). Size with -Dbench.messages (default 1,000,000).
 */
@QuarkusTest
@Tag("bench")
class RetentionSweepBench {
    private static final Duration WAIT = Duration.ofMinutes(30);

    @Inject
    Pool pool;
    @Inject
    Jobs jobs;
    @Inject
    BenchData data;

    @Test
    void sweep() throws Exception {
        int messages = Integer.getInteger("bench.messages", 1_000_000);
        int transcripts = messages / BenchData.MESSAGES_PER_TRANSCRIPT;

        String floorTenant = "bench-floor-" + System.nanoTime();
        data.seed(floorTenant, transcripts);
        long floorStart = System.nanoTime();
        // the floor: one statement, regexes for email/IPv4/phone-ish runs, no per-visitor values, no audit
        data.execute("""
                update message set body = regexp_replace(regexp_replace(regexp_replace(body,
                  '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', '<redacted>', 'g'),
                  '\\m(\\d{1,3}\\.){3}\\d{1,3}\\M', '<redacted>', 'g'),
                  '\\+?\\d[\\d ().-]{7,}\\d', '<redacted>', 'g')
                where tenant_id = $1
                """, floorTenant);
        double floorSeconds = seconds(floorStart);

        String tenant = "bench-sweep-" + System.nanoTime();
        data.seed(tenant, transcripts);
        data.execute("insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at)"
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
        data.execute("delete from redaction_job_transcript where tenant_id = $1", tenant);
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
