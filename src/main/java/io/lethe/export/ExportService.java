package io.lethe.export;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.audit.AuditEntry;
import io.lethe.audit.AuditLog;
import io.lethe.db.Clock;
import io.lethe.db.Ids;
import io.lethe.api.InputRules;
import io.lethe.api.NotFoundException;
import io.lethe.security.Caller;
import io.lethe.security.SubjectHasher;
import io.lethe.tenant.TenantService;
import io.lethe.transcript.Transcript;
import io.lethe.visitor.Visitor;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Right of access (Art. 15) and portability (Art. 20). Requesting an export fixes whose data it
 * covers (the visitors with that email, case-insensitive) and when its link expires; the file is
 * generated while it is downloaded ({@link ExportStreamer}), so no copy of the data is ever kept.
 * The email itself is stored nowhere: audit rows carry its keyed hash.
 */
@ApplicationScoped
public class ExportService {
    private final ExportConfig config;
    private final AuditLog audit;
    private final SubjectHasher hasher;
    private final TenantService tenants;

    public ExportService(ExportConfig config, AuditLog audit, SubjectHasher hasher, TenantService tenants) {
        this.config = config;
        this.audit = audit;
        this.hasher = hasher;
        this.tenants = tenants;
    }

    /**
     * Prepares an export; joins the caller's transaction (a DSR links its exports in the same one).
     * An email no visitor has still gets an (empty) export: "we hold nothing" is an answer too.
     */
    @WithTransaction
    public Uni<DataExport> create(Caller caller, String rawEmail, ExportFormat format, UUID requestId) {
        String email = InputRules.normalizeEmail("email", rawEmail);
        ExportFormat chosen = format == null ? ExportFormat.CSV : format;
        return tenants.ensure(caller.tenantId())
                .chain(() -> Visitor.<Visitor>list("tenantId = ?1 and lower(email) = ?2", caller.tenantId(), email))
                .chain(visitors -> {
                    List<UUID> ids = visitors.stream().map(v -> v.id).toList();
                    Uni<Long> count = ids.isEmpty() ? Uni.createFrom().item(0L)
                            : Transcript.count("tenantId = ?1 and visitorId in ?2", caller.tenantId(), ids);
                    return count.chain(transcripts -> {
                        OffsetDateTime now = Clock.now();
                        DataExport export = new DataExport();
                        export.id = UUID.randomUUID();
                        export.tenantId = caller.tenantId();
                        export.format = chosen;
                        export.visitorIds = ids.toArray(UUID[]::new);
                        export.transcriptCount = (int) Math.min(Integer.MAX_VALUE, transcripts);
                        export.requestedBy = caller.actor();
                        export.createdAt = now;
                        export.expiresAt = now.plus(config.linkTtl());
                        export.requestId = requestId;
                        return export.<DataExport>persist();
                    });
                })
                .call(export -> audit.append(caller.tenantId(),
                        AuditEntry.of(caller.actor(), "export.created", "DataExport", export.id)
                                .withDetails("subject=" + hasher.hash(email) + " format=" + export.format
                                        + " visitors=" + export.visitorIds.length + " transcripts="
                                        + export.transcriptCount
                                        + (requestId == null ? "" : " request=" + requestId))));
    }

    /** The outcome of opening a download link: streamable, or gone (expired, or revoked by an erasure). */
    public record Download(ExportStreamer.Plan plan, Gone gone) {
    }

    /** Why a link answers 410. */
    public enum Gone { EXPIRED, REVOKED }

    /**
     * Opens a download: another tenant's (or an unknown) export is NOT_FOUND, an expired or revoked
     * one is reported as such; otherwise the download is audited and the plan to stream is returned.
     */
    @WithTransaction
    public Uni<Download> open(Caller caller, String exportId) {
        var id = Ids.parse(exportId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(new NotFoundException("export not found"));
        }
        return DataExport.<DataExport>find("id = ?1 and tenantId = ?2", id.get(), caller.tenantId()).firstResult()
                .chain(export -> {
                    if (export == null) {
                        return Uni.createFrom().failure(new NotFoundException("export not found"));
                    }
                    var plan = new ExportStreamer.Plan(export.id, export.tenantId, export.format, export.visitorIds);
                    if (export.revokedAt != null) {
                        return Uni.createFrom().item(new Download(plan, Gone.REVOKED));
                    }
                    if (!export.expiresAt.isAfter(Clock.now())) {
                        return Uni.createFrom().item(new Download(plan, Gone.EXPIRED));
                    }
                    return audit.append(caller.tenantId(), AuditEntry.of(caller.actor(), "export.downloaded",
                            "DataExport", plan.exportId()).withDetails("format=" + plan.format()))
                            .replaceWith(new Download(plan, null));
                });
    }
}
