package io.lethe.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lethe.support.Fixtures;
import io.lethe.db.Sql;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A page of transcripts with their visitors, messages, forms and files costs a fixed number of
 * SQL statements, whatever the page size: batch resolvers, no query per row.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NPlusOneTest {
    private static final String PAGE = "query($n: Int) { transcripts(first: $n) { totalCount edges { cursor node { "
            + Fixtures.TRANSCRIPT_FIELDS + " } } pageInfo { hasNextPage endCursor } } }";

    @Inject
    Sql sql;

    private String agent;

    /** Once per class; in @BeforeEach because RestAssured knows the test port only there. */
    @BeforeEach
    void seed() {
        if (agent != null) {
            return;
        }
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        agent = Api.token(tenant, "agent");
        for (int i = 0; i < 50; i++) {
            // a visitor per transcript, so visitors are 50 distinct rows as well
            String id = Fixtures.start(ingest, "n1-" + i);
            Fixtures.appendOk(ingest, id, Fixtures.bodies("hello " + i, "bye " + i));
            if (i % 5 == 0) {
                Api.ok(ingest, Fixtures.SUBMIT, Map.of("id", id, "f", List.of(Fixtures.field("email", "v" + i + "@example.com"))));
                Fixtures.upload(ingest, id, "f" + i + ".txt", "text/plain", ("file " + i).getBytes());
            }
        }
    }

    @Test
    void aPageCostsTheSameNumberOfStatementsWhateverItsSize() {
        long small = statements(5);
        long large = statements(50);
        assertThat(large).as("statements for 50 rows vs 5 rows").isEqualTo(small);
        // page (with messages and formFields) + count + visitor + attachments
        assertThat(large).isLessThanOrEqualTo(4);
    }

    @Test
    void singleTranscriptReadIsAFixedCostToo() {
        String id = Api.ok(agent, "{ transcripts(first: 1) { edges { node { id } } } }").getString("data.transcripts.edges[0].node.id");
        double before = sql.statementCount();
        JsonPath read = Fixtures.read(agent, id);
        long used = Math.round(sql.statementCount() - before);
        assertThat(read.getList("data.transcript.messages")).hasSize(2);
        // transcript (with messages and formFields) + visitor + attachments
        assertThat(used).isLessThanOrEqualTo(3);
    }

    private long statements(int pageSize) {
        double before = sql.statementCount();
        JsonPath page = Api.ok(agent, PAGE, Map.of("n", pageSize));
        long used = Math.round(sql.statementCount() - before);
        assertThat(page.getList("data.transcripts.edges")).hasSize(pageSize);
        assertThat(page.getList("data.transcripts.edges.node.messages.flatten()")).hasSize(2 * pageSize);
        assertThat(page.getList("data.transcripts.edges.node.visitor.visitorKey", String.class)).doesNotContainNull().hasSize(pageSize);
        assertThat(page.getList("data.transcripts.edges.node.formFields.flatten()")).hasSize(pageSize / 5);
        assertThat(page.getList("data.transcripts.edges.node.attachments.flatten()")).hasSize(pageSize / 5);
        return used;
    }
}
