package io.lethe.redaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.lethe.bench.BenchData;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Cost of an erasure's residue scan (every text column of every table, the tenant's rows) on a
 * tenant with ~100k messages, next to a second tenant of the same size it must not read. Run with
 * {@code ./mvnw test -Dtest=ResidueScanBench -Dsurefire.excludedGroups= -Dbench.transcripts=5000}.
 */
@QuarkusTest
@Tag("bench")
class ResidueScanBench {
    @Inject
    BenchData data;
    @Inject
    Pool pool;

    @Test
    void residueScan() {
        int transcripts = Integer.getInteger("bench.transcripts", 5000);
        String tenant = "bench-residue-" + System.nanoTime();
        data.seed(tenant, transcripts);
        data.seed(tenant + "-neighbour", transcripts);
        List<Long> millis = new ArrayList<>();
        Map<String, Integer> hits = null;
        for (int run = 0; run < 6; run++) {
            int n = run + 1;
            String who = "visitor" + n;
            long started = System.nanoTime();
            hits = pool.withTransaction(conn -> ErasureResidue.scan(conn, tenant, List.of(who + "@example.com", "vk-" + n + "x"),
                    List.of("+1 415 555 " + String.format("%04d", n)))).await().atMost(Duration.ofMinutes(5));
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        System.out.printf("residue scan, %d messages in the tenant (and as many in another): runs %s ms (first run"
                + " cold); hits of the last run %s%n", transcripts * BenchData.MESSAGES_PER_TRANSCRIPT, millis, hits);
    }
}
