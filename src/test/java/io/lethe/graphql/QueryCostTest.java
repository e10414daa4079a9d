package io.lethe.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import graphql.introspection.IntrospectionQuery;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.scalars.ExtendedScalars;

/** The cost model on the public contract's schema, without a server. */
class QueryCostTest {
    static GraphQLSchema schema;

    @BeforeAll
    static void contract() throws IOException {
        try (InputStream in = QueryCostTest.class.getResourceAsStream("/api-contract.graphql")) {
            String sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    + "\nscalar DateTime\nextend type Subscription { jobs: [RedactionJob!]! }\n"
                    + "extend type Visitor { consentEvents: [ConsentEvent!]! }\n";
            TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
            schema = new SchemaGenerator().makeExecutableSchema(types,
                    RuntimeWiring.newRuntimeWiring().scalar(ExtendedScalars.DateTime).build());
        }
    }

    static QueryCost.Price price(String document, Map<String, Object> variables) {
        Document parsed = Parser.parse(document);
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        parsed.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.putIfAbsent(f.getName(), f));
        OperationDefinition operation = parsed.getDefinitionsOfType(OperationDefinition.class).get(0);
        return QueryCost.of(schema, operation, fragments, variables, 50, 200);
    }

    static QueryCost.Price price(String document) {
        return price(document, Map.of());
    }

    static String fragmentBomb(int levels) {
        StringBuilder query = new StringBuilder("query{...F" + levels + "} fragment F0 on Query{retentionPolicy{redactAfterDays}}");
        for (int i = 1; i <= levels; i++) {
            query.append(" fragment F").append(i).append(" on Query{...F").append(i - 1).append(" ...F").append(i - 1).append('}');
        }
        return query.toString();
    }

    @Test
    void fieldsCountAfterFragmentExpansionWithoutExpanding() {
        long leaf = 1 + QueryCost.ROOT + 1; // retentionPolicy { redactAfterDays }
        assertThat(price(fragmentBomb(0)).cost()).isEqualTo(leaf);
        assertThat(price(fragmentBomb(10)).cost()).isEqualTo(leaf << 10);
        long start = System.nanoTime();
        QueryCost.Price bomb = price(fragmentBomb(25));
        long micros = (System.nanoTime() - start) / 1000;
        assertThat(bomb.cost()).isEqualTo(leaf << 25);
        assertThat(bomb.depth()).isEqualTo(2);
        assertThat(micros).as("priced in %d µs", micros).isLessThan(200_000);
        // far beyond 2^63: saturates instead of wrapping round to a small or negative price
        assertThat(price(fragmentBomb(100)).cost()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aliasesCountAndTextSearchAndCountsWeighMore() {
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            aliases.append(" a").append(i).append(": transcripts(filter: {text: \"refund\"}) { totalCount }");
        }
        QueryCost.Price fifty = price(aliases.append('}').toString());
        long one = price("{ transcripts(filter: {text: \"refund\"}) { totalCount } }").cost();
        assertThat(one).isEqualTo(1 + QueryCost.ROOT + QueryCost.TEXT_SEARCH + QueryCost.COUNT);
        assertThat(fifty.cost()).isEqualTo(50 * one).isGreaterThan(10_000);
        // the same search through a variable, whole filter or just its text
        assertThat(price("query($f: TranscriptFilter) { transcripts(filter: $f) { totalCount } }",
                Map.of("f", Map.of("text", "refund"))).cost()).isEqualTo(one);
        assertThat(price("query($t: String) { transcripts(filter: {text: $t}) { totalCount } }",
                Map.of("t", "refund")).cost()).isEqualTo(one);
        // no text: no search weight
        assertThat(price("query($t: String) { transcripts(filter: {text: $t}) { totalCount } }").cost())
                .isEqualTo(1 + QueryCost.ROOT + QueryCost.COUNT);
    }

    @Test
    void listsMultiplyByTheirPageSize() {
        // edges: the connection's `first`; each edge holds node and its id: 2 units
        assertThat(price("{ transcripts(first: 20) { edges { node { id } } } }").cost()).isEqualTo(1 + QueryCost.ROOT + 1 + 20 * 2);
        // default page size
        assertThat(price("{ transcripts { edges { node { id } } } }").cost()).isEqualTo(1 + QueryCost.ROOT + 1 + 50 * 2);
        // variables, and their defaults
        assertThat(price("query($n: Int) { transcripts(first: $n) { edges { node { id } } } }", Map.of("n", 5)).cost())
                .isEqualTo(1 + QueryCost.ROOT + 1 + 5 * 2);
        assertThat(price("query($n: Int = 7) { transcripts(first: $n) { edges { node { id } } } }").cost())
                .isEqualTo(1 + QueryCost.ROOT + 1 + 7 * 2);
        // capped at the largest page the API serves
        assertThat(price("{ transcripts(first: 100000) { edges { node { id } } } }").cost())
                .isEqualTo(1 + QueryCost.ROOT + 1 + 200 * 2);
        // nested lists multiply: 20 transcripts x 10 messages x 2 fields
        long messages = 1 + QueryCost.UNBOUNDED_LIST * 2;
        assertThat(price("{ transcripts(first: 20) { edges { node { messages { seq body } } } } }").cost())
                .isEqualTo(1 + QueryCost.ROOT + 1 + 20 * (1 + messages));
    }

    @Test
    void depthIsMeasuredAfterExpansion() {
        assertThat(price("{ transcripts { totalCount } }").depth()).isEqualTo(2);
        assertThat(price("query { ...A } fragment A on Query { transcripts { ...B } }"
                + " fragment B on TranscriptConnection { edges { node { visitor { id } } } }").depth()).isEqualTo(5);
        // introspection adds no depth and costs one unit a field, lists or not
        QueryCost.Price introspection = price(IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(introspection.depth()).isZero();
        assertThat(introspection.cost()).isBetween(50L, 2000L);
    }

    @Test
    void mutationsSeveralRootFieldsAndSubscriptions() {
        assertThat(price("mutation { a: endTranscript(transcriptId: \"1\") { id } b: endTranscript(transcriptId: \"2\") { id } }").cost())
                .isEqualTo(2 * (1 + QueryCost.ROOT + 1));
        assertThat(price("{ retentionPolicy { redactAfterDays } auditLog(first: 10) { totalCount } }").cost())
                .isEqualTo((1 + QueryCost.ROOT + 1) + (1 + QueryCost.ROOT + QueryCost.COUNT));
        assertThat(price("subscription { jobs { id status } }").cost()).isEqualTo(1 + QueryCost.ROOT + QueryCost.UNBOUNDED_LIST * 2);
    }

    @Test
    void cyclesAndUnknownNamesNeitherLoopNorOverflow() {
        assertThat(price("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }").cost()).isZero();
        assertThat(price("query { ...A } fragment A on Query { retentionPolicy { redactAfterDays } ...A }").cost())
                .isEqualTo(1 + QueryCost.ROOT + 1);
        assertThat(price("query { ...Missing nope { x { y } } }").cost()).isEqualTo(3);
        // a chain of fragments longer than any real document: refused, not a stack overflow
        StringBuilder chain = new StringBuilder("query { ...C0 }");
        for (int i = 0; i < 1500; i++) {
            chain.append(" fragment C").append(i).append(" on Query { ...C").append(i + 1).append(" }");
        }
        chain.append(" fragment C1500 on Query { retentionPolicy { redactAfterDays } }");
        assertThatThrownBy(() -> price(chain.toString())).isInstanceOf(QueryCost.TooDeeplyNested.class);
    }

    @Test
    void theReadmeReadsFitTheDefaultBudget() {
        String agentRead = "{ transcripts(filter: {email: \"GWEN@example.net\"}, first: 10) { totalCount edges { cursor node {"
                + " id startedAt visitor { visitorKey name email } messages { seq sender body } formFields { name value }"
                + " attachments { fileName size destroyed } } } pageInfo { hasNextPage endCursor } } }";
        assertThat(price(agentRead).cost()).isLessThan(10_000);
        assertThat(price("{ redactionJobs(first: 5) { edges { node { id kind status transcriptsRedacted messagesRedacted"
                + " valuesRedacted filesDestroyed transcriptsSkipped } } } }").cost()).isLessThan(10_000);
        assertThat(price("{ auditLog(first: 20) { edges { node { at actor action targetType targetId hash } } } }").cost())
                .isLessThan(10_000);
    }

    @Test
    void fragmentsArePricedInTheirContext() {
        // the same fragment under two page sizes is priced for each
        String document = "query { a: transcripts(first: 2) { ...E } b: transcripts(first: 40) { ...E } }"
                + " fragment E on TranscriptConnection { edges { node { id } } }";
        assertThat(price(document).cost()).isEqualTo((1 + QueryCost.ROOT + 1 + 2 * 2) + (1 + QueryCost.ROOT + 1 + 40 * 2));
    }
}
