package io.lethe.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * GraphQL read latency alone and while a RETENTION sweep runs on another tenant (target: the sweep
 * costs reads at most 1.5x their p99). Closed model: N clients, each sending its next request when
 * the last one answered. Run with bench/latency/sweep.sh; not part of ./mvnw verify.
 */
@QuarkusTest
@Tag("bench")
class SweepReadLatencyBench {
    private static final Duration WAIT = Duration.ofMinutes(30);

    @Inject
    BenchData data;
    @Inject
    Jobs jobs;
    @Inject
    Pool pool;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void readsDuringASweep() throws Exception {
        int sweepTranscripts = Integer.getInteger("bench.sweep-transcripts", 8000);
        int clients = Integer.getInteger("bench.clients", 20);
        int seconds = Integer.getInteger("bench.seconds", 15);
        String readTenant = "bench-reads-" + System.nanoTime();
        String sweepTenant = "bench-sweep-" + System.nanoTime();
        data.seed(readTenant, 1000);
        data.seed(sweepTenant, sweepTranscripts);
        List<String> ids = new ArrayList<>();
        for (Row r : pool.preparedQuery("select id from transcript where tenant_id = $1 limit 1000")
                .execute(Tuple.of(readTenant)).await().atMost(WAIT)) {
            ids.add(r.getUUID(0).toString());
        }
        String token = Api.token(readTenant, "agent");
        load(token, ids, clients, Integer.getInteger("bench.warmup-seconds", 15)); // JIT and first-request class loading
        long[] alone = load(token, ids, clients, seconds);

        data.execute("insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at)"
                + " values (gen_random_uuid(), $1, 'RETENTION', 'QUEUED', 'bench', now(), now())", sweepTenant);
        long sweepStart = System.nanoTime();
        Uni<Integer> sweep = jobs.runner("bench-sweeper").drain().memoize().indefinitely();
        sweep.subscribe().with(n -> { }, e -> { });
        long[] during = load(token, ids, clients, seconds);
        sweep.await().atMost(WAIT);
        double sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;

        System.out.printf(Locale.ROOT, "%nSWEEP READ LATENCY %d clients, %d s each; sweep of %d transcripts (%d messages) took %.1f s%n",
                clients, seconds, sweepTranscripts, sweepTranscripts * BenchData.MESSAGES_PER_TRANSCRIPT, sweepSeconds);
        print("reads alone       ", alone);
        print("reads during sweep", during);
        double ratio = ms(during, 0.99) / ms(alone, 0.99);
        System.out.printf(Locale.ROOT, "  p99 ratio during/alone %.2fx (target <= 1.5x: %s)%n", ratio,
                ratio <= 1.5 ? "met" : "NOT met");
        data.execute("delete from redaction_job_transcript where tenant_id = $1", sweepTenant);
    }

    /** Latencies (ns, sorted) of {@code clients} closed-loop clients for {@code seconds}. */
    private long[] load(String token, List<String> ids, int clients, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + port + "/graphql");
        String page = "{\"query\":\"{ transcripts(first: 20) { totalCount pageInfo { hasNextPage endCursor }"
                + " edges { cursor node { id startedAt endedAt redactedAt legalHold visitor { visitorKey name email } } } } }\"}";
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            running.add(threads.submit(() -> {
                int n = offset;
                while (System.nanoTime() < end) {
                    String body = n % 2 == 0 ? page : single(ids.get(n % ids.size()));
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                    n += clients;
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        threads.shutdown();
        if (failures.get() > 0) {
            throw new AssertionError(failures.get() + " reads failed");
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static String single(String id) {
        return "{\"query\":\"{ transcript(id: \\\"" + id + "\\\") { id legalHold visitor { visitorKey }"
                + " messages { seq body } formFields { name value } attachments { fileName } } }\"}";
    }

    private static void print(String label, long[] sorted) {
        System.out.printf(Locale.ROOT, "  %s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, sorted.length,
                ms(sorted, 0.50), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
