package io.lethe.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Clock;
import io.lethe.db.Sql;
import io.lethe.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads and changes a tenant's privacy settings. A change applies from the next ingest call and the
 * next redaction batch on: both read the settings row each time, nothing caches it.
 */
@ApplicationScoped
public class PrivacySettingsService {
    static final String AUDIT_ACTION = "privacy-settings.changed";

    private final TenantService tenants;
    private final AuditLog audit;
    private final Sql sql;

    public PrivacySettingsService(TenantService tenants, AuditLog audit, Sql sql) {
        this.tenants = tenants;
        this.audit = audit;
        this.sql = sql;
    }

    /** Through the read session, like every GraphQL read (sibling fields must not share a Hibernate session). */
    public Uni<PrivacySettings> settings(Caller caller) {
        return sql.one("select " + PrivacySettings.COLUMNS + " from tenant where tenant_id = $1",
                Tuple.of(caller.tenantId()), PrivacySettings::from)
                .map(found -> found != null ? found : PrivacySettings.defaults());
    }

    /**
     * Validates the whole input first, then changes the row (locked, so two concurrent updates of
     * different fields both count) and audits the fields that changed with their new values, all in
     * one transaction. A change to nothing writes no audit event.
     */
    @WithTransaction
    public Uni<PrivacySettings> update(Caller caller, PrivacySettingsInput input) {
        PrivacySettingsChange change = PrivacySettingsChange.of(input);
        return tenants.ensure(caller.tenantId())
                .chain(() -> Tenant.<Tenant>findById(caller.tenantId(), LockModeType.PESSIMISTIC_WRITE))
                .chain(tenant -> {
                    List<String> changed = tenant.apply(change, Clock.now());
                    Uni<Void> audited = changed.isEmpty() ? Uni.createFrom().voidItem()
                            : audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), AUDIT_ACTION, "Tenant",
                                    caller.tenantId()).withDetails(String.join(" ", changed)));
                    return audited.replaceWith(PrivacySettings.of(tenant));
                });
    }
}
