package io.lethe.transcript;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lethe.db.Clock;
import io.lethe.db.Ids;
import io.lethe.api.BadUserInputException;
import io.lethe.api.ConflictException;
import io.lethe.api.InputRules;
import io.lethe.api.LimitsConfig;
import io.lethe.api.NotFoundException;
import io.lethe.security.Caller;
import io.lethe.tenant.TenantService;
import io.lethe.visitor.Visitor;
import io.lethe.visitor.VisitorService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Writes from the chat product. Every method validates all of its input before the first write
 * and runs in one transaction, so a rejected call leaves nothing behind.
 */
@ApplicationScoped
public class IngestService {
    private static final int MAX_NAME = 200;
    private static final int MAX_FIELD_NAME = 100;

    private final LimitsConfig limits;
    private final TenantService tenants;
    private final VisitorService visitors;

    public IngestService(LimitsConfig limits, TenantService tenants, VisitorService visitors) {
        this.limits = limits;
        this.tenants = tenants;
        this.visitors = visitors;
    }

    @WithTransaction
    public Uni<Transcript> start(Caller caller, StartTranscriptInput input) {
        OffsetDateTime now = Clock.now();
        String visitorKey = InputRules.requireText("visitorKey", input.visitorKey(), limits.maxVisitorKeyLength());
        OffsetDateTime startedAt = Clock.micros(InputRules.notInFuture("startedAt", input.startedAt(), now));
        String given = InputRules.optionalIp("ipAddress", input.ipAddress());
        return tenants.ensure(caller.tenantId())
                .chain(() -> storedIp(caller.tenantId(), given))
                .chain(ip -> visitors.upsertByKey(caller.tenantId(), visitorKey, startedAt, ip).chain(visitor -> {
                    Transcript t = new Transcript();
                    t.id = UUID.randomUUID();
                    t.tenantId = caller.tenantId();
                    t.visitorId = visitor.id;
                    t.startedAt = startedAt;
                    t.lastActivityAt = startedAt;
                    t.ipAddress = ip;
                    t.nextSeq = 1;
                    return t.<Transcript>persist();
                }));
    }

    /**
     * The address as the tenant keeps it: truncated before it reaches any row when the tenant
     * minimises IPs (the full address is never written, nor logged).
     */
    private Uni<String> storedIp(String tenantId, String ip) {
        if (ip == null) {
            return Uni.createFrom().nullItem();
        }
        return tenants.privacySettings(tenantId)
                .map(settings -> settings.truncateIpAddresses() ? IpTruncation.truncate(ip) : ip);
    }

    @WithTransaction
    public Uni<Transcript> appendMessages(Caller caller, String transcriptId, List<MessageInput> messages) {
        OffsetDateTime now = Clock.now();
        List<ValidMessage> valid = validateMessages(messages, now);
        return lockOpen(caller, transcriptId).chain(t -> appendValidated(t, valid));
    }

    @WithTransaction
    public Uni<Transcript> submitForm(Caller caller, String transcriptId, List<FormFieldInput> fields) {
        OffsetDateTime now = Clock.now();
        List<FormFieldInput> valid = validateForm(fields);
        return lockOpen(caller, transcriptId).chain(t -> FormField
                .<FormField>find("transcriptId = ?1 order by position desc", t.id).firstResult()
                .chain(last -> {
                    int position = last == null ? 0 : last.position;
                    List<FormField> rows = new ArrayList<>();
                    for (FormFieldInput f : valid) {
                        FormField row = new FormField();
                        row.id = UUID.randomUUID();
                        row.tenantId = t.tenantId;
                        row.transcriptId = t.id;
                        row.position = ++position;
                        row.name = f.name().trim();
                        row.value = f.value();
                        row.submittedAt = now;
                        rows.add(row);
                    }
                    return FormField.persist(rows);
                })
                .chain(() -> visitors.applyForm(t.visitorId,
                        valid.stream().map(f -> new VisitorService.FormValue(f.name(), f.value())).toList(), now))
                .replaceWith(t));
    }

    @WithTransaction
    public Uni<Transcript> end(Caller caller, String transcriptId, OffsetDateTime endedAt) {
        OffsetDateTime now = Clock.now();
        OffsetDateTime end = Clock.micros(InputRules.notInFuture("endedAt", endedAt, now));
        return lock(caller, transcriptId).map(t -> {
            if (end.isBefore(t.startedAt)) {
                throw new BadUserInputException("`endedAt` is before the transcript started");
            }
            t.endedAt = end;
            return t;
        });
    }

