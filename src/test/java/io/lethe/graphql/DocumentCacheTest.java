package io.lethe.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lethe.support.Api;
import io.lethe.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A document is parsed and validated once and then served from the document cache, whatever its
 * variables; the limits still apply to every request of a cached document, a rejected document is
 * never kept, and a syntax error is answered the same way every time.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentCacheTest {
    @Inject
    MeterRegistry metrics;

    @Inject
    DocumentCache documents;

    private String agent;
    private String first;
    private String second;

    @BeforeEach
    void seed() {
        if (agent != null) {
            return;
        }
        String tenant = Api.newTenant();
        agent = Api.token(tenant, "agent");
        String ingest = Api.token(tenant, "ingest");
        first = Fixtures.start(ingest, "doc-cache-1");
        second = Fixtures.start(ingest, "doc-cache-2");
    }

    private double count(String result) {
        return metrics.get("lethe.graphql.document.cache").tag("result", result).counter().count();
    }

    @Test
    void anotherVariableSetReusesTheParse() {
        String query = "query DocumentCacheReuse($id: ID!) { transcript(id: $id) { id visitor { visitorKey } } }";
        assertThat(documents.isKnown(query)).isFalse();
        double misses = count("miss");
        double hits = count("hit");
        assertThat(Api.ok(agent, query, Map.of("id", first)).getString("data.transcript.visitor.visitorKey"))
                .isEqualTo("doc-cache-1");
        assertThat(Api.ok(agent, query, Map.of("id", second)).getString("data.transcript.visitor.visitorKey"))
                .isEqualTo("doc-cache-2");
        assertThat(count("miss") - misses).as("parsed and validated").isEqualTo(1);
        assertThat(count("hit") - hits).as("served parsed").isEqualTo(1);
        assertThat(documents.isKnown(query)).isTrue();
    }

    @Test
    void theCostLimitAppliesToEveryRequestOfACachedDocument() {
        String page = "query DocumentCacheCost($n: Int) { transcripts(first: $n) { edges { node { "
                + Fixtures.TRANSCRIPT_FIELDS + " } } } }";
        Api.ok(agent, page, Map.of("n", 5));
        double misses = count("miss");
        for (int i = 0; i < 2; i++) {
            JsonPath big = Api.errors(agent, page, Map.of("n", 200));
            assertThat(Fixtures.code(big)).isEqualTo("BAD_USER_INPUT");
            assertThat(big.getString("errors[0].message")).startsWith("this query would cost ");
            assertThat(big.getString("data")).isNull();
            Api.ok(agent, page, Map.of("n", 5));
        }
        assertThat(count("miss") - misses).as("the document came from the cache each time").isZero();
    }

    @Test
    void aDocumentOverTheLimitsIsNeverKept() {
        String aliases = QueryGuardTest.textSearchAliases(50);
        double misses = count("miss");
        for (int i = 0; i < 2; i++) {
            assertThat(Fixtures.code(Api.errors(agent, aliases, Map.of()))).isEqualTo("BAD_USER_INPUT");
        }
        assertThat(count("miss") - misses).as("checked afresh each time").isEqualTo(2);
        assertThat(documents.isKnown(aliases)).isFalse();
    }

    @Test
    void aVariableFreeDocumentKeepsItsVerdictAndItsAnswer() {
        String query = "query DocumentCacheFixed { transcripts(first: 3) { edges { node { visitor { visitorKey } } } } }";
        JsonPath once = Api.ok(agent, query);
        JsonPath again = Api.ok(agent, query);
        assertThat(again.getList("data.transcripts.edges.node.visitor.visitorKey"))
                .isEqualTo(once.getList("data.transcripts.edges.node.visitor.visitorKey")).hasSize(2);
    }

    @Test
    void aSyntaxErrorIsAnsweredAlikeEveryTime() {
        String broken = "query DocumentCacheBroken { transcripts(first: 1) { edges { node { id } }";
        for (int i = 0; i < 2; i++) {
            JsonPath json = Api.errors(agent, broken, Map.of());
            assertThat(Fixtures.code(json)).isEqualTo("BAD_USER_INPUT");
            assertThat(json.getString("errors[0].extensions.classification")).isEqualTo("InvalidSyntax");
        }
        assertThat(documents.isKnown(broken)).isFalse();
    }
}
