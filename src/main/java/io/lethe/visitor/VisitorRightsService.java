package io.lethe.visitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Ids;
import io.lethe.api.BadUserInputException;
import io.lethe.api.ConflictException;
import io.lethe.api.InputRules;
import io.lethe.api.NotFoundException;
import io.lethe.security.Caller;
import io.lethe.tenant.PrivacySettings;
import io.lethe.tenant.Tenant;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Rectification (Art. 16) and restriction of processing (Art. 18) of a visitor profile. Audit
 * events name the fields that changed, never their old or new values.
 */
@ApplicationScoped
public class VisitorRightsService {
    static final int MAX_NAME = 200;
    static final int MAX_PHONE = 50;

    private final AuditLog audit;

    public VisitorRightsService(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Rectifies name, email and phone. A null field stays as it is, an empty one is cleared. The email
     * must be an email address and the phone a possible number in one of the tenant's regions (or in
     * international form). An erased visitor cannot be rectified (CONFLICT): there is nothing left.
     */
    @WithTransaction
    public Uni<Visitor> rectify(Caller caller, String visitorId, RectifyVisitorInput input) {
        if (input == null || input.name() == null && input.email() == null && input.phone() == null) {
            throw new BadUserInputException("give at least one of `name`, `email`, `phone`");
        }
        String name = input.name() == null ? null : InputRules.optionalText("name", input.name().trim(), MAX_NAME);
        String email = input.email() == null || input.email().isBlank() ? null : input.email().trim();
        if (email != null && !InputRules.isEmail(email)) {
            throw new BadUserInputException("`email` is not a valid email address");
        }
        String phone = input.phone() == null ? null : InputRules.optionalText("phone", input.phone().trim(), MAX_PHONE);
        return lock(caller, visitorId, true)
                .chain(visitor -> (phone == null ? Uni.createFrom().voidItem() : checkPhone(caller.tenantId(), phone))
                        .replaceWith(visitor))
                .map(visitor -> {
                    List<String> changed = new ArrayList<>();
                    if (input.name() != null && !Objects.equals(visitor.name, name)) {
                        visitor.name = name;
                        changed.add(VisitorService.NAME_FIELD);
                    }
                    if (input.email() != null && !Objects.equals(visitor.email, email)) {
                        visitor.email = email;
                        changed.add(VisitorService.EMAIL_FIELD);
                    }
                    if (input.phone() != null && !Objects.equals(visitor.phone, phone)) {
                        visitor.phone = phone;
                        changed.add(VisitorService.PHONE_FIELD);
                    }
                    return new Rectified(visitor, changed);
                })
                .call(r -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), "visitor.rectified", "Visitor",
                        r.visitor().id).withDetails("fields=" + (r.changed().isEmpty() ? "none" : String.join(",", r.changed())))))
                .map(Rectified::visitor);
    }

    private record Rectified(Visitor visitor, List<String> changed) {
    }

    /**
     * Restricted visitors are hidden from agents; their data is still stored (ingest goes on). Allowed
     * on an erased visitor too (harmless, and the flag documents the request).
     */
    @WithTransaction
    public Uni<Visitor> restrict(Caller caller, String visitorId, boolean restricted) {
        return lock(caller, visitorId, false)
                .invoke(visitor -> visitor.processingRestricted = restricted)
                .call(visitor -> audit.append(caller.tenantId(), AuditEntry.of(caller.actor(),
                        restricted ? "visitor.processing-restricted" : "visitor.processing-unrestricted", "Visitor",
                        visitor.id)));
    }

    private Uni<Visitor> lock(Caller caller, String visitorId, boolean mustBeLive) {
        var id = Ids.parse(visitorId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(notFound());
        }
        return Visitor.<Visitor>find("id = ?1 and tenantId = ?2", id.get(), caller.tenantId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(VisitorRightsService::notFound)
                .invoke(visitor -> {
                    if (mustBeLive && visitor.redactedAt != null) {
                        throw new ConflictException("the visitor has been erased");
                    }
                });
    }

    private static Uni<Void> checkPhone(String tenantId, String phone) {
        return Tenant.<Tenant>findById(tenantId).map(tenant -> {
            List<String> regions = (tenant == null ? PrivacySettings.defaults() : PrivacySettings.of(tenant)).phoneRegions();
            if (regions.stream().noneMatch(region -> isPossiblePhone(phone, region))) {
                throw new BadUserInputException("`phone` is not a possible phone number (regions " + regions + ")");
            }
            return null;
        }).replaceWithVoid();
    }

    static boolean isPossiblePhone(String phone, String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.isPossibleNumber(util.parse(phone, region));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("visitor not found");
    }
}
