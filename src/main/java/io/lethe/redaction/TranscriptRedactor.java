package io.lethe.redaction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Clock;
import io.lethe.redaction.engine.KnownValues;
import io.lethe.redaction.engine.PiiType;
import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.redaction.engine.RedactionResult;
import io.lethe.redaction.engine.Redactor;
import io.lethe.visitor.VisitorService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Redacts batches of transcripts inside the caller's SQL transaction (README "Redaction
 * semantics"). Transcript rows are locked FOR UPDATE, so two workers can never redact the same
 * transcript; each transcript a job examines is recorded once per job, which keeps counts exact
 * when a crashed job is resumed. Only rows that change are written. The engine runs on the
 * {@link EngineExecutor}, between the batch's reads and writes, never on the event loop.
 */
@ApplicationScoped
public class TranscriptRedactor {
    static final String PLACEHOLDER = Redactor.PLACEHOLDER;

    enum Outcome { REDACTED, SKIPPED, UNCHANGED }

    private final MeterRegistry metrics;
    private final RedactorCache redactors;
    private final EngineExecutor engine;

    public TranscriptRedactor(MeterRegistry metrics, RedactorCache redactors, EngineExecutor engine) {
        this.metrics = metrics;
        this.redactors = redactors;
        this.engine = engine;
    }

    /** Every text the engine redacts goes through here (on an engine thread). */
    protected RedactionResult redactText(Redactor redactor, String text, KnownValues known) {
        return redactor.redact(text, known);
    }

