package io.lethe.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** The rewriting of graphql-java's and SmallRye's messages, one known shape at a time. */
class ErrorMessagesTest {
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { transcripts(first: Int, filter: TranscriptFilter): TranscriptConnection! transcript(id: ID!): Transcript }
            type TranscriptConnection { totalCount: Int! edges: [TranscriptEdge!]! }
            type TranscriptEdge { node: Transcript! }
            type Transcript { id: ID! visitor: Visitor visitorId: ID startedAt: String }
            type Visitor { id: ID! email: String }
            input TranscriptFilter { email: String text: String }
            enum RequestType { ACCESS ERASURE }
            """), RuntimeWiring.newRuntimeWiring().build());

    @Test
    void unknownFieldsSuggestTheClosestNames() {
        assertThat(ErrorMessages.rewrite("Validation error (FieldUndefined@[transcripts/edges/node/visitr]) : Field 'visitr' in"
                + " type 'Transcript' is undefined", List.of("transcripts", "edges", "node", "visitr"), SCHEMA))
                .isEqualTo("Unknown field `visitr` on `Transcript`; did you mean `visitor` or `visitorId`?");
        assertThat(ErrorMessages.rewrite("Validation error (FieldUndefined@[transcripts/zzzzzz]) : Field 'zzzzzz' in type"
                + " 'TranscriptConnection' is undefined", List.of("transcripts", "zzzzzz"), SCHEMA))
                .isEqualTo("Unknown field `zzzzzz` on `TranscriptConnection`");
    }

    @Test
    void unknownArgumentsAreLookedUpAlongTheQueryPath() {
        assertThat(ErrorMessages.rewrite("Validation error (UnknownArgument@[transcripts]) : Unknown field argument 'frist'",
                List.of("transcripts"), SCHEMA)).isEqualTo("Unknown argument `frist` on field `transcripts`; did you mean `first`?");
    }

    @Test
    void astDumpsAndJavaTypesAreReplacedByTypeDescriptions() {
        String enumError = ErrorMessages.rewrite("Validation error (WrongType@[x]) : argument 'input.type' with value"
                + " 'EnumValue{name='NOPE'}' is not a valid 'RequestType' - Literal value not in allowable values for enum"
                + " 'RequestType' - 'EnumValue{name='NOPE'}'", List.of("x"), SCHEMA);
        assertThat(enumError).isEqualTo("Argument `input.type` must be one of ACCESS, ERASURE (`RequestType`)");
        String extra = ErrorMessages.rewrite("Validation error (WrongType@[transcripts]) : argument 'filter' with value"
                + " 'ObjectValue{objectFields=[ObjectField{name='emial', value=StringValue{value='alice@example.com'}}]}'"
                + " contains a field not in 'TranscriptFilter': 'emial'", List.of("transcripts"), SCHEMA);
        assertThat(extra).isEqualTo("`TranscriptFilter` has no field `emial` (in argument `filter`); did you mean `email`?")
                .doesNotContain("alice");
        assertThat(ErrorMessages.rewrite("Variable 'f' has an invalid value: SRGQL000013: Expected type [Int] but was [ArrayList].",
                null, SCHEMA)).isEqualTo("Variable `$f` must be a whole number (Int, -2147483648 to 2147483647), not a list");
        assertThat(ErrorMessages.rewrite("Variable 'i' has an invalid value: Expected a String input, but it was a 'BigDecimal'",
                null, SCHEMA)).isEqualTo("Variable `$i` has a value that must be a string but is a number");
    }

    @Test
    void smallRyeConversionErrorsNameTheArgumentNotTheValue() {
        String message = ErrorMessages.rewrite("argument 'first' with value 'StringValue{value='alice'}' is not a valid"
                + " 'Unknown Scalar Type [java.lang.Integer]'", List.of("transcripts"), SCHEMA);
        assertThat(message).startsWith("Argument `first` has a value of the wrong type: it must be a whole number")
                .doesNotContain("alice").doesNotContain("java");
    }

    @Test
    void unforeseenMessagesAreStrippedOfTheirPrefixOrReplacedWhenTheyLeak() {
        assertThat(ErrorMessages.rewrite("Validation error (UnusedFragment) : Unused fragment 'F'", null, SCHEMA))
                .isEqualTo("Unused fragment `F`");
        assertThat(ErrorMessages.rewrite("Something with java.lang.String inside", null, SCHEMA))
                .isEqualTo("The request is not valid for this API");
        assertThat(ErrorMessages.isClean("Field `x` needs the argument `id`")).isTrue();
        for (String leak : List.of("SRGQL000013: x", "ObjectValue{a}", "a [ArrayList]", "graphql.schema.X", "at io.lethe.X.y(X.java:1)")) {
            assertThat(ErrorMessages.isClean(leak)).as(leak).isFalse();
        }
    }

    @Test
    void editDistanceCountsTranspositionsAsOneEdit() {
        assertThat(ErrorMessages.distance("frist", "first")).isEqualTo(1);
        assertThat(ErrorMessages.distance("visitr", "visitor")).isEqualTo(1);
        assertThat(ErrorMessages.distance("", "abc")).isEqualTo(3);
        assertThat(ErrorMessages.didYouMean("emial", List.of("email", "text"))).isEqualTo("; did you mean `email`?");
        assertThat(ErrorMessages.didYouMean("zzz", List.of("email", "text"))).isEmpty();
    }
}
