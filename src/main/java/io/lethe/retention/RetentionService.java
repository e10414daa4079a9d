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

/** Per-tenant retention windows (whole transcripts, files, IP addresses); sweeps run as RETENTION jobs. */
@ApplicationScoped
public class RetentionService {
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 3650;
    static final String SCHEDULER_ACTOR = "system:retention-scheduler";

    private final TenantService tenants;
    private final RedactionJobService jobs;
    private final AuditLog audit;
    private final Sql sql;
    private final RetentionPreviews previews;

    public RetentionService(TenantService tenants, RedactionJobService jobs, AuditLog audit, Sql sql,
            RetentionPreviews previews) {
        this.tenants = tenants;
        this.jobs = jobs;
        this.audit = audit;
        this.sql = sql;
        this.previews = previews;
    }

    /**
     * Read through the reactive pool, not a Hibernate session: sibling GraphQL fields run
     * concurrently and would share one session (two aliased `retentionPolicy` fields both failed).
     */
    public Uni<RetentionPolicyView> policy(Caller caller) {
        return sql.one("select redact_after_days, destroy_files_after_days, forget_ip_after_days from tenant"
                + " where tenant_id = $1", Tuple.of(caller.tenantId()),
                row -> new RetentionPolicyView(row.getInteger(0), row.getInteger(1), row.getInteger(2)))
                .map(view -> view != null ? view : RetentionPolicyView.OFF);
    }

    /** Sets all three windows at once (null turns one off); audited with the new values. */
    @WithTransaction
    public Uni<RetentionPolicyView> setPolicy(Caller caller, RetentionPolicyInput input) {
        RetentionPolicyView policy = validate(input);
        return tenants.ensure(caller.tenantId())
                .chain(() -> Tenant.<Tenant>findById(caller.tenantId()))
                .invoke(tenant -> {
                    tenant.redactAfterDays = policy.redactAfterDays();
                    tenant.destroyFilesAfterDays = policy.destroyFilesAfterDays();
                    tenant.forgetIpAfterDays = policy.forgetIpAfterDays();
                    tenant.updatedAt = Clock.now();
                })
                .call(() -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), "retention.changed", "Tenant",
                        caller.tenantId()).withDetails("redactAfterDays=" + policy.redactAfterDays()
                                + " destroyFilesAfterDays=" + policy.destroyFilesAfterDays()
                                + " forgetIpAfterDays=" + policy.forgetIpAfterDays())))
                .replaceWith(policy);
    }

    /**
     * Dry run of {@code input} (the current policy when null): what a sweep would do now. Reads only,
     * in the query's read-only snapshot, and like every read it is not audited.
     */
    public Uni<RetentionPreview> preview(Caller caller, RetentionPolicyInput input) {
        Uni<RetentionPolicyView> policy = input == null ? policy(caller) : Uni.createFrom().item(validate(input));
        return policy.chain(p -> previews.preview(caller, p));
    }

    /** Each window 1..3650 days or null (off); the first bad one is BAD_USER_INPUT and nothing is written. */
    static RetentionPolicyView validate(RetentionPolicyInput input) {
        if (input == null) {
            return RetentionPolicyView.OFF;
        }
        return new RetentionPolicyView(days("redactAfterDays", input.redactAfterDays()),
                days("destroyFilesAfterDays", input.destroyFilesAfterDays()),
                days("forgetIpAfterDays", input.forgetIpAfterDays()));
    }

    private static Integer days(String field, Integer days) {
        if (days != null && (days < MIN_DAYS || days > MAX_DAYS)) {
            throw new BadUserInputException("`" + field + "` must be between " + MIN_DAYS + " and " + MAX_DAYS
                    + ", or null to turn that window off");
        }
        return days;
    }

    @WithTransaction
    public Uni<RedactionJob> applyNow(Caller caller) {
        return tenants.ensure(caller.tenantId()).chain(() -> jobs.enqueueRetention(caller.tenantId(), caller.actor()));
    }

    /** One RETENTION job per tenant with any window set, unless one is already queued or running. */
    @WithSession
    public Uni<Integer> enqueueDueSweeps() {
        return Tenant.<Tenant>list("redactAfterDays is not null or destroyFilesAfterDays is not null"
                + " or forgetIpAfterDays is not null")
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(t -> enqueueOne(t.tenantId))
                        .collect().asList().map(List::size));
    }

    @WithTransaction
    Uni<RedactionJob> enqueueOne(String tenantId) {
        return jobs.enqueueRetention(tenantId, SCHEDULER_ACTOR);
    }
}
