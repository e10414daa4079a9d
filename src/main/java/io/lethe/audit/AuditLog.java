package io.lethe.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Clock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Appends audit events inside the caller's transaction, so an operation and its audit record
 * commit together. A per-tenant advisory lock serialises appends, keeping the chain linear. The
 * chain step (lock, read the last event, compute seq and hash, insert) exists once; the two
 * entry points only choose how its statements run.
 */
@ApplicationScoped
public class AuditLog {
    // pg_advisory_xact_lock returns void: selecting a constant from it reads the same through both runners
    private static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))";
    private static final String LAST = "select seq, hash from audit_event where tenant_id = $1 order by seq desc limit 1";
    private static final String INSERT = "insert into audit_event (id, tenant_id, seq, at, actor, action, target_type,"
            + " target_id, details, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    /** Appends within the current Hibernate Reactive transaction. */
    public Uni<Void> append(String tenantId, AuditEntry entry) {
        return Panache.getSession().chain(session -> append(AuditStatements.of(session), tenantId, entry));
    }

    /** Appends within a transaction of the reactive SQL client (bulk job paths). */
    public Uni<Void> append(SqlConnection connection, String tenantId, AuditEntry entry) {
        return append(AuditStatements.of(connection), tenantId, entry);
    }

    private static Uni<Void> append(AuditStatements sql, String tenantId, AuditEntry entry) {
        return sql.query(LOCK, tenantId)
                .chain(() -> sql.query(LAST, tenantId))
                .chain(rows -> {
                    long seq = rows.isEmpty() ? 1 : ((Number) rows.get(0)[0]).longValue() + 1;
                    String prev = rows.isEmpty() ? AuditChain.GENESIS : (String) rows.get(0)[1];
                    OffsetDateTime at = Clock.now();
                    return sql.execute(INSERT, UUID.randomUUID(), tenantId, seq, at, entry.actor(), entry.action(),
                            entry.targetType(), entry.targetId(), entry.details(), prev,
                            AuditChain.hash(prev, seq, at, entry));
                });
    }
}
