package io.lethe.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphQLOperationsTest {

    @Test
    void queriesShareASnapshot() {
        assertThat(GraphQLOperations.isQuery("{ transcripts { totalCount } }", null)).isTrue();
        assertThat(GraphQLOperations.isQuery("query Q($id: ID!) { transcript(id: $id) { id } }", null)).isTrue();
        // the word alone does not make a mutation
        assertThat(GraphQLOperations.isQuery("query { transcripts(filter: {text: \"mutation\"}) { totalCount } }", null)).isTrue();
    }

    @Test
    void mutationsAndUnclearRequestsDoNot() {
        assertThat(GraphQLOperations.isQuery("mutation { endTranscript(transcriptId: \"x\") { id } }", null)).isFalse();
        assertThat(GraphQLOperations.isQuery("subscription { jobs { id } }", null)).isFalse();
        assertThat(GraphQLOperations.isQuery(null, null)).isFalse();
        assertThat(GraphQLOperations.isQuery("  ", null)).isFalse();
        assertThat(GraphQLOperations.isQuery("mutation {", null)).isFalse();
    }

    @Test
    void theNamedOperationDecides() {
        String both = "query Read { transcripts { totalCount } } mutation Write { endTranscript(transcriptId: \"x\") { id } }";
        assertThat(GraphQLOperations.isQuery(both, "Read")).isTrue();
        assertThat(GraphQLOperations.isQuery(both, "Write")).isFalse();
        assertThat(GraphQLOperations.isQuery(both, null)).as("ambiguous").isFalse();
        assertThat(GraphQLOperations.isQuery(both, "Other")).isFalse();
    }
}
