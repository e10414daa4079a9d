package io.lethe.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lethe.support.Api;
import io.lethe.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Every operation is priced and, for mutations, permission-checked before anything runs: fragment
 * bombs, alias floods and over-deep documents are BAD_USER_INPUT in milliseconds, a mutation whose
 * result asks for a field the caller may not read writes nothing, and introspection tools still work.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryGuardTest {
    /** graphql-js' getIntrospectionQuery() with its defaults: what GraphiQL sends to load the schema. */
    static final String GRAPHIQL_INTROSPECTION = """
            query IntrospectionQuery {
              __schema {
                queryType { name }
                mutationType { name }
                subscriptionType { name }
                types { ...FullType }
                directives { name description locations args { ...InputValue } }
              }
            }
            fragment FullType on __Type {
              kind name description
              fields(includeDeprecated: true) {
                name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
              }
              inputFields { ...InputValue }
              interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
              possibleTypes { ...TypeRef }
            }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
            fragment TypeRef on __Type {
              kind name
              ofType { kind name ofType { kind name ofType { kind name ofType { kind name
                ofType { kind name ofType { kind name ofType { kind name } } } } } } }
            }
            """;

    @Inject
    Pool pool;

    @Inject
    QueryGuard guard;

    private String tenant;
    private String agent;
    private String ingest;

    @BeforeEach
    void seed() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant();
        agent = Api.token(tenant, "agent");
        ingest = Api.token(tenant, "ingest");
        Fixtures.start(ingest, "guard-seed");
    }

    static String fragmentBomb(int levels) {
        return QueryCostTest.fragmentBomb(levels);
    }

    static String textSearchAliases(int count) {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            query.append(" a").append(i).append(": transcripts(filter: {text: \"refund ").append(i).append("\"}) { totalCount }");
        }
        return query.append(" }").toString();
    }

    @Test
    void aFragmentBombIsRejectedInMillisecondsForEveryRole() {
        for (String token : List.of(ingest, agent, Api.token(tenant, "privacy-admin"), Api.token(tenant))) {
            long start = System.nanoTime();
            JsonPath json = Api.errors(token, fragmentBomb(25), Map.of());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("answered in %d ms", millis).isLessThan(2000);
            assertThat(json.getList("errors.extensions.code", String.class)).containsExactly("BAD_USER_INPUT");
            assertThat(json.getString("errors[0].message")).isEqualTo("this query would cost " + (12L << 25)
                    + " units; the limit is 10000 — ask for fewer fields or smaller pages");
            assertThat(json.getString("data")).isNull();
        }
        // and the service still answers
        assertThat(Api.ok(agent, "{ transcripts { totalCount } }").getInt("data.transcripts.totalCount")).isEqualTo(1);
    }

    @Test
    void aliasFloodsOfTextSearchesAreRejectedBeforeTheyRun() {
        long start = System.nanoTime();
        JsonPath json = Api.errors(agent, textSearchAliases(50), Map.of());
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        assertThat(Fixtures.code(json)).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getString("errors[0].message")).startsWith("this query would cost ").contains("the limit is 10000");
        // one search is an ordinary request
        Api.ok(agent, textSearchAliases(1));
    }

    @Test
    void pageSizesComeFromTheRequestsVariablesEvenForACachedDocument() {
        String page = "query($n: Int) { transcripts(first: $n) { edges { node { " + Fixtures.TRANSCRIPT_FIELDS + " } } } }";
        // the same document, cached after its first (valid) run, is priced again with each request's variables
        Api.ok(agent, page, Map.of("n", 5));
        JsonPath big = Api.errors(agent, page, Map.of("n", 200));
        assertThat(Fixtures.code(big)).isEqualTo("BAD_USER_INPUT");
        assertThat(big.getString("errors[0].message")).startsWith("this query would cost ");
        Api.ok(agent, page, Map.of("n", 5));
        // the default page (50) with every field fits
        Api.ok(agent, "{ transcripts { totalCount edges { cursor node { " + Fixtures.TRANSCRIPT_FIELDS + " } } } }");
    }

    @Test
    void depthIsMeasuredAfterFragmentExpansion() {
        // 13 levels, though no fragment in the document nests more than 6
        String deep = "query { ...Q } fragment Q on Query { visitors { edges { node { ...V } } } }"
                + " fragment V on Visitor { consentEvents { visitor { consentEvents { visitor { ...W } } } } }"
                + " fragment W on Visitor { consentEvents { visitor { consentEvents { visitor { consentEvents { id } } } } } }";
        JsonPath json = Api.errors(Api.token(tenant, "privacy-admin"), deep, Map.of());
        assertThat(Fixtures.code(json)).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getString("errors[0].message"))
                .isEqualTo("this query nests fields 13 levels deep; the limit is 12 — ask for fewer nested fields");
    }

    @Test
    void cyclesAndUnusedFragmentsAreValidationErrorsNotHangs() {
        for (String document : List.of("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
                "query { retentionPolicy { redactAfterDays } } " + fragmentBomb(25).substring(fragmentBomb(25).indexOf("fragment")))) {
            long start = System.nanoTime();
            JsonPath json = Api.errors(agent, document, Map.of());
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
            assertThat(json.getList("errors.extensions.code", String.class)).contains("BAD_USER_INPUT").containsOnly("BAD_USER_INPUT");
        }
    }

    @Test
    void introspectionToolsPassTheLimits() {
        JsonPath schema = Api.ok(agent, GRAPHIQL_INTROSPECTION);
        assertThat(schema.getList("data.__schema.types.name", String.class)).contains("Transcript", "Visitor");
        assertThat(schema.getString("data.__schema.mutationType.name")).isEqualTo("Mutation");
        // and introspection is priced too: a bomb inside __schema is still a bomb
        String bomb = "query { __schema { ...S25 } } fragment S0 on __Schema { queryType { name } }"
                + java.util.stream.IntStream.rangeClosed(1, 25)
                        .mapToObj(i -> " fragment S" + i + " on __Schema { ...S" + (i - 1) + " ...S" + (i - 1) + " }")
                        .reduce("", String::concat);
        assertThat(Fixtures.code(Api.errors(agent, bomb, Map.of()))).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void aMutationWhoseResultTheCallerMayNotReadWritesNothing() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String mutation = "mutation { startTranscript(input: {visitorKey: \"k\"}) { id visitor { consentEvents { id } } } }";
        JsonPath json = Api.errors(ingest, mutation, Map.of());
        assertThat(json.getList("errors.extensions.code", String.class)).containsExactly("FORBIDDEN");
        assertThat(json.getString("errors[0].message")).isEqualTo("this operation selects Visitor.consentEvents,"
                + " which needs the role auditor or privacy-admin; nothing was run");
        assertThat(json.getString("data")).isNull();
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
        // the same through a fragment spread
        String viaFragment = "mutation { startTranscript(input: {visitorKey: \"k\"}) { ...T } }"
                + " fragment T on Transcript { id visitor { ...V } } fragment V on Visitor { consentEvents { id } }";
        assertThat(Fixtures.code(Api.errors(ingest, viaFragment, Map.of()))).isEqualTo("FORBIDDEN");
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
        // a caller holding one of the roles gets the whole result
        String both = Api.token(tenant, "ingest", "auditor");
        assertThat(Api.ok(both, mutation).getList("data.startTranscript.visitor.consentEvents")).isEmpty();
        assertThat(Fixtures.count(pool, "select count(*) from transcript where tenant_id = $1", tenant)).isEqualTo(1);
    }

    @Test
    void rolesAreReadFromTheResolversOfTheSchema() {
        FieldRoles roles = guard.roles();
        assertThat(roles.of("Visitor", "consentEvents")).isEqualTo(Set.of("privacy-admin", "auditor"));
        assertThat(roles.of("Query", "consentEvents")).isEqualTo(Set.of("privacy-admin", "auditor"));
        assertThat(roles.of("Mutation", "startTranscript")).isEqualTo(Set.of("ingest")); // from the class
        assertThat(roles.of("Mutation", "requestErasure")).isEqualTo(Set.of("privacy-admin"));
        assertThat(roles.of("Query", "auditLog")).isEqualTo(Set.of("auditor", "privacy-admin"));
        assertThat(roles.of("Transcript", "messages")).isNull();
        assertThat(roles.of("Visitor", "consents")).isNull();
    }
}
