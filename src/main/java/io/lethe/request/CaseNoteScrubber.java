package io.lethe.request;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.db.Sql;
import io.lethe.redaction.RedactorCache;
import io.lethe.redaction.engine.KnownValues;
import io.lethe.redaction.engine.Redactor;
import io.lethe.visitor.VisitorService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Free-text case notes ("caller said she is Zelda") are copies of a data subject's values, so an
 * erasure takes them out too: the subject's email and everything the erasure knows them by (each
 * visitor with that email: key, name, email, phone, IP address, form values) is replaced by the
 * placeholder in the notes of the subject's own cases (same keyed hash) and of any other case of
 * the tenant that names one of those values. Matching is the redaction engine's known-value
 * matching (whole tokens, any case; phones on their digits). Runs on the caller's connection,
 * inside the erasure's transaction. The values are also remembered as keyed hashes
 * ({@link ErasedValues}) for notes written after the erasure.
 */
@ApplicationScoped
public class CaseNoteScrubber {
    /** Plain or typed ("<redacted:email>") placeholders: values already erased. */
    private static final String PLACEHOLDER_PREFIX = "<redacted";

    private final RedactorCache redactors;
    private final ErasedValues erased;

    public CaseNoteScrubber(RedactorCache redactors, ErasedValues erased) {
        this.redactors = redactors;
        this.erased = erased;
    }

    /** Scrubs the notes for the subject with this normalised email (null: the hash alone, nothing to match). */
    public Uni<Void> scrub(SqlConnection conn, String tenantId, String email, String subjectHash) {
        return scrub(conn, tenantId, email, subjectHash, List.of());
    }

    /**
     * Same, also with the values of these visitors (an erasure released from legal hold knows its
     * subject by the visitor row only: its email may be null).
     */
    public Uni<Void> scrub(SqlConnection conn, String tenantId, String email, String subjectHash, List<UUID> visitorIds) {
        if (email == null && visitorIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return subjectValues(conn, tenantId, email, visitorIds)
                // as keyed hashes too, for notes written after the values are gone
                .call(values -> erased.remember(conn, tenantId, subjectHash, values))
                .chain(values -> scrubNotes(conn, tenantId, subjectHash, values));
    }

    private Uni<Void> scrubNotes(SqlConnection conn, String tenantId, String subjectHash, SubjectValues values) {
        KnownValues known = KnownValues.of(values.texts(), values.phones());
        if (known.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> patterns = values.texts().stream().map(Sql::likeContains).toList();
        List<String> digits = new ArrayList<>();
        for (String phone : values.phones()) {
            String d = phone.replaceAll("\\D", "");
            if (d.length() >= 7) {
                digits.add("%" + d.substring(d.length() - 7) + "%");
            }
        }
        // a cheap SQL pre-filter; the engine decides what really is one of the subject's values
        return conn.preparedQuery("""
                select r.id, r.note, r.resolution_note from data_subject_request r
                where r.tenant_id = $1 and (r.note is not null or r.resolution_note is not null)
                  and (r.subject_hash = $2 or r.note ilike any($3) or r.resolution_note ilike any($3)
                       or regexp_replace(coalesce(r.note, '') || ' ' || coalesce(r.resolution_note, ''), '\\D', '', 'g')
                          like any($4))
                for update of r
                """).execute(Tuple.of(tenantId, subjectHash, patterns.toArray(String[]::new), digits.toArray(String[]::new)))
                .chain(rows -> redactors.policyOf(conn, tenantId)
                        .map(policy -> redactors.get(RedactorCache.knownValuesOnly(policy)))
                        .chain(redactor -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(row -> scrubRow(conn, row, redactor, known))
                                .collect().last()))
                .replaceWithVoid();
    }

    private static Uni<Void> scrubRow(SqlConnection conn, Row row, Redactor redactor, KnownValues known) {
        String note = scrubText(row.getString("note"), redactor, known);
        String resolution = scrubText(row.getString("resolution_note"), redactor, known);
        if (java.util.Objects.equals(note, row.getString("note"))
                && java.util.Objects.equals(resolution, row.getString("resolution_note"))) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("update data_subject_request set note = $2, resolution_note = $3 where id = $1")
                .execute(Tuple.of(row.getUUID("id"), note, resolution)).replaceWithVoid();
    }

    static String scrubText(String text, Redactor redactor, KnownValues known) {
        return text == null ? null : redactor.redact(text, known).text();
    }

    /** Texts and phones as the engine matches them; identifiers (emails, visitor keys) are among the texts too. */
    record SubjectValues(List<String> texts, List<String> phones, List<String> identifiers) {
    }

    /** What the erasure knows the subject by, read before it is destroyed. */
    private static Uni<SubjectValues> subjectValues(SqlConnection conn, String tenantId, String email,
            List<UUID> visitorIds) {
        Set<String> texts = new LinkedHashSet<>();
        addValue(texts, email);
        Set<String> phones = new LinkedHashSet<>();
        Set<String> identifiers = new LinkedHashSet<>();
        addValue(identifiers, email);
        return conn.preparedQuery("select id, visitor_key, name, email, phone, ip_address from visitor"
                + " where tenant_id = $1 and (lower(email) = $2 or id = any($3))")
                .execute(Tuple.of(tenantId, email, visitorIds.toArray(UUID[]::new)))
                .chain(visitors -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row v : visitors) {
                        ids.add(v.getUUID("id"));
                        for (String column : List.of("visitor_key", "name", "email", "ip_address")) {
                            addValue(texts, v.getString(column));
                        }
                        addNameParts(texts, v.getString("name"));
                        addValue(phones, v.getString("phone"));
                        addValue(identifiers, v.getString("email"));
                        addValue(identifiers, v.getString("visitor_key"));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(values(texts, phones, identifiers));
                    }
                    return conn.preparedQuery("""
                            select f.name, f.value from form_field f
                            join transcript t on t.tenant_id = f.tenant_id and t.id = f.transcript_id
                            where t.tenant_id = $1 and t.visitor_id = any($2)
                            """).execute(Tuple.of(tenantId, ids.toArray(UUID[]::new))).map(forms -> {
                                for (Row f : forms) {
                                    String field = f.getString("name").trim().toLowerCase(Locale.ROOT);
                                    boolean phone = VisitorService.PHONE_FIELD.equals(field);
                                    addValue(phone ? phones : texts, f.getString("value"));
                                    if (VisitorService.NAME_FIELD.equals(field)) {
                                        addNameParts(texts, f.getString("value"));
                                    }
                                }
                                return values(texts, phones, identifiers);
                            });
                });
    }

    /**
     * A note names a person by part of their name ("she is Zelda", "Ms Quist") far more often than a
     * chat does, so each capitalised part of a name counts on its own; lower-case particles ("de",
     * "van") do not, they are words of their own.
     */
    private static void addNameParts(Set<String> values, String name) {
        if (name == null || name.startsWith(PLACEHOLDER_PREFIX)) {
            return;
        }
        for (String part : name.trim().split("\\s+")) {
            if (part.codePointCount(0, part.length()) >= 2 && !part.equals(part.toLowerCase(Locale.ROOT))) {
                values.add(part);
            }
        }
    }

    private static SubjectValues values(Set<String> texts, Set<String> phones, Set<String> identifiers) {
        return new SubjectValues(List.copyOf(texts), List.copyOf(phones), List.copyOf(identifiers));
    }

    private static void addValue(Set<String> values, String value) {
        // values already erased (the placeholder) are not the subject's any more
        if (value != null && !value.isBlank() && !value.startsWith(PLACEHOLDER_PREFIX)) {
            values.add(value.trim());
        }
    }
}
