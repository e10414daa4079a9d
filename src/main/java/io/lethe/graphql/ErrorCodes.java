package io.lethe.graphql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.spi.EventingService;

/**
 * Gives every GraphQL error an {@code extensions.code} and a message in plain words. Resolver
 * failures already carry a code (an {@link ApiException} with {@code @ErrorCode}); what
 * graphql-java and SmallRye report around the resolvers does not: validation of the document,
 * variable coercion, argument conversion, query depth/complexity limits and non-null violations.
 * Clients branch on the code, so none may lack it; people read the message, so it is rewritten
 * ({@link ErrorMessages}) and never names Java classes or echoes values.
 * Registered with SmallRye through META-INF/services (io.smallrye.graphql.spi.EventingService).
 */
public class ErrorCodes implements EventingService {
    private static final Logger LOG = Logger.getLogger(ErrorCodes.class);
    static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    static final String INTERNAL = "INTERNAL";

    /** No config key: SmallRye always enables the service (CDI events would need events.enabled and fire per call). */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // The builder has no getter: build once to read what SmallRye configured (its query cache,
        // its schema) and add after it the query guard (cost, depth, mutation roles), our result codes
        // and the delivery of subscription errors, called once per request (not per field); parsed
        // documents come from our cache, which RequestCheck consults too; plain and batch fields get
        // fetchers without SmallRye's per-field context copy.
        GraphQL configured = builder.build();
        return builder.schema(FieldFetchers.rewire(configured.getGraphQLSchema(), Arc.container().instance(Schema.class).get()))
                .instrumentation(new RequestInstrumentation(configured.getInstrumentation(), QueryGuard.guard(), new Coding(),
                        new SubscriptionErrors()))
                .preparsedDocumentProvider(DocumentCache.instance());
    }

    /** Checks variables before the operation runs and codes every error of the result. */
    static final class Coding implements Instrumentation {
        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            List<GraphQLError> problems = VariableCheck.check(context.getOperationDefinition(),
                    context.getExecutionInput().getVariables(), context.getGraphQLSchema());
            if (!problems.isEmpty()) {
                throw new AbortExecutionException(problems);
            }
            return null;
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            return CompletableFuture.completedFuture(withCodes(result, parameters.getSchema()));
        }
    }

    public static ExecutionResult withCodes(ExecutionResult result) {
        return withCodes(result, null);
    }

    public static ExecutionResult withCodes(ExecutionResult result, GraphQLSchema schema) {
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
            out.add(withCode(error, schema));
        }
        return result.transform(builder -> builder.errors(out));
    }

    private static GraphQLError withCode(GraphQLError error, GraphQLSchema schema) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            Throwable failure = fetching.getException();
            // an ApiException gets its code from @ErrorCode (error-extension-fields includes "code")
            if (ApiErrors.isApiException(failure)) {
                // SmallRye shows the exception's own message (show-runtime-exception-message)
                return ErrorMessages.isClean(ApiErrors.translate(failure).getMessage()) ? error
                        : coded(error, "internal error", INTERNAL);
            }
            if (isCoercion(failure)) {
                String field = error.getPath() == null || error.getPath().isEmpty() ? null
                        : String.valueOf(error.getPath().get(error.getPath().size() - 1));
                return coded(error, "An argument" + (field == null ? "" : " of `" + field + "`")
                        + " has a value its type does not accept (Int is a whole number from -2147483648 to 2147483647)",
                        BAD_USER_INPUT);
            }
            // only the type: messages may carry PII
            LOG.errorf("internal error outside the API boundary: %s", failure.getClass().getName());
            return coded(error, "internal error", INTERNAL);
        }
        if (error.getExtensions() != null && error.getExtensions().get("code") != null) {
            return ErrorMessages.isClean(error.getMessage()) ? error
                    : coded(error, "the request is not valid for this API", String.valueOf(error.getExtensions().get("code")));
        }
        ErrorClassification type = error.getErrorType();
        if (type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax || type == ErrorType.ExecutionAborted
                || type == ErrorType.OperationNotSupported) {
            List<String> queryPath = error instanceof ValidationError validation ? validation.getQueryPath() : null;
            return coded(error, ErrorMessages.rewrite(error.getMessage(), queryPath, schema), BAD_USER_INPUT);
        }
        return coded(error, "internal error", INTERNAL);
    }

    private static boolean isCoercion(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CoercingParseLiteralException || c instanceof CoercingParseValueException) {
                return true;
            }
        }
        return false;
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
