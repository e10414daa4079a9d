package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Two instances' listeners on one database: this application (A, whose worker is off in tests)
 * enqueues; a second listener with a LISTEN connection of its own and a worker identity of its own
 * (B, built here as another replica would be, with no poll at all) is woken by A's notice and runs
 * the job.
 */
@QuarkusTest
class JobPickupAcrossInstancesTest {
    @Inject
    Pool pool;
    @Inject
    Jobs jobs;
    @Inject
    PoolConnectOptions options;
    @Inject
    Vertx vertx;

    @Test
    void aJobEnqueuedOnOneInstanceIsRunAtOnceByAnother() throws Exception {
        jobs.drain(); // what earlier tests left claimable, so B's first wake-up runs only this job
        JobRunner b = jobs.runner("instance-b");
        JobProgressListener listenerB = new JobProgressListener(options, vertx, pool);
        listenerB.start(null);
        try (AutoCloseable wakeB = listenerB.whenQueued(b::wake)) {
            awaitSubscribed(listenerB);
            JobPickupTest.warmUp(pool); // the first erasure of a JVM compiles its paths: seconds under load
            String tenant = Api.newTenant();
            String admin = Api.token(tenant, "privacy-admin");
            JobPickupTest.subjectWithTranscript(tenant);

            Duration took = JobPickupTest.eraseAndAwait(pool, admin, "ada@example.org");
            assertThat(took).isLessThan(JobPickupTest.PICKUP);
        } finally {
            listenerB.stop(null);
        }
    }

    /** B's LISTEN is in place: a notice it hears proves it (a wake-up with nothing to claim is harmless). */
    private void awaitSubscribed(JobProgressListener listener) throws InterruptedException {
        var heard = new java.util.concurrent.CountDownLatch(1);
        try (AutoCloseable probe = listener.whenQueued(heard::countDown)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!heard.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                assertThat(System.nanoTime()).as("B listening within 30 s").isLessThan(deadline);
                pool.query("select pg_notify('" + JobQueue.CHANNEL + "', 'probe')::text").execute().await()
                        .atMost(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
