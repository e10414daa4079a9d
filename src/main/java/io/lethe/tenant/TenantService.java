package io.lethe.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Tenants are created on first use; their settings default to retention off, region US. */
@ApplicationScoped
public class TenantService {

    /** Makes sure the tenant row exists; joins the caller's transaction. */
    public Uni<Void> ensure(String tenantId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into tenant (tenant_id) values (:tenant) on conflict do nothing")
                .setParameter("tenant", tenantId)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The tenant's settings, or defaults when it has never written anything. */
    @WithSession
    public Uni<Tenant> settings(String tenantId) {
        return Tenant.<Tenant>findById(tenantId).map(found -> found != null ? found : defaults(tenantId));
    }

    static Tenant defaults(String tenantId) {
        Tenant tenant = new Tenant();
        tenant.tenantId = tenantId;
        tenant.phoneRegion = "US";
        tenant.processingPurposes = "";
        return tenant;
    }
}
