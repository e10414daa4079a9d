package io.lethe.redaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;

import io.lethe.db.Sql;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The residue scan of an erasure: in the job's final transaction, after every hook has run, every
 * text, varchar, char, json(b) and text-array column of every table in the schema (read from the
 * catalog, so a table added later is scanned too) is searched for the subject's email, phones and
 * visitor keys, case-insensitively; the number of (row, column) hits is stored as the job's
 * {@code residue_found}. It must be 0; anything else is logged as an ERROR naming the columns,
 * never the values.
 * <p>
 * Cost: one statement per table, bounded to the tenant's rows where the table has a tenant_id,
 * with escaped LIKE patterns on lower-cased text (phones also on their digits). Every statement
 * first keeps only the rows whose text columns, joined and stripped of phone separators
 * ({@link #PREFILTER}), contain one of the terms so stripped: a superset of the rows with a hit,
 * which the tables that grow with chat volume answer from a trigram index on that same expression
 * (migration V13), so the scan reads the candidate rows, not the tenant. Left out by design:
 * columns that hold only keyed hashes (names ending in {@code hash}), the tenant's own id, this
 * scan's own input ({@code erasure_term}), Flyway's history, and what legal hold retains: an unredacted held transcript, the rows that
 * belong to it (tables with a transcript_id) and its visitor (the visitor row and tables with a
 * visitor_id).
 * <p>
 * The terms are the subject's identifiers, read from the visitor rows by each batch before it
 * erases them and kept only while the job runs (like {@code redaction_job.subject_email}); the
 * final transaction deletes them whatever the job's outcome.
 */
final class ErasureResidue {
    private static final Logger LOG = Logger.getLogger(ErasureResidue.class);
    /** Enough digits of a phone to name it (national significant numbers are mostly 9-11 digits). */
    private static final int PHONE_DIGITS = 9;
    private static final int MIN_PHONE_DIGITS = 7;
    /** Shorter visitor keys ("v-1") are not distinctive enough to count as a copy. */
    private static final int MIN_KEY_LENGTH = 4;
    private static final String PLACEHOLDER_PREFIX = "<redacted";
    /** The separators of written phone numbers, taken out of both the text and the terms by the pre-filter. */
    static final String PHONE_SEPARATORS = " ()-.+/";

    /** Every scanned column: table, column, type and whether the table has tenant, transcript and visitor ids. */
    static final String COLUMNS = """
            select c.relname as table_name, a.attname as column_name, a.atttypid::regtype::text as type,
                   exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'tenant_id'
                           and not x.attisdropped) as has_tenant,
                   exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'transcript_id'
                           and not x.attisdropped) as has_transcript,
                   exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'visitor_id'
                           and not x.attisdropped) as has_visitor
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
              and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype, 'json'::regtype,
                                 'jsonb'::regtype, 'text[]'::regtype, 'varchar[]'::regtype)
              and c.relname not in ('flyway_schema_history', 'erasure_term')
              and a.attname !~ 'hash$' and a.attname <> 'tenant_id'
            order by c.relname, a.attnum
            """;

    /** Rows legal hold keeps on purpose: an unredacted held transcript, keyed by {@code x}'s column. */
    private static final String HELD = "select 1 from transcript h where h.tenant_id = x.tenant_id and h.legal_hold"
            + " and h.redacted_at is null and h.";

    /** Keeps the subject's identifiers for the final scan; idempotent (a resumed batch adds nothing). */
    static Uni<Void> keepTerms(SqlConnection conn, LeasedJob job, ErasureBatches.Subject subject) {
        List<String> kinds = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        add(kinds, terms, "EMAIL", subject.email());
        subject.phones().forEach(p -> add(kinds, terms, "PHONE", p.trim()));
        subject.visitorKeys().forEach(k -> add(kinds, terms, "VISITOR_KEY", k));
        if (terms.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("insert into erasure_term (tenant_id, job_id, kind, term)"
                + " select $1, $2, u.kind, u.term from unnest($3::text[], $4::text[]) as u(kind, term)"
                + " on conflict do nothing")
                .execute(Tuple.of(job.tenantId(), job.id(), kinds.toArray(String[]::new), terms.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Forgets the terms of a job that ends outside a final transaction (Hibernate session of the caller). */
    static Uni<Void> forget(String tenantId, java.util.UUID jobId) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> session
                .createNativeQuery("delete from erasure_term where tenant_id = :tenant and job_id = :job")
                .setParameter("tenant", tenantId).setParameter("job", jobId).executeUpdate()).replaceWithVoid();
    }

    private static void add(List<String> kinds, List<String> terms, String kind, String term) {
        if (term != null && !term.isBlank() && !term.startsWith(PLACEHOLDER_PREFIX)) {
            kinds.add(kind);
            terms.add(term);
        }
    }

    /**
     * In an ERASURE job's final transaction: forgets the terms and, when the job succeeded, scans
     * with them and stores the count. Other kinds: nothing.
     */
    Uni<Void> finish(SqlConnection conn, LeasedJob job, JobStatus status) {
        if (job.kind() != JobKind.ERASURE) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("delete from erasure_term where tenant_id = $1 and job_id = $2 returning kind, term")
                .execute(Tuple.of(job.tenantId(), job.id()))
                .chain(rows -> {
                    if (status != JobStatus.SUCCEEDED) {
                        return Uni.createFrom().voidItem();
                    }
                    Patterns patterns = Patterns.of(rows);
                    long started = System.nanoTime();
                    return scan(conn, job.tenantId(), patterns).chain(hits -> {
                        int total = hits.values().stream().mapToInt(Integer::intValue).sum();
                        long millis = (System.nanoTime() - started) / 1_000_000;
                        if (total > 0) {
                            LOG.errorf("erasure job %s: the residue scan found %d copies of the subject's email, phone"
                                    + " or visitor key after the erasure, in %s (without searchAllTranscripts other"
                                    + " visitors' transcripts are not searched)", job.id(), total, hits.keySet());
                        } else {
                            LOG.debugf("erasure job %s: residue scan clean in %d ms", job.id(), millis);
                        }
                        return conn.preparedQuery("update redaction_job set residue_found = $3 where id = $1 and tenant_id = $2")
                                .execute(Tuple.of(job.id(), job.tenantId(), total)).replaceWithVoid();
                    });
                });
    }

    /** Hits per "table.column" (only those with hits), one statement per table. */
    static Uni<Map<String, Integer>> scan(SqlConnection conn, String tenantId, Patterns patterns) {
        Map<String, Integer> hits = new LinkedHashMap<>();
        if (patterns.isEmpty()) {
            return Uni.createFrom().item(hits);
        }
        // the statements are cached per connection; a generic plan would not see the patterns, and
        // an index on trigrams is only worth it for patterns that have them
        return conn.query("set local plan_cache_mode = force_custom_plan").execute()
                .chain(() -> conn.query(COLUMNS).execute()).chain(rows -> {
            Map<String, List<Row>> byTable = new LinkedHashMap<>();
            for (Row row : rows) {
                byTable.computeIfAbsent(row.getString("table_name"), t -> new ArrayList<>()).add(row);
            }
            return Multi.createFrom().iterable(byTable.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> scanTable(conn, tenantId, e.getKey(), e.getValue(),
                            patterns).invoke(counts -> counts.forEach((column, n) -> {
                                if (n > 0) {
                                    hits.put(e.getKey() + "." + column, n);
                                }
                            })))
                    .collect().last().replaceWith(hits);
        });
    }

    private static Uni<Map<String, Integer>> scanTable(SqlConnection conn, String tenantId, String table,
            List<Row> columns, Patterns patterns) {
        List<String> names = columns.stream().map(c -> c.getString("column_name")).toList();
        return conn.preparedQuery(statement(table, columns)).execute(parameters(tenantId, patterns))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        counts.put(names.get(i), row.getLong(i).intValue());
                    }
                    return counts;
                });
    }

    /** The parameters of {@link #statement}: $1 the tenant, $2-$7 the patterns. */
    static Tuple parameters(String tenantId, Patterns patterns) {
        return Tuple.of(tenantId, patterns.texts().toArray(String[]::new),
                patterns.digits().toArray(String[]::new), patterns.tails().toArray(String[]::new))
                .addArrayOfString(patterns.keys().toArray(String[]::new))
                .addArrayOfString(patterns.keyTokens().toArray(String[]::new))
                .addArrayOfString(patterns.prefilter().toArray(String[]::new));
    }

    /** One table's statement: a count of hits per column (in {@code columns}' order), the tenant's rows only. */
    static String statement(String table, List<Row> columns) {
        Row first = columns.get(0);
        StringBuilder select = new StringBuilder("select ");
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i).getString("column_name");
            String text = text("x." + ident(column), columns.get(i).getString("type"));
            // lower() + LIKE costs a third of ILIKE; phones: separators dropped by translate(), only in rows
            // holding the number's last two digits; visitor keys: a whole-token regexp, only in rows the LIKE
            // pre-filter kept (a regexp per row costs ten times as much)
            select.append(i == 0 ? "" : ", ").append("count(*) filter (where lower(").append(text)
                    .append(") like any($2::text[]) or (").append(text).append(" like any($4::text[]) and translate(")
                    .append(text).append(", '" + PHONE_SEPARATORS + "', '') like any($3::text[])) or (lower(").append(text)
                    .append(") like any($5::text[]) and lower(").append(text).append(") ~ any($6::text[])))");
        }
        select.append(" from ").append(ident(table)).append(" x where ");
        List<String> where = new ArrayList<>();
        where.add(first.getBoolean("has_tenant") ? "x.tenant_id = $1" : "$1::text is not null");
        where.add(prefilter(columns) + " like any($7::text[])");
        if ("transcript".equals(table)) {
            where.add("not (x.legal_hold and x.redacted_at is null)");
        } else if ("visitor".equals(table)) {
            where.add("not exists (" + HELD + "visitor_id = x.id)");
        }
        if (first.getBoolean("has_transcript") && first.getBoolean("has_tenant")) {
            where.add("not exists (" + HELD + "id = x.transcript_id)");
        }
        if (first.getBoolean("has_visitor") && first.getBoolean("has_tenant")) {
            where.add("not exists (" + HELD + "visitor_id = x.visitor_id)");
        }
        select.append(String.join(" and ", where));
        return select.toString();
    }

    /**
     * The pre-filter's expression over a table's text columns (in column order): joined by
     * newlines, lower-cased, phone separators taken out. Written exactly so in V13's trigram
     * indexes, which the planner uses only for an identical expression (ResidueIndexTest checks).
     */
    static String prefilter(List<Row> columns) {
        StringBuilder joined = new StringBuilder();
        for (Row column : columns) {
            String text = text("x." + ident(column.getString("column_name")), column.getString("type"));
            joined.append(joined.length() == 0 ? "" : " || E'\\n' || ").append("coalesce(").append(text).append(", '')");
        }
        return "translate(lower(" + joined + "), '" + PHONE_SEPARATORS + "', '')";
    }

    private static String text(String column, String type) {
        return switch (type) {
            case "json", "jsonb" -> column + "::text";
            case "text[]", "character varying[]" -> "array_to_string(" + column + ", ' ')";
            default -> column + "::text";
        };
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * LIKE patterns: lower-cased email and phones as written; phone digits (their last
     * {@value #PHONE_DIGITS}) and each phone's last two digits as a cheap pre-filter. A visitor key
     * counts as a whole token only ({@code vk-1} is not in {@code vk-10}): a LIKE pre-filter and a
     * regexp with the key between non-word characters or the ends of the text.
     */
    record Patterns(List<String> texts, List<String> digits, List<String> tails, List<String> keys,
            List<String> keyTokens, List<String> prefilter) {
        boolean isEmpty() {
            return texts.isEmpty() && digits.isEmpty() && keys.isEmpty();
        }

        static Patterns of(Iterable<Row> terms) {
            List<String> texts = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Row row : terms) {
                String term = row.getString("term");
                switch (row.getString("kind")) {
                    case "PHONE" -> phones.add(term);
                    case "VISITOR_KEY" -> {
                        if (term.length() >= MIN_KEY_LENGTH) {
                            keys.add(term);
                        }
                    }
                    default -> texts.add(term);
                }
            }
            return of(texts, phones, keys);
        }

        static Patterns of(List<String> texts, List<String> phones, List<String> visitorKeys) {
            List<String> likes = new ArrayList<>();
            List<String> digits = new ArrayList<>();
            List<String> tails = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> keyTokens = new ArrayList<>();
            List<String> prefilter = new ArrayList<>();
            for (String text : texts) {
                likes.add(Sql.likeContains(text.toLowerCase(Locale.ROOT)));
                prefilter.add(Sql.likeContains(withoutSeparators(text)));
            }
            for (String key : visitorKeys) {
                String lower = key.toLowerCase(Locale.ROOT);
                keys.add(Sql.likeContains(lower));
                prefilter.add(Sql.likeContains(withoutSeparators(key)));
                keyTokens.add("(^|[^[:alnum:]_])" + regexLiteral(lower) + "($|[^[:alnum:]_])");
            }
            for (String phone : phones) {
                likes.add(Sql.likeContains(phone.toLowerCase(Locale.ROOT)));
                prefilter.add(Sql.likeContains(withoutSeparators(phone)));
                String d = phone.replaceAll("\\D", "");
                if (d.length() >= MIN_PHONE_DIGITS) {
                    String digitsPattern = "%" + d.substring(d.length() - Math.min(PHONE_DIGITS, d.length())) + "%";
                    digits.add(digitsPattern);
                    prefilter.add(digitsPattern);
                    tails.add("%" + d.substring(d.length() - 2) + "%");
                }
            }
            return new Patterns(likes, digits, tails, keys, keyTokens, prefilter);
        }

        /**
         * A term as the pre-filter sees it. Taking characters out keeps a substring a substring, so
         * every text in which a term (or a phone's digits) occurs also passes the pre-filter.
         */
        private static String withoutSeparators(String term) {
            StringBuilder out = new StringBuilder(term.length());
            term.toLowerCase(Locale.ROOT).codePoints().filter(c -> PHONE_SEPARATORS.indexOf(c) < 0)
                    .forEach(out::appendCodePoint);
            return out.toString();
        }

        /** {@code text} matched literally by a PostgreSQL regexp: every char but letters and digits escaped. */
        private static String regexLiteral(String text) {
            StringBuilder out = new StringBuilder(text.length() * 2);
            text.codePoints().forEach(c -> {
                if (!Character.isLetterOrDigit(c)) {
                    out.append('\\');
                }
                out.appendCodePoint(c);
            });
            return out.toString();
        }
    }

    /** For tests and measurements: the scan alone, with the given identifiers. */
    static Uni<Map<String, Integer>> scan(SqlConnection conn, String tenantId, List<String> texts, List<String> phones) {
        return scan(conn, tenantId, Patterns.of(texts, phones, List.of()));
    }
}
