package io.lethe.graphql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.lethe.api.ApiErrors;
import io.lethe.api.ApiException;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;
import io.smallrye.graphql.spi.EventingService;

/**
 * Gives every GraphQL error an {@code extensions.code}. Resolver failures already carry one (an
 * {@link ApiException} with {@code @ErrorCode}); what graphql-java and SmallRye report around the
 * resolvers does not: validation of the document, variable coercion, argument conversion, query
 * depth/complexity limits and non-null violations. Clients branch on the code, so none may lack it.
 * Registered with SmallRye through META-INF/services (io.smallrye.graphql.spi.EventingService).
 */
public class ErrorCodes implements EventingService {
    private static final Logger LOG = Logger.getLogger(ErrorCodes.class);
    static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    static final String INTERNAL = "INTERNAL";

    /** SmallRye's message for an argument it cannot convert; it echoes the whole input and Java class names. */
    private static final Pattern CONVERSION = Pattern.compile("argument '([^']*)' with value .* is not a valid '.*",
            Pattern.DOTALL);

    /** No config key: SmallRye always enables the service (CDI events would need events.enabled and fire per call). */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // The builder has no getter: build once to read what SmallRye configured (its query cache)
        // and chain after it the query guard (cost, depth, mutation roles) and our result codes.
        Instrumentation configured = builder.build().getInstrumentation();
        return builder.instrumentation(new ChainedInstrumentation(configured, QueryGuard.instrumentation(), new Instrumentation() {
            @Override
            public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                    InstrumentationExecutionParameters parameters, InstrumentationState state) {
                return CompletableFuture.completedFuture(withCodes(result));
            }
        }));
    }

    public static ExecutionResult withCodes(ExecutionResult result) {
        List<GraphQLError> errors = result.getErrors();
        if (errors == null || errors.isEmpty()) {
            return result;
        }
        // SmallRye reports an argument it could not convert as a validation error and returns null,
        // so graphql-java adds a non-null violation for the same field: only a consequence, drop it.
        Set<String> rejectedFields = new HashSet<>();
        for (GraphQLError error : errors) {
            if (error instanceof ValidationError validation && validation.getQueryPath() != null) {
                rejectedFields.add(validation.getQueryPath().toString());
            }
        }
        List<GraphQLError> out = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            if (error.getErrorType() == ErrorType.NullValueInNonNullableField && error.getPath() != null
                    && rejectedFields.contains(error.getPath().toString())) {
                continue;
            }
            out.add(withCode(error));
        }
        return result.transform(builder -> builder.errors(out));
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            // an ApiException gets its code from @ErrorCode (error-extension-fields includes "code")
            if (ApiErrors.isApiException(fetching.getException())) {
                return error;
            }
            // only the type: messages may carry PII
            LOG.errorf("internal error outside the API boundary: %s", fetching.getException().getClass().getName());
            return coded(error, "internal error", INTERNAL);
        }
        if (error.getExtensions() != null && error.getExtensions().get("code") != null) {
            return error;
        }
        ErrorClassification type = error.getErrorType();
        if (type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax || type == ErrorType.ExecutionAborted
                || type == ErrorType.OperationNotSupported) {
            String message = error.getMessage();
            Matcher conversion = CONVERSION.matcher(message == null ? "" : message);
            if (conversion.matches()) {
                message = "argument '" + conversion.group(1) + "' has a value of the wrong type"
                        + " (DateTime values are ISO-8601 with an offset, e.g. 2026-01-31T10:15:30Z)";
            }
            return coded(error, message, BAD_USER_INPUT);
        }
        return coded(error, "internal error", INTERNAL);
    }

    private static GraphQLError coded(GraphQLError error, String message, String code) {
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError().message("%s", message)
                .errorType(error.getErrorType())
                .extensions(Map.of("code", code, "classification", String.valueOf(error.getErrorType())));
        if (error.getLocations() != null) {
            builder.locations(error.getLocations());
        }
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }
}
