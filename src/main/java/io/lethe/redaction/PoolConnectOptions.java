package io.lethe.redaction;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * Builds the application's reactive pool exactly as Quarkus would from its datasource
 * configuration, and keeps the connect options it used (server, credentials, TLS, startup
 * parameters) for the one connection that is not pooled: the {@link JobProgressListener}'s LISTEN
 * connection, which must reach the same database the same way.
 */
@Singleton
public class PoolConnectOptions implements PgPoolCreator {
    private volatile List<PgConnectOptions> options = List.of();

    @Override
    public Pool create(Input input) {
        options = List.copyOf(input.pgConnectOptionsList());
        List<SqlConnectOptions> servers = List.copyOf(options);
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }

    /** The options of the first configured server; null before the pool exists. */
    PgConnectOptions first() {
        List<PgConnectOptions> known = options;
        return known.isEmpty() ? null : new PgConnectOptions(known.get(0));
    }
}
