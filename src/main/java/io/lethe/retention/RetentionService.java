package io.lethe.retention;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Clock;
import io.lethe.db.Sql;
import io.lethe.api.BadUserInputException;
import io.lethe.redaction.RedactionJob;
import io.lethe.redaction.RedactionJobService;
import io.lethe.security.Caller;
import io.lethe.tenant.Tenant;
import io.lethe.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** Per-tenant retention windows; sweeps run as RETENTION jobs. */
@ApplicationScoped
public class RetentionService {
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 3650;
    static final String SCHEDULER_ACTOR = "system:retention-scheduler";

    private final TenantService tenants;
    private final RedactionJobService jobs;
    private final AuditLog audit;
    private final Sql sql;

    public RetentionService(TenantService tenants, RedactionJobService jobs, AuditLog audit, Sql sql) {
        this.tenants = tenants;
        this.jobs = jobs;
        this.audit = audit;
        this.sql = sql;
    }

    /**
     * Read through the reactive pool, not a Hibernate session: sibling GraphQL fields run
     * concurrently and would share one session (two aliased `retentionPolicy` fields both failed).
     */
    public Uni<RetentionPolicyView> policy(Caller caller) {
        return sql.one("select redact_after_days from tenant where tenant_id = $1", Tuple.of(caller.tenantId()),
                row -> new RetentionPolicyView(row.getInteger(0)))
                .map(view -> view != null ? view : new RetentionPolicyView(null));
    }

    @WithTransaction
    public Uni<RetentionPolicyView> setPolicy(Caller caller, RetentionPolicyInput input) {
        Integer days = input == null ? null : input.redactAfterDays();
        if (days != null && (days < MIN_DAYS || days > MAX_DAYS)) {
            throw new BadUserInputException("`redactAfterDays` must be between " + MIN_DAYS + " and " + MAX_DAYS
                    + ", or null to turn retention off");
        }
        return tenants.ensure(caller.tenantId())
                .chain(() -> Tenant.<Tenant>findById(caller.tenantId()))
                .invoke(tenant -> {
                    tenant.redactAfterDays = days;
                    tenant.updatedAt = Clock.now();
                })
                .call(() -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), "retention.changed", "Tenant",
                        caller.tenantId()).withDetails("redactAfterDays=" + days)))
                .map(tenant -> new RetentionPolicyView(days));
    }

    @WithTransaction
    public Uni<RedactionJob> applyNow(Caller caller) {
        return tenants.ensure(caller.tenantId()).chain(() -> jobs.enqueueRetention(caller.tenantId(), caller.actor()));
    }

    /** One RETENTION job per tenant with a policy, unless one is already queued or running. */
    @WithSession
    public Uni<Integer> enqueueDueSweeps() {
        return Tenant.<Tenant>list("redactAfterDays is not null")
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(t -> enqueueOne(t.tenantId))
                        .collect().asList().map(List::size));
    }

    @WithTransaction
    Uni<RedactionJob> enqueueOne(String tenantId) {
        return jobs.enqueueRetention(tenantId, SCHEDULER_ACTOR);
    }
}
