package io.lethe.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * After ANALYZE, PostgreSQL's planner statistics (pg_stats: most common values, histogram bounds,
 * also those of expression indexes) hold no personal data: V9 sets a statistics target of 0 on the
 * personal columns. The lookups that need their indexes still use them.
 */
@QuarkusTest
class PlannerStatisticsTest {
    static final int VISITORS = 5000;

    @Inject
    Pool pool;

    @Test
    void statisticsHoldNoPersonalValuesAndTheLookupsStillUseTheirIndexes() {
        String tenant = Api.newTenant();
        // a token in every seeded personal value, and a few values repeated so they would be "most common"
        String mark = "qz" + UUID.randomUUID().toString().substring(0, 8);
        seed(tenant, mark);
        for (String table : List.of("visitor", "transcript", "message", "form_field", "attachment", "consent_event",
                "data_subject_request", "redaction_job")) {
            exec("analyze " + table);
        }

        List<String> leaks = new ArrayList<>();
        for (Row row : pool.query("""
                select tablename, attname, concat_ws(' ', most_common_vals::text, histogram_bounds::text,
                       most_common_elems::text) as vals
                from pg_stats where schemaname = current_schema()""").execute().await().indefinitely()) {
            String values = row.getString("vals");
            if (values != null && (values.contains("@") || values.contains(mark) || values.contains("+1 415 555 ")
                    || values.contains("198.51.100."))) {
                leaks.add(row.getString("tablename") + "." + row.getString("attname"));
            }
        }
        assertThat(leaks).as("pg_stats columns with personal values").isEmpty();
        assertThat(count("select count(*) from pg_statistic where starelid = 'visitor_tenant_email_idx'::regclass"))
                .as("statistics of the lower(email) expression index").isZero();
        assertThat(count("select count(*) from pg_stats where schemaname = current_schema() and tablename = 'visitor'"
                + " and attname = 'tenant_id'")).as("ANALYZE ran: non-personal columns keep their statistics").isOne();

        String email = "zq" + 42 + "." + mark + "@stats.example";
        assertThat(plan("select v.id from visitor v where v.tenant_id = $1 and lower(v.email) = lower($2)"
                + " order by v.first_seen_at desc, v.id desc limit 51", tenant, email))
                .as("visitors(filter: {email})").contains("visitor_tenant_email_idx").doesNotContain("Seq Scan");
        assertThat(plan("select count(*) from visitor v where v.tenant_id = $1 and lower(v.email) = lower($2)", tenant,
                email)).as("visitors(filter: {email}) totalCount").contains("visitor_tenant_email_idx")
                .doesNotContain("Seq Scan");
        assertThat(plan("select id, phone from visitor where tenant_id = $1 and lower(email) = $2", tenant, email))
                .as("erasure: the subject's visitors").contains("visitor_tenant_email_idx").doesNotContain("Seq Scan");
        assertThat(plan("select t.id from transcript t where t.tenant_id = $1 and t.visitor_id in (select v.id from"
                + " visitor v where v.tenant_id = $1 and lower(v.email) = lower($2)) order by t.started_at desc, t.id desc"
                + " limit 51", tenant, email)).as("transcripts(filter: {email})").contains("visitor_tenant_email_idx")
                .doesNotContain("Seq Scan on visitor");
        assertThat(plan("select id from visitor where tenant_id = $1 and visitor_key = $2 and redacted_at is null",
                tenant, "vk-" + mark + "-42")).as("visitor by key (ingest)").contains("visitor_tenant_key_uq")
                .doesNotContain("Seq Scan");
        assertThat(plan("select id from redaction_job where tenant_id = $1 and idempotency_key = $2", tenant,
                "key-" + mark + "-42")).as("erasure by idempotency key").contains("redaction_job_idempotency_uq")
                .doesNotContain("Seq Scan");
    }

