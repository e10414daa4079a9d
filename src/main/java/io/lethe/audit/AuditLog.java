package io.lethe.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Clock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends audit events inside the caller's transaction, so an operation and its audit record
 * commit together. A per-tenant advisory lock serialises appends, keeping the chain linear.
 */
@ApplicationScoped
public class AuditLog {
    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))";
    private static final String LAST = "select seq, hash from audit_event where tenant_id = $1 order by seq desc limit 1";
    private static final String INSERT = "insert into audit_event (id, tenant_id, seq, at, actor, action, target_type,"
            + " target_id, details, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    /** Appends within the current Hibernate Reactive transaction. */
    public Uni<Void> append(String tenantId, AuditEntry entry) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(positional(LOCK)).setParameter(1, tenantId).getSingleResultOrNull()
                .chain(() -> AuditEvent.find("tenantId = ?1 order by seq desc", tenantId).<AuditEvent>firstResult())
                .chain(last -> {
                    AuditEvent event = next(tenantId, entry, last == null ? 0 : last.seq,
                            last == null ? AuditChain.GENESIS : last.hash);
                    return event.persist();
                }))
                .replaceWithVoid();
    }

    /** Appends within a transaction of the reactive SQL client (bulk job paths). */
    public Uni<Void> append(SqlConnection connection, String tenantId, AuditEntry entry) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(tenantId))
                .chain(() -> connection.preparedQuery(LAST).execute(Tuple.of(tenantId)))
                .chain(rows -> {
                    long lastSeq = 0;
                    String prev = AuditChain.GENESIS;
                    if (rows.size() > 0) {
                        var row = rows.iterator().next();
                        lastSeq = row.getLong("seq");
                        prev = row.getString("hash");
                    }
                    AuditEvent e = next(tenantId, entry, lastSeq, prev);
                    return connection.preparedQuery(INSERT).execute(Tuple.tuple(java.util.Arrays.asList(e.id,
                            e.tenantId, e.seq, e.at, e.actor, e.action, e.targetType, e.targetId, e.details,
                            e.prevHash, e.hash)));
                })
                .replaceWithVoid();
    }

    private static AuditEvent next(String tenantId, AuditEntry entry, long lastSeq, String prevHash) {
        OffsetDateTime at = Clock.now();
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.tenantId = tenantId;
        event.seq = lastSeq + 1;
        event.at = at;
        event.actor = entry.actor();
        event.action = entry.action();
        event.targetType = entry.targetType();
        event.targetId = entry.targetId();
        event.details = entry.details();
        event.prevHash = prevHash;
        event.hash = AuditChain.hash(prevHash, event.seq, at, entry);
        return event;
    }

    /** Hibernate native queries take ?1 style parameters. */
    private static String positional(String sql) {
        return sql.replace("$1", "?1");
    }
}
