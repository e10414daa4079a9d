package io.lethe.consent;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Clock;
import io.lethe.db.Ids;
import io.lethe.api.BadUserInputException;
import io.lethe.api.ConflictException;
import io.lethe.api.InputRules;
import io.lethe.api.LimitsConfig;
import io.lethe.api.NotFoundException;
import io.lethe.redaction.DataSubject;
import io.lethe.request.DataSubjectRequestService;
import io.lethe.security.Caller;
import io.lethe.security.Hashing;
import io.lethe.tenant.TenantService;
import io.lethe.transcript.IngestService;
import io.lethe.transcript.Transcript;
import io.lethe.visitor.Visitor;
import io.lethe.visitor.VisitorService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Records consent clicks from the chat box: an append-only event with the exact text shown, and a
 * SYSTEM message in the transcript so an agent reading it sees what the visitor agreed to. A
 * withdrawal the tenant has tied to erasure opens an ERASURE request for the visitor.
 */
@ApplicationScoped
public class ConsentService {
    private static final int MAX_PURPOSE = 100;
    private static final int MAX_CONSENT_TEXT = 10_000;
    /** Neither names the visitor nor quotes anything they wrote. */
    static final String ERASURE_MESSAGE = "Erasure of this visitor's data was requested on consent withdrawal";
    static final String ERASURE_NOTE = "Opened on consent withdrawal";

    private final LimitsConfig limits;
    private final TenantService tenants;
    private final VisitorService visitors;
    private final IngestService ingest;
    private final DataSubjectRequestService requests;

    public ConsentService(LimitsConfig limits, TenantService tenants, VisitorService visitors, IngestService ingest,
            DataSubjectRequestService requests) {
        this.limits = limits;
        this.tenants = tenants;
        this.visitors = visitors;
        this.ingest = ingest;
        this.requests = requests;
    }

    @WithTransaction
    public Uni<ConsentEvent> record(Caller caller, ConsentInput input) {
        OffsetDateTime now = Clock.now();
        String visitorKey = InputRules.requireText("visitorKey", input.visitorKey(), limits.maxVisitorKeyLength());
        String purpose = InputRules.requireText("purpose", input.purpose(), MAX_PURPOSE).trim();
        String text = InputRules.requireText("consentText", input.consentText(), MAX_CONSENT_TEXT);
        if (input.granted() == null) {
            throw new BadUserInputException("`granted` is required");
        }
        OffsetDateTime at = Clock.micros(InputRules.notInFuture("occurredAt", input.occurredAt(), now));
        if (input.transcriptId() != null && Ids.parse(input.transcriptId()).isEmpty()) {
            throw new NotFoundException("transcript not found");
        }
        return tenants.ensure(caller.tenantId())
                .chain(() -> visitors.upsertByKey(caller.tenantId(), visitorKey, at, null))
                .chain(visitor -> transcriptFor(caller, input.transcriptId(), visitor)
                        .chain(transcript -> {
                            ConsentEvent event = new ConsentEvent();
                            event.id = UUID.randomUUID();
                            event.tenantId = caller.tenantId();
                            event.visitorId = visitor.id;
                            event.transcriptId = transcript == null ? null : transcript.id;
                            event.purpose = purpose;
                            event.granted = input.granted();
                            event.consentText = text;
                            event.consentVersion = Hashing.sha256Hex(text);
                            event.occurredAt = at;
                            event.source = "chat-widget";
                            Uni<?> note = transcript == null
                                    ? Uni.createFrom().voidItem()
                                    : ingest.appendSystemMessage(transcript, systemNote(event), at);
                            return note.chain(() -> event.<ConsentEvent>persist())
                                    .call(saved -> saved.granted ? Uni.createFrom().voidItem()
                                            : eraseIfConfigured(caller, visitor, transcript, saved));
                        }));
    }

    /**
     * A withdrawal for a purpose the tenant lists in eraseOnConsentWithdrawal opens an ERASURE
     * request for the visitor, in this transaction, through the one path every erasure case takes
     * (which starts its job). The subject is the visitor's email, else their visitor key. While such a
     * case is open, another withdrawal opens nothing.
     */
    private Uni<Void> eraseIfConfigured(Caller caller, Visitor visitor, Transcript transcript, ConsentEvent event) {
        return tenants.privacySettings(caller.tenantId()).chain(settings -> {
            if (!settings.erasesOnWithdrawal(event.purpose)) {
                return Uni.createFrom().voidItem();
            }
            return requests.openErasureUnlessOpen(caller, subjectOf(visitor), ERASURE_NOTE)
                    .chain(erasure -> erasure.opened() && transcript != null
                            ? ingest.appendSystemMessage(transcript, ERASURE_MESSAGE, event.occurredAt).replaceWithVoid()
                            : Uni.createFrom().voidItem());
        });
    }

    static DataSubject subjectOf(Visitor visitor) {
        String email = visitor.email == null ? null : visitor.email.trim();
        return email != null && InputRules.isEmail(email) ? DataSubject.email(email.toLowerCase(Locale.ROOT))
                : DataSubject.visitorKey(visitor.visitorKey);
    }

    /** The named transcript (must be this visitor's), else the visitor's latest chat still in progress, else none. */
    private Uni<Transcript> transcriptFor(Caller caller, String transcriptId, Visitor visitor) {
        if (transcriptId != null) {
            return ingest.lock(caller, transcriptId).invoke(t -> {
                if (!t.visitorId.equals(visitor.id)) {
                    throw new BadUserInputException("the transcript belongs to another visitor");
                }
                if (t.redactedAt != null) {
                    throw new ConflictException("the transcript has been redacted and takes no more data");
                }
            });
        }
        return Transcript.<Transcript>find(
                "tenantId = ?1 and visitorId = ?2 and redactedAt is null and endedAt is null order by startedAt desc", caller.tenantId(),
                visitor.id).firstResult()
                .chain(latest -> latest == null ? Uni.createFrom().nullItem() : ingest.lock(caller, latest.id.toString()));
    }

    static String systemNote(ConsentEvent event) {
        return "Visitor " + (event.granted ? "granted" : "withdrew") + " consent for \"" + event.purpose
                + "\" (consent version " + event.consentVersion.substring(0, 12) + ")";
    }

}
