package io.lethe.db;

import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.lethe.api.ServiceUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The reads of one GraphQL request. For a query: one pooled connection, taken on the first
 * statement, in one {@code REPEATABLE READ READ ONLY} transaction, so every resolver of the
 * request reads the same snapshot (a transcript is seen before or after its redaction, never
 * half) and the request holds at most one connection however many fields it asks for: sibling
 * resolvers' statements queue on it and the PostgreSQL client pipelines them. Each statement is
 * bounded by {@code statement_timeout}. {@link #close()} commits and releases the connection when
 * the HTTP request ends (see {@link RequestReadSession}).
 * <p>
 * A mutation document gets no shared session: its top-level fields run one after another, each
 * writing in its own transaction on another connection, and the fields read after each must see
 * those writes; one snapshot (taken after the first mutation) would show the second mutation's
 * result without the second mutation's rows. Holding a connection while the next mutation waits
 * for one from the same pool could also exhaust the pool under load. Its reads use the pool
 * statement by statement, in READ COMMITTED, as before.
 */
final class ReadSession {
    private static final Logger LOG = Logger.getLogger(ReadSession.class);
    /** SQLSTATE of "current transaction is aborted": a consequence of an earlier failure. */
    private static final String IN_FAILED_TRANSACTION = "25P02";

    private final Pool pool;
    private final String begin;
    private final BooleanSupplier queryOperation;

    private Boolean shared;
    private Uni<SqlConnection> connection;
    private volatile Uni<Void> begun;
    private Throwable failure;
    private boolean closed;

    /**
     * @param begin the statements that open the transaction, sent in one round trip
     * @param queryOperation whether the request is a query (asked once, on the first statement)
     */
    ReadSession(Pool pool, String begin, BooleanSupplier queryOperation) {
        this.pool = pool;
        this.begin = begin;
        this.queryOperation = queryOperation;
    }

    Uni<RowSet<Row>> execute(String sql, Tuple args) {
        Uni<SqlConnection> conn;
        synchronized (this) {
            if (closed) {
                // the client hung up (or the request ended) while resolvers were still reading: a
                // coded answer nobody is an error of ours, so it is not logged as one
                return Uni.createFrom().failure(new ServiceUnavailableException(
                        "the request ended before its reads finished; send it again"));
            }
            if (shared == null) {
                shared = queryOperation.getAsBoolean();
            }
            if (!shared) {
                return pool.preparedQuery(sql).execute(args);
            }
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            if (connection == null) {
                connection = open();
            }
            conn = connection;
        }
        // BEGIN is on the wire already: the statement follows it without waiting for its answer,
        // and fails if BEGIN did
        return conn.chain(c -> Uni.combine().all().unis(begun, c.preparedQuery(sql).execute(args))
                .with((ignored, rows) -> rows))
                .onFailure().transform(this::remember);
    }

    private Uni<SqlConnection> open() {
        return pool.getConnection().invoke(c -> {
            Uni<Void> started = c.query(begin).execute().replaceWithVoid().memoize().indefinitely();
            // subscribing sends BEGIN now, ahead of every statement waiting for this connection
            started.subscribe().with(ok -> {
            }, failed -> {
            });
            begun = started;
        }).memoize().indefinitely();
    }

    /**
     * A failed statement aborts the transaction: later statements fail too, with the first
     * failure (a cancelled statement's siblings report the cancellation, not "transaction aborted").
     */
    private synchronized Throwable remember(Throwable t) {
        if (failure == null) {
            failure = t;
            return t;
        }
        return t instanceof PgException pg && IN_FAILED_TRANSACTION.equals(pg.getSqlState()) ? failure : t;
    }

    /**
     * Ends the session once: COMMIT queues behind statements still running (a client that hung up
     * mid-request), then the connection goes back to the pool. Never fails.
     */
    Uni<Void> close() {
        Uni<SqlConnection> conn;
        synchronized (this) {
            if (closed) {
                return Uni.createFrom().voidItem();
            }
            closed = true;
            conn = connection;
        }
        if (conn == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.chain(c -> c.query("COMMIT").execute().replaceWithVoid()
                .onFailure().invoke(ReadSession::logCloseFailure)
                .onFailure().recoverWithNull()
                .chain(() -> c.close()))
                // no connection was acquired: nothing to release
                .onFailure().recoverWithNull();
    }

    private static void logCloseFailure(Throwable t) {
        // the type and SQL state only: driver messages can quote data
        LOG.debugf("read session ended with %s%s", t.getClass().getName(),
                t instanceof PgException pg ? " sqlState=" + pg.getSqlState() : "");
    }
}
