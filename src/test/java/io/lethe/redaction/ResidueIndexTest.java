package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The residue scan reads the tables that grow with chat volume through their trigram indexes, so
 * an erasure's final transaction does not read the whole tenant. The planner uses an index only
 * for the very expression it was built on: a column added to one of these tables changes the
 * scan's expression, and this test fails until a migration rebuilds the index to match.
 */
@QuarkusTest
class ResidueIndexTest {
    private static final List<String> INDEXED = List.of("message", "form_field", "visitor", "transcript",
            "consent_event", "audit_event", "attachment");

    @Inject
    Pool pool;

    @Test
    void everyTableThatGrowsWithChatVolumeIsScannedThroughItsTrigramIndex() {
        ErasureResidue.Patterns patterns = ErasureResidue.Patterns.of(List.of("someone@example.org"),
                List.of("+44 20 7946 0958"), List.of("vk-someone-42"));
        Map<String, String> plans = pool.withTransaction(conn -> conn.query("set local enable_seqscan = off").execute()
                .chain(() -> conn.query(ErasureResidue.COLUMNS).execute())
                .chain(rows -> {
                    Map<String, List<Row>> byTable = new LinkedHashMap<>();
                    rows.forEach(r -> byTable.computeIfAbsent(r.getString("table_name"), t -> new ArrayList<>()).add(r));
                    Map<String, String> out = new LinkedHashMap<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String table : INDEXED) {
                        assertThat(byTable).as("scanned tables").containsKey(table);
                        // the pre-filter alone: whether the tenant's own index is cheaper depends on its size
                        String sql = "explain select 1 from " + table + " x where "
                                + ErasureResidue.prefilter(byTable.get(table)) + " like any($1::text[])";
                        chain = chain.chain(() -> conn.preparedQuery(sql)
                                .execute(Tuple.of(patterns.prefilter().toArray(String[]::new)))
                                .invoke(plan -> {
                                    StringBuilder text = new StringBuilder();
                                    plan.forEach(line -> text.append(line.getString(0)).append('\n'));
                                    out.put(table, text.toString());
                                }).replaceWithVoid());
                    }
                    return chain.replaceWith(out);
                })).await().atMost(Duration.ofSeconds(30));
        for (String table : INDEXED) {
            assertThat(plans.get(table)).as("plan of the residue scan's pre-filter on " + table)
                    .contains("Bitmap Index Scan on " + table + "_residue_trgm");
        }
    }

    @Test
    void thePreFilterKeepsEveryWayATermIsWrittenThatTheScanCounts() {
        ErasureResidue.Patterns patterns = ErasureResidue.Patterns.of(List.of("Jo.Doe@Example.org"),
                List.of("+44 (20) 7946-0958"), List.of("vk-Jo-7"));
        assertThat(patterns.prefilter()).containsExactly("%jodoe@exampleorg%", "%vkjo7%", "%442079460958%",
                "%079460958%");
    }
}