    /** Full redaction: messages, forms, files, then the visitor once none of their transcripts is left. */
    public Uni<BatchOutcome> redactTranscripts(SqlConnection conn, UUID jobId, String tenantId, List<UUID> candidates,
            RedactionPolicy policy) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(BatchOutcome.NONE);
        }
        return lockUnprocessed(conn, jobId, tenantId, candidates).chain(rows -> {
            Map<UUID, Outcome> outcomes = new HashMap<>();
            List<UUID> toRedact = new ArrayList<>();
            Set<UUID> visitorIds = new HashSet<>();
            for (Row row : rows) {
                UUID id = row.getUUID("id");
                if (row.getOffsetDateTime("redacted_at") != null) {
                    outcomes.put(id, Outcome.UNCHANGED);
                } else if (row.getBoolean("legal_hold")) {
                    outcomes.put(id, Outcome.SKIPPED);
                } else {
                    outcomes.put(id, Outcome.REDACTED);
                    toRedact.add(id);
                    visitorIds.add(row.getUUID("visitor_id"));
                }
            }
            int skipped = (int) outcomes.values().stream().filter(o -> o == Outcome.SKIPPED).count();
            Uni<BatchOutcome> work = toRedact.isEmpty() ? Uni.createFrom().item(BatchOutcome.NONE)
                    : redactLocked(conn, tenantId, toRedact, new ArrayList<>(visitorIds), policy);
            return work.call(() -> record(conn, jobId, tenantId, outcomes))
                    .map(o -> new BatchOutcome(toRedact.size(), skipped, o.messagesRedacted(), o.valuesRedacted(),
                            o.filesDestroyed()));
        });
    }

    /**
     * Erasure with searchAllTranscripts: removes only the subject's email/phones from other
     * visitors' transcripts (messages and form values); those transcripts are not marked redacted.
     */
    public Uni<BatchOutcome> redactMentions(SqlConnection conn, UUID jobId, String tenantId, List<UUID> candidates,
            Subject subject, RedactionPolicy policy) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(BatchOutcome.NONE);
        }
        return lockUnprocessed(conn, jobId, tenantId, candidates).chain(rows -> {
            List<UUID> ids = new ArrayList<>();
            Map<UUID, Outcome> outcomes = new HashMap<>();
            for (Row row : rows) {
                UUID id = row.getUUID("id");
                boolean held = row.getBoolean("legal_hold") && row.getOffsetDateTime("redacted_at") == null;
                outcomes.put(id, held ? Outcome.SKIPPED : Outcome.UNCHANGED);
                if (!held) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                return record(conn, jobId, tenantId, outcomes).replaceWith(BatchOutcome.NONE);
            }
            UUID[] idArray = ids.toArray(UUID[]::new);
            RedactionPolicy knownValuesOnly = RedactorCache.knownValuesOnly(policy);
            Tally tally = new Tally();
            return mentions(conn, "message", "body", idArray, subject, knownValuesOnly, outcomes, tally)
                    .chain(messages -> mentions(conn, "form_field", "value", idArray, subject, knownValuesOnly, outcomes,
                            tally).map(forms -> new BatchOutcome(0, 0, messages[0], messages[1] + forms[1], 0)))
                    .call(() -> record(conn, jobId, tenantId, outcomes))
                    .invoke(() -> tally.publish(metrics));
        });
    }

    /** An erased subject's identifiers, looked for in other visitors' transcripts. */
    public record Subject(String email, List<String> phones) {
    }

    /** Removes the subject's values from one text column of the given transcripts' rows; emits {rows changed, values replaced}. */
    private Uni<int[]> mentions(SqlConnection conn, String table, String column, UUID[] transcriptIds, Subject subject,
            RedactionPolicy policy, Map<UUID, Outcome> outcomes, Tally tally) {
        return conn.preparedQuery("select id, transcript_id, " + column + " from " + table
                + " where transcript_id = any($1)").execute(Tuple.of((Object) transcriptIds))
                .chain(found -> engine.run(() -> {
                    Redactor redactor = redactors.get(policy);
                    KnownValues known = KnownValues.builder().text(PiiType.EMAIL, subject.email())
                            .phones(subject.phones()).build();
                    TextUpdates updates = new TextUpdates();
                    List<UUID> changedTranscripts = new ArrayList<>();
                    int values = 0;
                    for (Row row : found) {
                        RedactionResult r = redactText(redactor, row.getString(column), known);
                        tally.add(r);
                        if (r.changed()) {
                            updates.add(row.getUUID("id"), r.text(), null);
                            values += r.replacements();
                            changedTranscripts.add(row.getUUID("transcript_id"));
                        }
                    }
                    return new MentionUpdates(updates, changedTranscripts, values);
                }))
                .chain(m -> {
                    m.changedTranscripts().forEach(id -> outcomes.put(id, Outcome.REDACTED));
                    return m.updates().apply(conn, table, column, null)
                            .replaceWith(new int[] { m.updates().size(), m.values() });
                });
    }

    private record MentionUpdates(TextUpdates updates, List<UUID> changedTranscripts, int values) {
    }

    private Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> lockUnprocessed(SqlConnection conn, UUID jobId, String tenantId,
            List<UUID> candidates) {
        return conn.preparedQuery("""
                select t.id, t.visitor_id, t.legal_hold, t.redacted_at from transcript t
                where t.tenant_id = $1 and t.id = any($2)
                  and not exists (select 1 from redaction_job_transcript r
                                  where r.tenant_id = $1 and r.job_id = $3 and r.transcript_id = t.id)
                order by t.id
                for update of t
                """).execute(Tuple.of(tenantId, candidates.toArray(UUID[]::new), jobId));
    }

    private Uni<BatchOutcome> redactLocked(SqlConnection conn, String tenantId, List<UUID> transcriptIds,
            List<UUID> visitorIds, RedactionPolicy policy) {
        UUID[] transcripts = transcriptIds.toArray(UUID[]::new);
        UUID[] visitors = visitorIds.toArray(UUID[]::new);
        OffsetDateTime now = Clock.now();
        return conn.preparedQuery("select id, visitor_key, name, email, phone, ip_address from visitor where id = any($1)")
                .execute(Tuple.of((Object) visitors))
                .chain(profiles -> conn.preparedQuery("""
                        select t.visitor_id, f.name, f.value from form_field f join transcript t on t.id = f.transcript_id
                        where t.tenant_id = $1 and t.visitor_id = any($2)
                        """).execute(Tuple.of(tenantId, visitors))
                        .chain(forms -> conn.preparedQuery("""
                                select m.id, m.sender, m.sender_name, m.body, t.visitor_id from message m
                                join transcript t on t.id = m.transcript_id where m.transcript_id = any($1)
                                """).execute(Tuple.of((Object) transcripts))
                                .chain(messages -> engine.run(
                                        () -> redactMessages(policy, visitors, profiles, forms, messages)))))
                // a value already a placeholder (either style, e.g. from an erasure's mentions) is left as it is
                .chain(redacted -> redacted.updates().apply(conn, "message", "body", "sender_name")
                        .chain(() -> conn.preparedQuery("update form_field set value = $2 where transcript_id = any($1)"
                                + " and value !~ '^<redacted(:[A-Za-z]{1,16})?>$'")
                                .execute(Tuple.of(transcripts, redactors.get(policy).placeholder(PiiType.FORM_VALUE))))
                        .chain(forms -> conn.preparedQuery("""
                                update attachment set content = null, sha256 = null, file_name = $2, destroyed_at = $3
                                where transcript_id = any($1) and destroyed_at is null
                                """).execute(Tuple.of(transcripts, PLACEHOLDER, now))
                                .chain(files -> conn.preparedQuery(
                                        "update transcript set redacted_at = $2, ip_address = null where id = any($1)")
                                        .execute(Tuple.of(transcripts, now))
                                        .chain(() -> eraseFinishedVisitors(conn, visitors, now, redacted.known()))
                                        .map(visitorValues -> {
                                            Tally tally = redacted.tally();
                                            tally.add("FORM_VALUE", forms.rowCount());
                                            tally.add("VISITOR_PROFILE", visitorValues);
                                            tally.add("FILE", files.rowCount());
                                            tally.publish(metrics);
                                            return new BatchOutcome(0, 0, redacted.updates().size(),
                                                    redacted.values() + forms.rowCount() + visitorValues,
                                                    files.rowCount());
                                        }))));
    }

    /** Engine work of a batch: the visitors' known values, then every message body and visitor sender name. */
    private RedactedMessages redactMessages(RedactionPolicy policy, UUID[] visitors, RowSet<Row> profiles,
            RowSet<Row> forms, RowSet<Row> messages) {
        Redactor redactor = redactors.get(policy);
        Known known = knownValues(visitors, profiles, forms);
        TextUpdates updates = new TextUpdates();
        Tally tally = new Tally();
        int values = 0;
        for (Row m : messages) {
            KnownValues visitorValues = known.values().getOrDefault(m.getUUID("visitor_id"), KnownValues.none());
            RedactionResult body = redactText(redactor, m.getString("body"), visitorValues);
            tally.add(body);
            String senderName = m.getString("sender_name");
            boolean nameIsVisitors = "VISITOR".equals(m.getString("sender")) && senderName != null
                    && !Redactor.isPlaceholder(senderName);
            if (body.changed() || nameIsVisitors) {
                updates.add(m.getUUID("id"), body.text(),
                        nameIsVisitors ? redactor.placeholder(PiiType.NAME) : senderName);
                values += body.replacements() + (nameIsVisitors ? 1 : 0);
            }
        }
        return new RedactedMessages(known, updates, tally, values);
    }

    private record RedactedMessages(Known known, TextUpdates updates, Tally tally, int values) {
    }

    /** A visitor's profile goes once none of their transcripts is left unredacted (held ones keep it). */
    private Uni<Integer> eraseFinishedVisitors(SqlConnection conn, UUID[] visitors, OffsetDateTime now, Known known) {
        return conn.preparedQuery("""
                update visitor v set visitor_key = $2, name = null, email = null, phone = null, ip_address = null,
                                     redacted_at = $3
                where v.id = any($1) and v.redacted_at is null
                  and not exists (select 1 from transcript t
                                  where t.tenant_id = v.tenant_id and t.visitor_id = v.id and t.redacted_at is null)
                returning v.id
                """).execute(Tuple.of(visitors, PLACEHOLDER, now))
                .map(rows -> {
                    int values = 0;
                    for (Row row : rows) {
                        values += known.profileValueCount().getOrDefault(row.getUUID("id"), 0);
                    }
                    return values;
                });
    }

    /** The profile columns that are known values, with the kind each is redacted as (typed placeholders). */
    private static final Map<String, PiiType> PROFILE_KINDS = Map.of("visitor_key", PiiType.VISITOR_ID,
            "name", PiiType.NAME, "email", PiiType.EMAIL, "ip_address", PiiType.IP_ADDRESS);

    /** Per visitor: visitor key, name, email, IP, form values (texts, each with its kind) and phones (on digits). */
    private static Known knownValues(UUID[] visitors, RowSet<Row> profiles, RowSet<Row> forms) {
        Map<UUID, KnownValues.Builder> builders = new HashMap<>();
        Map<UUID, Integer> profileValues = new HashMap<>();
        for (Row p : profiles) {
            UUID id = p.getUUID("id");
            KnownValues.Builder known = builders.computeIfAbsent(id, k -> KnownValues.builder());
            int count = 0;
            for (var column : PROFILE_KINDS.entrySet()) {
                String value = p.getString(column.getKey());
                if (value != null) {
                    known.text(column.getValue(), value);
                    count++;
                }
            }
            String phone = p.getString("phone");
            if (phone != null) {
                known.phone(phone);
                count++;
            }
            profileValues.put(id, count);
        }
        for (Row f : forms) {
            UUID id = f.getUUID("visitor_id");
            String value = f.getString("value");
            if (Redactor.isPlaceholder(value)) {
                continue;
            }
            KnownValues.Builder known = builders.computeIfAbsent(id, k -> KnownValues.builder());
            boolean isPhone = VisitorService.PHONE_FIELD.equals(f.getString("name").trim().toLowerCase(Locale.ROOT));
            if (isPhone) {
                known.phone(value);
            } else {
                known.text(PiiType.FORM_VALUE, value);
            }
        }
        Map<UUID, KnownValues> values = new HashMap<>();
        for (UUID id : visitors) {
            KnownValues.Builder known = builders.get(id);
            values.put(id, known == null ? KnownValues.none() : known.build());
        }
        return new Known(values, profileValues);
    }

    private record Known(Map<UUID, KnownValues> values, Map<UUID, Integer> profileValueCount) {
    }

    private Uni<Void> record(SqlConnection conn, UUID jobId, String tenantId, Map<UUID, Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = new UUID[outcomes.size()];
        String[] names = new String[outcomes.size()];
        int i = 0;
        for (var entry : outcomes.entrySet()) {
            ids[i] = entry.getKey();
            names[i++] = entry.getValue().name();
        }
        return conn.preparedQuery("insert into redaction_job_transcript (tenant_id, job_id, transcript_id, outcome)"
                + " select $1, $2, u.id, u.outcome from unnest($3::uuid[], $4::text[]) as u(id, outcome)"
                + " on conflict do nothing").execute(Tuple.of(tenantId, jobId, ids, names)).replaceWithVoid();
    }

    /** Values redacted per detector (and per whole-value kind), published as `lethe.redactions` once a batch is done. */
    private static final class Tally {
        private final Map<String, Integer> counts = new HashMap<>();

        void add(RedactionResult result) {
            for (PiiType type : result.replaced()) {
                add(type.name(), 1);
            }
        }

        void add(String kind, int n) {
            if (n > 0) {
                counts.merge(kind, n, Integer::sum);
            }
        }

        void publish(MeterRegistry registry) {
            counts.forEach((kind, n) -> registry.counter("lethe.redactions", "detector", kind).increment(n));
        }
    }

    /** Changed rows of one table, written with a single UPDATE ... FROM unnest(...) statement. */
    private static final class TextUpdates {
        private final List<UUID> ids = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private final List<String> seconds = new ArrayList<>();

        void add(UUID id, String value, String second) {
            ids.add(id);
            values.add(value);
            seconds.add(second);
        }

        int size() {
            return ids.size();
        }

        /** Sets {@code column} (and {@code secondColumn} when not null) by id. */
        Uni<Void> apply(SqlConnection conn, String table, String column, String secondColumn) {
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String second = secondColumn == null ? "" : ", " + secondColumn + " = u.second";
            return conn.preparedQuery("update " + table + " x set " + column + " = u.value" + second
                    + " from unnest($1::uuid[], $2::text[], $3::text[]) as u(id, value, second) where x.id = u.id")
                    .execute(Tuple.of(ids.toArray(UUID[]::new), values.toArray(String[]::new),
                            seconds.toArray(String[]::new)))
                    .replaceWithVoid();
        }
    }
}
