package io.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.db.Sql;
import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * auditChainValid reads the chain in keyset pages (one statement of at most {@code pageSize} rows
 * each, so memory is bounded by the page, not by the log) and still finds a changed or missing
 * event anywhere in a 100k-event log.
 */
@QuarkusTest
class AuditChainStreamTest {
    static final int EVENTS = 100_000;

    @Inject
    Pool pool;
    @Inject
    Sql sql;
    @Inject
    AuditConfig config;

    @Test
    void aLongChainIsCheckedPageByPageAndATamperedEventIsFound() {
        String tenant = Api.newTenant();
        String auditor = Api.token(tenant, "auditor");
        AuditSeed.seed(pool, tenant, EVENTS, i -> new AuditEntry("actor-" + (i % 13), "action." + (i % 17),
                i % 5 == 0 ? null : "Thing", "id-" + i, i % 3 == 0 ? null : "n=" + i));

        double before = sql.statementCount();
        long started = System.nanoTime();
        assertThat(valid(auditor)).isTrue();
        long millis = (System.nanoTime() - started) / 1_000_000;
        double statements = sql.statementCount() - before;
        // every statement has `limit pageSize`: EVENTS / pageSize full pages and the empty one that ends the walk
        assertThat(statements).as("statements to check %s events in pages of %s", EVENTS, config.pageSize())
                .isEqualTo(EVENTS / config.pageSize() + 1);
        System.out.printf("auditChainValid over %d events: %d ms, %.0f statements of at most %d rows%n", EVENTS, millis,
                statements, config.pageSize());

        // a changed value in the middle
        exec("update audit_event set details = 'n=forged' where tenant_id = $1 and seq = $2", tenant, 50_002L);
        assertThat(valid(auditor)).as("details changed at seq 50002").isFalse();
        exec("update audit_event set details = 'n=50002' where tenant_id = $1 and seq = $2", tenant, 50_002L);
        assertThat(valid(auditor)).as("restored").isTrue();
        // a changed time on the last event
        exec("update audit_event set at = at + interval '1 microsecond' where tenant_id = $1 and seq = $2", tenant,
                (long) EVENTS);
        assertThat(valid(auditor)).as("time changed at the last seq").isFalse();
        exec("update audit_event set at = at - interval '1 microsecond' where tenant_id = $1 and seq = $2", tenant,
                (long) EVENTS);
        // a removed event (the gap in seq), right after a page boundary
        exec("delete from audit_event where tenant_id = $1 and seq = $2", tenant, (long) config.pageSize() + 1);
        assertThat(valid(auditor)).as("event removed").isFalse();
        // another tenant's chain is its own
        String other = Api.newTenant();
        AuditSeed.seed(pool, other, 3, i -> new AuditEntry("a", "b", null, null, null));
        assertThat(valid(Api.token(other, "privacy-admin"))).isTrue();
        assertThat(valid(Api.token(Api.newTenant(), "auditor"))).as("an empty log").isTrue();
    }

    @Test
    void theLegalHoldEventRecordsTheReason() {
        String tenant = Api.newTenant();
        String transcript = Chat.start(Api.token(tenant, "ingest"), "v-hold", null, null);
        String admin = Api.token(tenant, "privacy-admin");
        String hold = "mutation($id: ID!, $h: Boolean!, $r: String) { setLegalHold(transcriptId: $id, hold: $h, reason: $r) { id } }";
        Api.ok(admin, hold, Map.of("id", transcript, "h", true, "r", "Litigation hold, matter 2026-114"));
        Api.ok(admin, hold, Map.of("id", transcript, "h", false));
        var log = Api.ok(admin, "query($t: String) { auditLog(first: 10, filter: {targetId: $t})"
                + " { edges { node { action details } } } }", Map.of("t", transcript));
        assertThat(log.getList("data.auditLog.edges.node.action", String.class))
                .containsExactly("legal-hold.lifted", "legal-hold.set");
        assertThat(log.getList("data.auditLog.edges.node.details", String.class))
                .containsExactly(null, "reason=Litigation hold, matter 2026-114");
    }

    private boolean valid(String token) {
        return Api.ok(token, "{ auditChainValid }").getBoolean("data.auditChainValid");
    }

    private void exec(String statement, Object... args) {
        pool.preparedQuery(statement).execute(Tuple.from(args)).await().indefinitely();
    }
}
