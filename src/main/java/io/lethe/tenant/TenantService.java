package io.lethe.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Tenants are created on first use; their settings default to retention off and {@link PrivacySettings#defaults()}. */
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

    /**
     * The tenant's privacy settings (defaults when it has no row); joins the caller's session and
     * transaction. The entity is read-only in that session: a flush never writes (or locks) the
     * tenant row because ingest looked at its settings.
     */
    public Uni<PrivacySettings> privacySettings(String tenantId) {
        return Panache.getSession().chain(session -> session.find(Tenant.class, tenantId).map(found -> {
            if (found == null) {
                return PrivacySettings.defaults();
            }
            session.setReadOnly(found, true);
            return PrivacySettings.of(found);
        }));
    }
}