    /**
     * The detection above can fail: a column with default statistics shows the values. And the
     * migration's way to drop statistics an earlier ANALYZE gathered (re-declaring the column's
     * type; pg_statistic itself is writable by superusers only) works, for an expression index too.
     */
    @Test
    void defaultStatisticsWouldLeakAndReDeclaringTheTypeDropsThem() {
        String table = "stats_probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            exec("create table " + table + " (tenant_id text, email text)");
            exec("create index " + table + "_email_idx on " + table + " (tenant_id, lower(email))");
            exec("insert into " + table + " select 't', 'probe' || (s % 20) || '@stats.example'"
                    + " from generate_series(1, 2000) s");
            exec("analyze " + table);
            assertThat(leaking(table)).as("default statistics of a table and its expression index").isEqualTo(2);

            exec("alter table " + table + " alter column email type text");
            assertThat(leaking(table)).as("after re-declaring the type").isZero();
            exec("alter table " + table + " alter column email set statistics 0");
            exec("alter index " + table + "_email_idx alter column 2 set statistics 0");
            exec("analyze " + table);
            assertThat(leaking(table)).as("after ANALYZE with statistics target 0").isZero();
            assertThat(count("select count(*) from pg_stats where tablename = '" + table + "' and attname = 'tenant_id'"))
                    .isOne();
        } finally {
            exec("drop table if exists " + table);
        }
    }

    private long leaking(String table) {
        return count("select count(*) from pg_stats where (tablename = '" + table + "' or tablename = '" + table
                + "_email_idx') and concat_ws(' ', most_common_vals::text, histogram_bounds::text) like '%@%'");
    }

    private void seed(String tenant, String mark) {
        exec("""
                insert into visitor (id, tenant_id, visitor_key, name, email, phone, ip_address, first_seen_at, last_seen_at)
                select gen_random_uuid(), $1, 'vk-' || $2 || '-' || s, 'Quillon Vexbury ' || $2 || ' ' || (s % 10),
                       'zq' || (s % 2500) || '.' || $2 || '@stats.example', '+1 415 555 ' || lpad((s % 100)::text, 4, '0'),
                       '198.51.100.' || (s % 10), now() - s * interval '1 minute', now()
                from generate_series(1, $3) s""", tenant, mark, VISITORS);
        exec("""
                insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, ip_address,
                                        legal_hold, legal_hold_reason)
                select gen_random_uuid(), tenant_id, id, first_seen_at, first_seen_at, ip_address,
                       true, 'hold for ' || name
                from visitor where tenant_id = $1""", tenant);
        exec("""
                insert into message (id, tenant_id, transcript_id, seq, sender, sender_name, body, sent_at)
                select gen_random_uuid(), t.tenant_id, t.id, 1, 'VISITOR', v.name,
                       'mail me at ' || v.email, t.started_at
                from transcript t join visitor v on v.id = t.visitor_id where t.tenant_id = $1""", tenant);
        exec("""
                insert into form_field (id, tenant_id, transcript_id, position, name, value, submitted_at)
                select gen_random_uuid(), t.tenant_id, t.id, 1, 'email', v.email, t.started_at
                from transcript t join visitor v on v.id = t.visitor_id where t.tenant_id = $1""", tenant);
        exec("""
                insert into attachment (id, tenant_id, transcript_id, file_name, content_type, size, sha256, content,
                                        uploaded_at)
                select gen_random_uuid(), t.tenant_id, t.id, 'passport-' || v.email || '.pdf', 'application/pdf', 20,
                       null, convert_to(v.email, 'UTF8'), t.started_at
                from transcript t join visitor v on v.id = t.visitor_id where t.tenant_id = $1""", tenant);
        exec("""
                insert into consent_event (id, tenant_id, visitor_id, purpose, granted, consent_text, consent_version,
                                           occurred_at)
                select gen_random_uuid(), tenant_id, id, 'chat', true, 'Questions? privacy@' || $2 || '.example',
                       'v1', first_seen_at
                from visitor where tenant_id = $1""", tenant, mark);
        exec("""
                insert into data_subject_request (id, tenant_id, type, status, subject, subject_hash, received_at, due_at,
                                                  note, resolution_note, created_by)
                select gen_random_uuid(), tenant_id, 'ACCESS', 'OPEN', email, md5(email), now(), now() + interval '1 month',
                       'asked by ' || email, 'sent to ' || email, 'officer'
                from visitor where tenant_id = $1""", tenant);
        exec("""
                insert into redaction_job (id, tenant_id, kind, status, requested_by, requested_at, next_attempt_at,
                                           idempotency_key, subject_hash, subject_email)
                select gen_random_uuid(), tenant_id, 'ERASURE', 'CANCELLED', 'officer', now(), now(),
                       'key-' || $2 || '-' || row_number() over (), md5(email), email
                from visitor where tenant_id = $1""", tenant, mark);
    }

    private String plan(String sql, Object... args) {
        StringBuilder plan = new StringBuilder();
        pool.preparedQuery("explain " + sql).execute(Tuple.from(args)).await().indefinitely()
                .forEach(row -> plan.append(row.getString(0)).append('\n'));
        return plan.toString();
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private void exec(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
    }
}
