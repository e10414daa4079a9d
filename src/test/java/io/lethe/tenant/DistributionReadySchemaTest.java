package io.lethe.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The schema can be distributed by tenant (Citus, docs/scaling.md): read from the PostgreSQL
 * catalog after the migrations ran, every table has a {@code tenant_id} column, every primary key,
 * unique constraint and unique index includes it among its key columns, and every foreign key
 * pairs it with the referenced table's {@code tenant_id} (so parent and child rows live on the same
 * shard). A distributed table cannot enforce anything else.
 */
@QuarkusTest
class DistributionReadySchemaTest {
    /** Tables that are not distributed by tenant, each with the reason. */
    private static final Map<String, String> NOT_DISTRIBUTED = Map.of(
            "flyway_schema_history", "Flyway's migration ledger: written only by the migrator, stays local on the coordinator");

    private static final String VIOLATIONS = """
            with tables as (
                select c.oid, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind in ('r', 'p')
            ), tenant_column as (
                select t.oid, t.relname, a.attnum from tables t
                left join pg_attribute a on a.attrelid = t.oid and a.attname = 'tenant_id' and not a.attisdropped
            )
            select relname, 'has no tenant_id column' as problem from tenant_column where attnum is null
            union all
            select tc.relname, case con.contype when 'p' then 'primary key ' else 'unique constraint ' end
                   || con.conname || ' does not include tenant_id'
            from pg_constraint con join tenant_column tc on tc.oid = con.conrelid
            where con.contype in ('p', 'u') and not (tc.attnum = any (con.conkey))
            union all
            select tc.relname, 'foreign key ' || con.conname || ' does not pair tenant_id with '
                   || rc.relname || '.tenant_id'
            from pg_constraint con join tenant_column tc on tc.oid = con.conrelid
            join tenant_column rc on rc.oid = con.confrelid
            where con.contype = 'f' and not exists (
                select 1 from unnest(con.conkey, con.confkey) as k(src, dst) where k.src = tc.attnum and k.dst = rc.attnum)
            union all
            select tc.relname, 'unique index ' || ic.relname || ' does not include tenant_id in its key'
            from pg_index i join tenant_column tc on tc.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
            where i.indisunique and not (tc.attnum = any ((i.indkey::int2[])[0:i.indnkeyatts - 1]))
              and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u'))
            order by 1, 2
            """;

    @Inject
    Pool pool;

    @Test
    void everyKeyAndForeignKeyIncludesTheTenant() {
        List<String> violations = new ArrayList<>();
        for (Row row : pool.preparedQuery(VIOLATIONS).execute().await().indefinitely()) {
            if (!NOT_DISTRIBUTED.containsKey(row.getString(0))) {
                violations.add(row.getString(0) + ": " + row.getString(1));
            }
        }
        assertThat(violations).as("keys that a table distributed by tenant_id cannot enforce").isEmpty();
    }

    @Test
    void theCheckSeesTheWholeSchemaAndEveryExceptionIsReal() {
        List<String> tables = new ArrayList<>();
        pool.preparedQuery("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = current_schema() and c.relkind in ('r', 'p')").execute().await().indefinitely()
                .forEach(row -> tables.add(row.getString(0)));
        assertThat(tables).contains("tenant", "visitor", "transcript", "message", "form_field", "attachment",
                "consent_event", "data_subject_request", "redaction_job", "redaction_job_transcript", "data_export",
                "audit_event");
        assertThat(tables).containsAll(NOT_DISTRIBUTED.keySet());
        // and the catalog query itself reports a key without the tenant
        long flagged = pool.preparedQuery("select count(*) from (" + VIOLATIONS.replace("order by 1, 2", "")
                + ") v where v.relname = $1").execute(Tuple.of("flyway_schema_history")).await().indefinitely()
                .iterator().next().getLong(0);
        assertThat(flagged).as("flyway_schema_history has neither tenant_id nor a tenant key").isPositive();
    }
}
