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
    /** A whole value that is a placeholder of either style (SQL regular expression). */
    static final String PLACEHOLDER_REGEX = "^<redacted(:[A-Za-z]{1,16})?>$";

    enum Outcome { REDACTED, SKIPPED, UNCHANGED }

    /** What full redaction reads; shared by the job and the dry run, so both see the same values. */
    private static final String PROFILES_SQL = "select id, visitor_key, name, email, phone, ip_address from visitor"
            + " where id = any($1)";
    private static final String FORMS_SQL = """
            select t.visitor_id, f.name, f.value from form_field f join transcript t on t.id = f.transcript_id
            where t.tenant_id = $1 and t.visitor_id = any($2)
            """;
    private static final String MESSAGES_SQL = """
            select m.id, m.transcript_id, m.seq, m.sender, m.sender_name, m.body, t.visitor_id from message m
            join transcript t on t.id = m.transcript_id where m.transcript_id = any($1)
            """;
    /**
     * Messages that may hold an IP address: every address the engine finds has a digit, a dot and a
     * digit (IPv4) or two colons (IPv6), so the others need not leave the database.
     */
    public static final String MAY_HOLD_IP = "(m.body ~ '[0-9][.][0-9]' or m.body like '%:%:%')";

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
                            o.filesDestroyed(), 0, o.visitorIpsForgotten()));
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

    /**
     * Files window: destroys the files of those transcripts that are still unredacted, not on hold and
     * inactive since {@code cutoff} (bytes, name and checksum; the row stays, as with full redaction).
     * The transcripts are read FOR SHARE, so a hold or a message arriving meanwhile is seen.
     */
    public Uni<BatchOutcome> destroyFiles(SqlConnection conn, String tenantId, List<UUID> candidates,
            OffsetDateTime cutoff) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(BatchOutcome.NONE);
        }
        return conn.preparedQuery("""
                select t.id from transcript t
                where t.tenant_id = $1 and t.id = any($2) and t.redacted_at is null and not t.legal_hold
                  and t.last_activity_at < $3
                order by t.id
                for share of t
                """).execute(Tuple.of(tenantId, candidates.toArray(UUID[]::new), cutoff))
                .chain(rows -> {
                    UUID[] ids = ids(rows);
                    if (ids.length == 0) {
                        return Uni.createFrom().item(BatchOutcome.NONE);
                    }
                    return conn.preparedQuery("""
                            update attachment set content = null, sha256 = null, file_name = $3, destroyed_at = $4
                            where tenant_id = $1 and transcript_id = any($2) and destroyed_at is null
                            """).execute(Tuple.of(tenantId, ids, PLACEHOLDER, Clock.now()))
                            .map(files -> {
                                metrics.counter("lethe.redactions", "detector", "FILE").increment(files.rowCount());
                                return new BatchOutcome(0, 0, 0, 0, files.rowCount());
                            });
                });
    }

    /**
     * IP window: forgets the stored IP of those transcripts that are still unredacted, not on hold and
     * inactive since {@code cutoff}, and redacts the IP addresses in the messages it has not seen yet
     * (from {@code ip_forgotten_seq} on); the rest of the text stays and the transcript is not marked
     * redacted. One statement per table whatever the batch size.
     */
    public Uni<BatchOutcome> forgetIps(SqlConnection conn, String tenantId, List<UUID> candidates,
            OffsetDateTime cutoff, RedactionPolicy policy) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(BatchOutcome.NONE);
        }
        return conn.preparedQuery("""
                select t.id, t.ip_address is not null as had_ip, t.ip_forgotten_seq, t.next_seq from transcript t
                where t.tenant_id = $1 and t.id = any($2) and t.redacted_at is null and not t.legal_hold
                  and t.last_activity_at < $3 and t.ip_forgotten_seq < t.next_seq
                order by t.id
                for update of t
                """).execute(Tuple.of(tenantId, candidates.toArray(UUID[]::new), cutoff))
                .chain(locked -> {
                    int n = locked.size();
                    if (n == 0) {
                        return Uni.createFrom().item(BatchOutcome.NONE);
                    }
                    UUID[] ids = new UUID[n];
                    Integer[] fromSeq = new Integer[n];
                    Integer[] toSeq = new Integer[n];
                    Set<UUID> changed = new HashSet<>();
                    int i = 0;
                    for (Row row : locked) {
                        ids[i] = row.getUUID("id");
                        fromSeq[i] = row.getInteger("ip_forgotten_seq");
                        toSeq[i++] = row.getInteger("next_seq");
                        if (row.getBoolean("had_ip")) {
                            changed.add(row.getUUID("id"));
                        }
                    }
                    return conn.preparedQuery("select m.id, m.transcript_id, m.seq, m.body from message m"
                            + " join unnest($2::uuid[], $3::int[]) as u(id, from_seq)"
                            + " on m.transcript_id = u.id and m.seq >= u.from_seq"
                            + " where m.tenant_id = $1 and " + MAY_HOLD_IP)
                            .execute(Tuple.of(tenantId, ids, fromSeq))
                            .chain(messages -> engine.run(() -> redactIps(policy, messages, null, 0)))
                            .chain(redacted -> redacted.updates().apply(conn, "message", "body", null)
                                    .chain(() -> conn.preparedQuery("""
                                            update transcript t set ip_address = null, ip_forgotten_seq = u.seq
                                            from unnest($2::uuid[], $3::int[]) as u(id, seq)
                                            where t.tenant_id = $1 and t.id = u.id
                                            """).execute(Tuple.of(tenantId, ids, toSeq)))
                                    .map(ignored -> {
                                        redacted.tally().publish(metrics);
                                        changed.addAll(redacted.transcripts());
                                        return new BatchOutcome(0, 0, redacted.updates().size(), redacted.values(), 0,
                                                changed.size(), 0);
                                    }));
                });
    }

    /**
     * IP window, visitors: forgets the stored IP of those visitors last seen (started, wrote or sent a
     * form) before {@code cutoff} who have no unredacted transcript on legal hold. A visitor's last
     * sighting is never before any of their transcripts' last activity, so all of those are past the
     * window too.
     */
    public Uni<BatchOutcome> forgetVisitorIps(SqlConnection conn, String tenantId, List<UUID> visitorIds,
            OffsetDateTime cutoff) {
        if (visitorIds.isEmpty()) {
            return Uni.createFrom().item(BatchOutcome.NONE);
        }
        return conn.preparedQuery("""
                update visitor v set ip_address = null
                where v.tenant_id = $1 and v.id = any($2) and v.ip_address is not null and v.redacted_at is null
                  and v.last_seen_at < $3
                  and not exists (select 1 from transcript t where t.tenant_id = v.tenant_id and t.visitor_id = v.id
                                  and t.redacted_at is null and t.legal_hold)
                """).execute(Tuple.of(tenantId, visitorIds.toArray(UUID[]::new), cutoff))
                .map(rows -> {
                    metrics.counter("lethe.redactions", "detector", "VISITOR_IP").increment(rows.rowCount());
                    return new BatchOutcome(0, 0, 0, 0, 0, 0, rows.rowCount());
                });
    }

    /** Engine work of the IP window: IP addresses only, no known values; optionally collects changes (dry run). */
    private RedactedIps redactIps(RedactionPolicy policy, Iterable<Row> messages, List<Change> changes, int limit) {
        Redactor redactor = redactors.get(RedactorCache.ipAddressesOnly(policy));
        TextUpdates updates = new TextUpdates();
        Set<UUID> transcripts = new HashSet<>();
        Tally tally = new Tally();
        int values = 0;
        for (Row m : messages) {
            RedactionResult r = redactText(redactor, m.getString("body"), KnownValues.none());
            tally.add(r);
            if (r.changed()) {
                updates.add(m.getUUID("id"), r.text(), null);
                values += r.replacements();
                transcripts.add(m.getUUID("transcript_id"));
                if (changes != null && changes.size() < limit) {
                    changes.add(new Change(m.getUUID("transcript_id"), m.getInteger("seq"), m.getString("body"),
                            r.text()));
                }
            }
        }
        return new RedactedIps(updates, transcripts, tally, values);
    }

    private record RedactedIps(TextUpdates updates, Set<UUID> transcripts, Tally tally, int values) {
    }

    /** A message as stored now and as a sweep would leave it (the dry run). */
    public record Change(UUID transcriptId, int seq, String before, String after) {
    }

    /** Runs a read of the dry run in the caller's session (read-only: the dry run writes nothing). */
    @FunctionalInterface
    public interface Reader {
        Uni<List<Row>> read(String sql, Tuple args);
    }

    /**
     * Dry run of full redaction: the same reads and engine work as a batch of {@code transcriptIds}
     * (whose visitors are {@code visitorIds}), nothing written; the first {@code limit} changed
     * message bodies, in transcript order, then seq. At most {@code maxMessages} messages are read.
     */
    public Uni<List<Change>> previewRedaction(Reader reader, String tenantId, List<UUID> transcriptIds,
            List<UUID> visitorIds, RedactionPolicy policy, int limit, int maxMessages) {
        if (transcriptIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] transcripts = transcriptIds.toArray(UUID[]::new);
        UUID[] visitors = visitorIds.stream().distinct().toArray(UUID[]::new);
        return reader.read(PROFILES_SQL, Tuple.of((Object) visitors))
                .chain(profiles -> reader.read(FORMS_SQL, Tuple.of(tenantId, visitors))
                        .chain(forms -> reader.read(MESSAGES_SQL
                                + " and m.tenant_id = $2 order by array_position($1, m.transcript_id), m.seq limit $3",
                                Tuple.of(transcripts, tenantId, maxMessages))
                                .chain(messages -> engine.run(() -> {
                                    List<Change> changes = new ArrayList<>();
                                    redactMessages(policy, visitors, profiles, forms, messages, changes, limit);
                                    return changes;
                                }))));
    }

    /**
     * Dry run of the IP window on {@code messages} (columns id, transcript_id, seq, body, already
     * narrowed to the ones that may hold an IP): the first {@code limit} that would change.
     */
    public Uni<List<Change>> previewIps(List<Row> messages, RedactionPolicy policy, int limit) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return engine.run(() -> {
            List<Change> changes = new ArrayList<>();
            redactIps(policy, messages, changes, limit);
            return changes;
        });
    }

    private static UUID[] ids(RowSet<Row> rows) {
        UUID[] ids = new UUID[rows.size()];
        int i = 0;
        for (Row row : rows) {
            ids[i++] = row.getUUID("id");
        }
        return ids;
    }

    private Uni<RowSet<Row>> lockUnprocessed(SqlConnection conn, UUID jobId, String tenantId,
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
        return conn.preparedQuery(PROFILES_SQL).execute(Tuple.of((Object) visitors))
                .chain(profiles -> conn.preparedQuery(FORMS_SQL).execute(Tuple.of(tenantId, visitors))
                        .chain(forms -> conn.preparedQuery(MESSAGES_SQL).execute(Tuple.of((Object) transcripts))
                                .chain(messages -> engine.run(
                                        () -> redactMessages(policy, visitors, profiles, forms, messages, null, 0)))))
                // a value already a placeholder (either style, e.g. from an erasure's mentions) is left as it is
                .chain(redacted -> redacted.updates().apply(conn, "message", "body", "sender_name")
                        .chain(() -> conn.preparedQuery("update form_field set value = $2 where transcript_id = any($1)"
                                + " and value !~ '" + PLACEHOLDER_REGEX + "'")
                                .execute(Tuple.of(transcripts, redactors.get(policy).placeholder(PiiType.FORM_VALUE))))
                        .chain(forms -> conn.preparedQuery("""
                                update attachment set content = null, sha256 = null, file_name = $2, destroyed_at = $3
                                where transcript_id = any($1) and destroyed_at is null
                                """).execute(Tuple.of(transcripts, PLACEHOLDER, now))
                                .chain(files -> conn.preparedQuery(
                                        "update transcript set redacted_at = $2, ip_address = null where id = any($1)")
                                        .execute(Tuple.of(transcripts, now))
                                        .chain(() -> eraseFinishedVisitors(conn, visitors, now, redacted.known()))
                                        .map(erased -> {
                                            Tally tally = redacted.tally();
                                            tally.add("FORM_VALUE", forms.rowCount());
                                            tally.add("VISITOR_PROFILE", erased.values());
                                            tally.add("FILE", files.rowCount());
                                            tally.publish(metrics);
                                            return new BatchOutcome(0, 0, redacted.updates().size(),
                                                    redacted.values() + forms.rowCount() + erased.values(),
                                                    files.rowCount(), 0, erased.withIp());
                                        }))));
    }

    /**
     * Engine work of a batch: the visitors' known values, then every message body and visitor sender
     * name. With {@code changes}, also collects up to {@code limit} changed bodies (the dry run).
     */
    private RedactedMessages redactMessages(RedactionPolicy policy, UUID[] visitors, Iterable<Row> profiles,
            Iterable<Row> forms, Iterable<Row> messages, List<Change> changes, int limit) {
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
            if (changes != null && body.changed() && changes.size() < limit) {
                changes.add(new Change(m.getUUID("transcript_id"), m.getInteger("seq"), m.getString("body"), body.text()));
            }
        }
        return new RedactedMessages(known, updates, tally, values);
    }

    private record RedactedMessages(Known known, TextUpdates updates, Tally tally, int values) {
    }

    /**
     * A visitor's profile goes once none of their transcripts is left unredacted (held ones keep it);
     * emits the profile values removed and how many of those visitors had a stored IP.
     */
    private Uni<ErasedVisitors> eraseFinishedVisitors(SqlConnection conn, UUID[] visitors, OffsetDateTime now,
            Known known) {
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
                    int withIp = 0;
                    for (Row row : rows) {
                        values += known.profileValueCount().getOrDefault(row.getUUID("id"), 0);
                        withIp += known.withIp().contains(row.getUUID("id")) ? 1 : 0;
                    }
                    return new ErasedVisitors(values, withIp);
                });
    }

    private record ErasedVisitors(int values, int withIp) {
    }

    /** The profile columns that are known values, with the kind each is redacted as (typed placeholders). */
    private static final Map<String, PiiType> PROFILE_KINDS = Map.of("visitor_key", PiiType.VISITOR_ID,
            "name", PiiType.NAME, "email", PiiType.EMAIL, "ip_address", PiiType.IP_ADDRESS);

    /** Per visitor: visitor key, name, email, IP, form values (texts, each with its kind) and phones (on digits). */
    private static Known knownValues(UUID[] visitors, Iterable<Row> profiles, Iterable<Row> forms) {
        Map<UUID, KnownValues.Builder> builders = new HashMap<>();
        Map<UUID, Integer> profileValues = new HashMap<>();
        Set<UUID> withIp = new HashSet<>();
        for (Row p : profiles) {
            UUID id = p.getUUID("id");
            if (p.getString("ip_address") != null) {
                withIp.add(id);
            }
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
        return new Known(values, profileValues, withIp);
    }

    private record Known(Map<UUID, KnownValues> values, Map<UUID, Integer> profileValueCount, Set<UUID> withIp) {
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
