package io.lethe.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.lethe.graphql.ErrorCodes;
import io.lethe.api.NotFoundException;

/**
 * The error paths the API tests cannot provoke on purpose (a failure outside the API boundary, a
 * resolver wrongly returning null): they still get a code, and never the original message.
 */
class ErrorCodesTest {

    @Test
    void failuresOutsideTheApiBoundaryBecomeInternalWithoutTheirMessage() {
        var leaky = new ExceptionWhileDataFetching(ResultPath.parse("/transcripts"),
                new IllegalStateException("duplicate key value (email)=(alice@example.com)"), new SourceLocation(1, 3));
        GraphQLError error = only(ErrorCodes.withCodes(result(leaky)));
        assertThat(error.getExtensions()).containsEntry("code", "INTERNAL");
        assertThat(error.getMessage()).isEqualTo("internal error");
        assertThat(error.getPath()).containsExactly("transcripts");
    }

    @Test
    void apiExceptionsKeepTheirErrorAndCode() {
        var notFound = new ExceptionWhileDataFetching(ResultPath.parse("/endTranscript"),
                new java.util.concurrent.CompletionException(new NotFoundException("transcript not found")), new SourceLocation(1, 12));
        assertThat(only(ErrorCodes.withCodes(result(notFound)))).isSameAs(notFound);
    }

    @Test
    void aNullWhereTheSchemaPromisesAValueIsInternal() {
        GraphQLError nonNull = GraphqlErrorBuilder.newError().message("The field at path '/transcripts/edges[0]/node/visitor' ...")
                .errorType(ErrorType.NullValueInNonNullableField).path(List.of("transcripts", "edges", 0, "node", "visitor")).build();
        GraphQLError error = only(ErrorCodes.withCodes(result(nonNull)));
        assertThat(error.getExtensions()).containsEntry("code", "INTERNAL");
    }

    @Test
    void aRejectedArgumentHidesItsConsequentialNullAndItsEcho() {
        GraphQLError conversion = ValidationError.newValidationError().validationErrorType(ValidationErrorType.WrongType)
                .sourceLocation(new SourceLocation(1, 40)).queryPath(List.of("startTranscript"))
                .description("argument 'input' with value 'StringValue{value='{\"visitorKey\": \"secret\", \"startedAt\": \"x\"}'}'"
                        + " is not a valid 'Unknown Scalar Type [io.lethe.transcript.StartTranscriptInput]'")
                .build();
        GraphQLError consequence = GraphqlErrorBuilder.newError().message("non null").errorType(ErrorType.NullValueInNonNullableField)
                .path(List.of("startTranscript")).build();
        ExecutionResult coded = ErrorCodes.withCodes(result(conversion, consequence));
        GraphQLError error = only(coded);
        assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        assertThat(error.getMessage()).contains("`input`").doesNotContain("secret").doesNotContain("io.lethe");
    }

    @Test
    void resultsWithoutErrorsAreUntouched() {
        ExecutionResult ok = ExecutionResultImpl.newExecutionResult().data(Map.of("a", 1)).build();
        assertThat(ErrorCodes.withCodes(ok)).isSameAs(ok);
    }

    private static ExecutionResult result(GraphQLError... errors) {
        return ExecutionResultImpl.newExecutionResult().errors(List.of(errors)).build();
    }

    private static GraphQLError only(ExecutionResult result) {
        assertThat(result.getErrors()).hasSize(1);
        return result.getErrors().get(0);
    }
}
