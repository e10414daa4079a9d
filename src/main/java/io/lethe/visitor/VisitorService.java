package io.lethe.visitor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Visitor writes that join the caller's transaction. */
@ApplicationScoped
public class VisitorService {
    public static final String NAME_FIELD = "name";
    public static final String EMAIL_FIELD = "email";
    public static final String PHONE_FIELD = "phone";

    /**
     * Creates the visitor on first sight or refreshes first/last seen and IP. One statement, so two
     * transcripts starting at once for a new visitor key cannot create it twice.
     */
    public Uni<Visitor> upsertByKey(String tenantId, String visitorKey, OffsetDateTime seenAt, String ip) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into visitor (id, tenant_id, visitor_key, ip_address, first_seen_at, last_seen_at)
                values (:id, :tenant, :key, :ip, :seen, :seen)
                on conflict (tenant_id, visitor_key) where redacted_at is null do update set
                  first_seen_at = least(visitor.first_seen_at, excluded.first_seen_at),
                  last_seen_at = greatest(visitor.last_seen_at, excluded.last_seen_at),
                  ip_address = coalesce(excluded.ip_address, visitor.ip_address)
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("tenant", tenantId)
                .setParameter("key", visitorKey)
                .setParameter("ip", ip)
                .setParameter("seen", seenAt)
                .executeUpdate())
                .chain(() -> Visitor.<Visitor>find("tenantId = ?1 and visitorKey = ?2 and redactedAt is null",
                        tenantId, visitorKey).singleResult());
    }

    /** Form fields named name/email/phone also become the visitor's profile (email trimmed). */
    public Uni<Void> applyForm(UUID visitorId, List<FormValue> fields, OffsetDateTime at) {
        return Visitor.<Visitor>findById(visitorId).invoke(visitor -> {
            for (FormValue field : fields) {
                String value = field.value().trim();
                if (value.isEmpty()) {
                    continue;
                }
                switch (field.name().trim().toLowerCase(Locale.ROOT)) {
                    case NAME_FIELD -> visitor.name = value;
                    case EMAIL_FIELD -> visitor.email = value;
                    case PHONE_FIELD -> visitor.phone = value;
                    default -> {
                        // custom fields stay on the form only
                    }
                }
            }
            if (at.isAfter(visitor.lastSeenAt)) {
                visitor.lastSeenAt = at;
            }
        }).replaceWithVoid();
    }

    /** A submitted form field, as far as the profile is concerned. */
    public record FormValue(String name, String value) {
    }
}
