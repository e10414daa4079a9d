package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.security.Caller;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The LISTEN side on its own: a notice arrives only once its transaction commits, only for its job
 * and tenant; after the LISTEN connection is lost, streams re-read; the periodic re-read ends a
 * stream whose notices never came.
 */
@QuarkusTest
class JobProgressListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    JobProgressListener listener;
    @Inject
    JobProgressService progress;
    @Inject
    Pool pool;

    @Test
    void aNoticeArrivesOnCommitOnlyAndOnlyForItsJobAndTenant() throws InterruptedException {
        String tenant = Api.newTenant();
        UUID job = UUID.randomUUID();
        List<Object> seen = new CopyOnWriteArrayList<>();
        Cancellable watching = listener.changes(tenant, job).subscribe().with(seen::add);
        awaitListening();
        // a (re)subscribe, e.g. after an earlier test cut the connection, signals every stream once, and with
        // two channels its handlers may run just after the first LISTEN shows: not one of the notices below
        sleep(1000);
        seen.clear();
        try {
            pool.withTransaction(conn -> JobProgress.notify(conn, tenant, job)
                    .chain(() -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("roll back"))))
                    .onFailure().recoverWithNull().await().atMost(WAIT);
            pool.withTransaction(conn -> JobProgress.notify(conn, "other-tenant", job)).await().atMost(WAIT);
            pool.withTransaction(conn -> JobProgress.notify(conn, tenant, UUID.randomUUID())).await().atMost(WAIT);
            Thread.sleep(1500);
            assertThat(seen).as("rolled back, another tenant, another job").isEmpty();

            pool.withTransaction(conn -> JobProgress.notify(conn, tenant, job)).await().atMost(WAIT);
            awaitSize(seen, 1);
        } finally {
            watching.cancel();
        }
        assertThat(listener.watching()).isZero();
    }

    @Test
    void afterTheListenConnectionIsLostEveryStreamReReadsOnce() {
        String tenant = Api.newTenant();
        UUID job = insertJob(tenant);
        List<RedactionJobView> rows = new CopyOnWriteArrayList<>();
        // no periodic re-read within this test: only the reconnect can explain the second row
        Cancellable following = progress.follow(new Caller(tenant, "t", Set.of()), job.toString(), Duration.ofMinutes(10))
                .subscribe().with(rows::add);
        try {
            awaitSize(rows, 1);
            awaitListening();
            // changed without a notice, as if the notice had been sent while the listener was down
            pool.preparedQuery("update redaction_job set attempts = 7 where id = $1").execute(Tuple.of(job)).await().atMost(WAIT);
            pool.query("select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'LISTEN%'")
                    .execute().await().atMost(WAIT);
            awaitSize(rows, 2);
            assertThat(rows.get(1).attempts()).isEqualTo(7);
        } finally {
            following.cancel();
        }
    }

    @Test
    void thePeriodicReReadEndsAStreamWhoseNoticeNeverCame() {
        String tenant = Api.newTenant();
        UUID job = insertJob(tenant);
        List<RedactionJobView> rows = new CopyOnWriteArrayList<>();
        List<Boolean> completed = new CopyOnWriteArrayList<>();
        progress.follow(new Caller(tenant, "t", Set.of()), job.toString(), Duration.ofMillis(300)).subscribe()
                .with(rows::add, failure -> { }, () -> completed.add(true));
        awaitSize(rows, 1);
        pool.preparedQuery("update redaction_job set status = 'CANCELLED', finished_at = now() where id = $1")
                .execute(Tuple.of(job)).await().atMost(WAIT);
        awaitSize(completed, 1);
        assertThat(rows).extracting(RedactionJobView::status).containsExactly(JobStatus.QUEUED, JobStatus.CANCELLED);
    }

    private UUID insertJob(String tenant) {
        UUID id = UUID.randomUUID();
        // next_attempt_at far ahead: no worker of another test claims it
        pool.preparedQuery("insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at)"
                + " values ($1, $2, 'RETENTION', 'QUEUED', 't', now(), now() + interval '1 day')")
                .execute(Tuple.of(id, tenant)).await().atMost(WAIT);
        return id;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pool.query("select count(*) from pg_stat_activity where query ilike 'LISTEN%'").execute()
                .await().atMost(WAIT).iterator().next().getLong(0) == 0) {
            assertThat(System.nanoTime()).as("the listener is connected").isLessThan(deadline);
            sleep(50);
        }
    }

    private static void awaitSize(List<?> list, int size) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size) {
            assertThat(System.nanoTime()).as("%d items within %s, got %s", size, WAIT, list).isLessThan(deadline);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
