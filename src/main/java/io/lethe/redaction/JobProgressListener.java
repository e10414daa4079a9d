package io.lethe.redaction;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * This replica's one LISTEN connection (a Vert.x {@link PgSubscriber}, which reconnects by itself)
 * on two channels: {@link JobProgress}, fanned out to the local streams that follow a job, and
 * {@link JobQueue}, which wakes this replica's {@link JobWorker}. A notice carries no data: a stream
 * re-reads its job, a worker claims. Whenever a channel is (re)subscribed, every stream is told to
 * re-read once and the worker to claim, because notices sent while the connection was down are
 * lost; streams also re-read on a timer of their own (see {@link JobProgressService}) and the
 * worker polls.
 */
@ApplicationScoped
public class JobProgressListener {
    private static final Logger LOG = Logger.getLogger(JobProgressListener.class);
    private static final Object CHANGED = new Object();
    private static final long MAX_RETRY_DELAY_MS = 5_000;

    private final PoolConnectOptions options;
    private final Vertx vertx;
    private final io.vertx.mutiny.sqlclient.Pool pool;
    private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Set<Runnable> queueWatchers = ConcurrentHashMap.newKeySet();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public JobProgressListener(PoolConnectOptions options, Vertx vertx, io.vertx.mutiny.sqlclient.Pool pool) {
        this.options = options;
        this.vertx = vertx;
        this.pool = pool;
    }

    private record Watcher(String tenantId, MultiEmitter<? super Object> emitter) {
    }

    /**
     * Emits (an opaque item) whenever the job may have changed: a notice for it from any replica,
     * or a reconnect of the listener. Only the latest signal is kept while the consumer is busy.
     */
    Multi<Object> changes(String tenantId, UUID jobId) {
        return Multi.createFrom().emitter(emitter -> {
            Watcher watcher = new Watcher(tenantId, emitter);
            watchers.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
            emitter.onTermination(() -> watchers.computeIfPresent(jobId, (id, set) -> {
                set.remove(watcher);
                return set.isEmpty() ? null : set;
            }));
        }, BackPressureStrategy.LATEST);
    }

    /**
     * Runs {@code wake} (on the listener's event loop: it must not block) whenever a job may have
     * become due: a {@link JobQueue} notice from any replica, or a (re)subscribe of that channel.
     * Closing the handle stops it.
     */
    AutoCloseable whenQueued(Runnable wake) {
        queueWatchers.add(wake);
        return () -> queueWatchers.remove(wake);
    }

    /** How many streams follow a job on this replica (for tests and metrics). */
    int watching() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }

    void start(@Observes StartupEvent event) {
        pool.getDelegate(); // the pool is built first: its connect options are the listener's
        PgConnectOptions connect = options.first();
        if (connect == null) {
            LOG.warn("job progress listener not started: no reactive datasource; subscriptions re-read on their timer only");
            return;
        }
        PgSubscriber created = PgSubscriber.subscriber(vertx, connect)
                .reconnectPolicy(retries -> Math.min(MAX_RETRY_DELAY_MS, 250L * (retries + 1)));
        created.channel(JobProgress.CHANNEL)
                .handler(this::onNotice)
                .subscribeHandler(v -> everyone());
        created.channel(JobQueue.CHANNEL)
                .handler(payload -> queued())
                .subscribeHandler(v -> queued());
        subscriber = created;
        connect(created, 0);
    }

    /** The first connect is not covered by the reconnect policy: retry it here until it works. */
    private void connect(PgSubscriber target, int attempt) {
        target.connect().onFailure(failure -> {
            if (stopped) {
                return;
            }
            if (attempt == 0) {
                // the type only: a connection error names hosts and ports
                LOG.warnf("job progress listener cannot reach the database yet (%s); retrying",
                        failure.getClass().getSimpleName());
            }
            vertx.setTimer(Math.min(MAX_RETRY_DELAY_MS, 250L * (attempt + 1)), id -> connect(target, attempt + 1));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        PgSubscriber current = subscriber;
        if (current != null) {
            current.close();
        }
    }

    private void onNotice(String payload) {
        JobProgress.parse(payload).ifPresent(notice -> {
            Set<Watcher> set = watchers.get(notice.jobId());
            if (set != null) {
                set.stream().filter(w -> w.tenantId().equals(notice.tenantId())).forEach(w -> w.emitter().emit(CHANGED));
            }
        });
    }

    private void queued() {
        for (Runnable wake : queueWatchers) {
            try {
                wake.run();
            } catch (RuntimeException e) {
                LOG.warnf("job queue wake-up failed: %s", e.getClass().getSimpleName());
            }
        }
    }

    /** (Re)subscribed: notices may have been missed while the connection was down. */
    private void everyone() {
        watchers.values().forEach(set -> set.forEach(w -> w.emitter().emit(CHANGED)));
    }
}
