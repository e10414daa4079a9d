package io.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** One chain whichever transaction appends: Hibernate services and SQL-client job paths interleave. */
@QuarkusTest
class AuditLogTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    AuditLog audit;
    @Inject
    Pool pool;

    @Test
    void appendsFromHibernateAndSqlClientTransactionsFormOneValidChain() throws Throwable {
        String tenant = Api.newTenant();
        // in turn, then concurrently, then several in one transaction of each kind
        for (int i = 0; i < 4; i++) {
            hibernate(tenant, entry("hibernate", i, i % 2 == 0 ? null : "n=" + i));
            sqlClient(tenant, entry("sql", i, i % 2 == 0 ? "n=" + i : null));
        }
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> concurrent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                AuditEntry e = entry("concurrent", i, "n=" + i);
                boolean viaHibernate = i % 2 == 1;
                concurrent.add(threads.submit(() -> {
                    if (viaHibernate) {
                        hibernate(tenant, e);
                    } else {
                        sqlClient(tenant, e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : concurrent) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> audit.append(tenant, entry("same-tx", 1, null))
                .chain(() -> audit.append(tenant, entry("same-tx", 2, null)))));
        pool.withTransaction(conn -> audit.append(conn, tenant, entry("same-conn", 1, null))
                .chain(() -> audit.append(conn, tenant, entry("same-conn", 2, null)))).await().atMost(WAIT);

        List<Long> seqs = new ArrayList<>();
        pool.preparedQuery("select seq from audit_event where tenant_id = $1 order by seq").execute(Tuple.of(tenant))
                .await().atMost(WAIT).forEach(r -> seqs.add(r.getLong(0)));
        assertThat(seqs).hasSize(18).first().isEqualTo(1L);
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(18L);
        assertThat(Api.ok(Api.token(tenant, "auditor"), "{ auditChainValid }").getBoolean("data.auditChainValid")).isTrue();
    }

    private void hibernate(String tenant, AuditEntry entry) throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> audit.append(tenant, entry)));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void sqlClient(String tenant, AuditEntry entry) {
        pool.withTransaction(conn -> audit.append(conn, tenant, entry)).await().atMost(WAIT);
    }

    private static AuditEntry entry(String path, int i, String details) {
        return new AuditEntry("test:" + path, "test." + path, i % 3 == 0 ? null : "Thing", i % 3 == 0 ? null : "id-" + i,
                details);
    }
}
