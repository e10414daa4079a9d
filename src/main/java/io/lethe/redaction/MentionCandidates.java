package io.lethe.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.lethe.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A cheap SQL pre-filter for an erasure's mentions phase: transcripts of other visitors with a
 * message or form value containing the subject's email, or the last seven digits of one of their
 * phones. The engine then decides what really is a mention.
 */
record MentionCandidates(String tenantId, List<UUID> subjectVisitors, TranscriptRedactor.Subject values, List<String> digitPatterns) {
    private static final int PHONE_TAIL_DIGITS = 7;

    /** The subject's visitors (excluded: their own transcripts are the SUBJECT phase's) and phones. */
    static MentionCandidates of(String tenantId, ErasureBatches.Subject subject) {
        List<String> patterns = new ArrayList<>();
        for (String phone : subject.phones()) {
            String digits = phone.replaceAll("\\D", "");
            if (digits.length() >= PHONE_TAIL_DIGITS) {
                patterns.add("%" + digits.substring(digits.length() - PHONE_TAIL_DIGITS) + "%");
            }
        }
        return new MentionCandidates(tenantId, subject.visitorIds(),
                new TranscriptRedactor.Subject(subject.email(), subject.phones()), patterns);
    }

    private static final String CANDIDATES = """
             from transcript t
            where t.tenant_id = $1 and not (t.visitor_id = any($2)) and ($3::uuid is null or t.id > $3)
              and (exists (select 1 from message m where m.transcript_id = t.id
                           and (m.body ilike $4 escape '\\'
                                or regexp_replace(m.body, '\\D', '', 'g') like any($5)))
                or exists (select 1 from form_field f where f.transcript_id = t.id
                           and (f.value ilike $4 escape '\\'
                                or regexp_replace(f.value, '\\D', '', 'g') like any($5))))
            """;

    /** Up to {@code size} candidate transcript ids after {@code after}, in id order. */
    Uni<List<UUID>> candidates(SqlConnection conn, UUID after, int size) {
        List<Object> args = arguments(after);
        args.add(size);
        return conn.preparedQuery("select t.id" + CANDIDATES + " order by t.id limit $6")
                .execute(Tuple.tuple(args)).map(ErasureBatches::ids);
    }

    /** How many candidates there are after {@code after} (the job's total is fixed from it). */
    Uni<Long> count(SqlConnection conn, UUID after) {
        return conn.preparedQuery("select count(*)" + CANDIDATES).execute(Tuple.tuple(arguments(after)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private List<Object> arguments(UUID after) {
        return new ArrayList<>(Arrays.asList(tenantId, subjectVisitors.toArray(UUID[]::new), after,
                Sql.likeContains(values.email()), digitPatterns.toArray(String[]::new)));
    }
}