    /** Appends one SYSTEM message to a transcript locked by the caller's transaction. */
    public Uni<Transcript> appendSystemMessage(Transcript t, String body, OffsetDateTime at) {
        return appendValidated(t, List.of(new ValidMessage(SenderKind.SYSTEM, body, at, null)));
    }

    /** Finds and locks a transcript of the caller's tenant; another tenant's id is NOT_FOUND. */
    public Uni<Transcript> lock(Caller caller, String transcriptId) {
        var id = Ids.parse(transcriptId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(notFound());
        }
        return Transcript.<Transcript>find("id = ?1 and tenantId = ?2", id.get(), caller.tenantId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(IngestService::notFound);
    }

    private Uni<Transcript> lockOpen(Caller caller, String transcriptId) {
        return lock(caller, transcriptId).invoke(t -> {
            if (t.redactedAt != null) {
                throw new ConflictException("the transcript has been redacted and takes no more data");
            }
        });
    }

    private Uni<Transcript> appendValidated(Transcript t, List<ValidMessage> valid) {
        List<Message> rows = new ArrayList<>(valid.size());
        OffsetDateTime lastActivity = t.lastActivityAt;
        int seq = t.nextSeq;
        for (ValidMessage m : valid) {
            Message row = new Message();
            row.id = UUID.randomUUID();
            row.tenantId = t.tenantId;
            row.transcriptId = t.id;
            row.seq = seq++;
            row.sender = m.sender();
            row.senderName = m.senderName();
            row.body = m.body();
            row.sentAt = m.sentAt();
            rows.add(row);
            if (m.sentAt().isAfter(lastActivity)) {
                lastActivity = m.sentAt();
            }
        }
        t.nextSeq = seq;
        t.lastActivityAt = lastActivity;
        OffsetDateTime seen = lastActivity;
        return Message.persist(rows)
                .chain(() -> Panache.getSession())
                .chain(session -> session.createMutationQuery(
                        "update Visitor set lastSeenAt = ?1 where id = ?2 and lastSeenAt < ?1")
                        .setParameter(1, seen).setParameter(2, t.visitorId).executeUpdate())
                .replaceWith(t);
    }

    private List<ValidMessage> validateMessages(List<MessageInput> messages, OffsetDateTime now) {
        if (messages == null || messages.isEmpty()) {
            throw new BadUserInputException("`messages` must contain at least one message");
        }
        if (messages.size() > limits.maxMessagesPerCall()) {
            throw new BadUserInputException("at most " + limits.maxMessagesPerCall() + " messages per call");
        }
        List<ValidMessage> valid = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            MessageInput m = messages.get(i);
            String at = "messages[" + i + "].";
            if (m == null || m.sender() == null) {
                throw new BadUserInputException("`" + at + "sender` is required");
            }
            if (m.body() == null || m.body().isEmpty()) {
                throw new BadUserInputException("`" + at + "body` must not be empty");
            }
            InputRules.requireUtf8Size(at + "body", m.body(), limits.maxMessageBytes());
            String senderName = InputRules.optionalText(at + "senderName", m.senderName(), MAX_NAME);
            OffsetDateTime sentAt = Clock.micros(InputRules.notInFuture(at + "sentAt", m.sentAt(), now));
            valid.add(new ValidMessage(m.sender(), m.body(), sentAt, senderName));
        }
        return valid;
    }

    private List<FormFieldInput> validateForm(List<FormFieldInput> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new BadUserInputException("`fields` must contain at least one field");
        }
        if (fields.size() > limits.maxFormFields()) {
            throw new BadUserInputException("at most " + limits.maxFormFields() + " fields per form");
        }
        for (int i = 0; i < fields.size(); i++) {
            FormFieldInput f = fields.get(i);
            String at = "fields[" + i + "].";
            InputRules.requireText(at + "name", f.name(), MAX_FIELD_NAME);
            if (f.value() == null) {
                throw new BadUserInputException("`" + at + "value` is required");
            }
            InputRules.optionalText(at + "value", f.value(), limits.maxFormValueLength());
            if (VisitorService.EMAIL_FIELD.equals(f.name().trim().toLowerCase(Locale.ROOT))
                    && !InputRules.isEmail(f.value().trim())) {
                throw new BadUserInputException("`" + at + "value` is not a valid email address");
            }
        }
        return fields;
    }

    static NotFoundException notFound() {
        return new NotFoundException("transcript not found");
    }

    private record ValidMessage(SenderKind sender, String body, OffsetDateTime sentAt, String senderName) {
    }
}
