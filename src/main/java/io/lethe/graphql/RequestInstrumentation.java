package io.lethe.graphql;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.ExecutionStrategyInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.smallrye.graphql.execution.QueryCache;

/**
 * The instrumentation of the GraphQL instance: SmallRye's own (its query cache), then
 * {@link QueryGuard}, {@link ErrorCodes.Coding} and {@link SubscriptionErrors}, called once per
 * request. A {@link ChainedInstrumentation} of them would also run for every field of every result
 * (begin/end of each fetch and completion, for each member): none of ours needs that, and SmallRye's
 * only while it has instrumentations besides its query cache (then its field hooks still run).
 */
final class RequestInstrumentation implements Instrumentation {
    private final Instrumentation smallrye;
    private final boolean smallryeFieldHooks;
    private final QueryGuard guard;
    private final ErrorCodes.Coding coding;
    private final SubscriptionErrors subscriptions;

    private record State(InstrumentationState smallrye, InstrumentationState guard) implements InstrumentationState {
    }

    RequestInstrumentation(Instrumentation smallrye, QueryGuard guard, ErrorCodes.Coding coding,
            SubscriptionErrors subscriptions) {
        this.smallrye = smallrye;
        this.smallryeFieldHooks = !onlyQueryCache(smallrye);
        this.guard = guard;
        this.coding = coding;
        this.subscriptions = subscriptions;
    }

    private static boolean onlyQueryCache(Instrumentation instrumentation) {
        if (instrumentation instanceof ChainedInstrumentation chained) {
            List<Instrumentation> members = chained.getInstrumentations();
            return members.stream().allMatch(RequestInstrumentation::onlyQueryCache);
        }
        return instrumentation == null || instrumentation instanceof QueryCache;
    }

    private static InstrumentationState smallrye(InstrumentationState state) {
        return state instanceof State known ? known.smallrye() : null;
    }

    private static InstrumentationState guard(InstrumentationState state) {
        return state instanceof State known ? known.guard() : null;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        CompletableFuture<InstrumentationState> first = smallrye == null ? CompletableFuture.completedFuture(null)
                : smallrye.createStateAsync(parameters);
        if (first == null) {
            first = CompletableFuture.completedFuture(null);
        }
        return first.thenCombine(guard.createStateAsync(parameters), State::new);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return smallrye == null ? null : smallrye.beginExecution(parameters, smallrye(state));
    }

    @Override
    public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return smallrye == null ? null : smallrye.beginParse(parameters, smallrye(state));
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        // SmallRye first, as before: its query cache takes the document it is about to keep
        InstrumentationContext<List<ValidationError>> context = smallrye == null ? null
                : smallrye.beginValidation(parameters, smallrye(state));
        guard.beginValidation(parameters, guard(state));
        return context;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        InstrumentationContext<ExecutionResult> context = smallrye == null ? null
                : smallrye.beginExecuteOperation(parameters, smallrye(state));
        guard.beginExecuteOperation(parameters, guard(state));
        coding.beginExecuteOperation(parameters, null);
        return context;
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return smallrye == null ? executionInput
                : smallrye.instrumentExecutionInput(executionInput, parameters, smallrye(state));
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return smallrye == null ? documentAndVariables
                : smallrye.instrumentDocumentAndVariables(documentAndVariables, parameters, smallrye(state));
    }

    @Override
    public GraphQLSchema instrumentSchema(GraphQLSchema schema, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return smallrye == null ? schema : smallrye.instrumentSchema(schema, parameters, smallrye(state));
    }

    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext executionContext,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return smallrye == null ? executionContext
                : smallrye.instrumentExecutionContext(executionContext, parameters, smallrye(state));
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult executionResult,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        CompletableFuture<ExecutionResult> result = smallrye == null ? CompletableFuture.completedFuture(executionResult)
                : smallrye.instrumentExecutionResult(executionResult, parameters, smallrye(state));
        return result.thenCompose(r -> coding.instrumentExecutionResult(r, parameters, null));
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        DataFetcher<?> fetcher = smallryeFieldHooks ? smallrye.instrumentDataFetcher(dataFetcher, parameters, smallrye(state))
                : dataFetcher;
        if (parameters.getExecutionContext().getOperationDefinition().getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            return fetcher;
        }
        return subscriptions.instrumentDataFetcher(fetcher, parameters, null);
    }

    // --- per-field and per-object hooks: only SmallRye's, and only when it has more than its cache ---

    @Override
    public ExecutionStrategyInstrumentationContext beginExecutionStrategy(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginExecutionStrategy(parameters, smallrye(state))
                : Instrumentation.super.beginExecutionStrategy(parameters, state);
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginExecuteObject(parameters, smallrye(state))
                : Instrumentation.super.beginExecuteObject(parameters, state);
    }

    @Override
    public InstrumentationContext<Object> beginDeferredField(InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginDeferredField(smallrye(state))
                : Instrumentation.super.beginDeferredField(state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginSubscribedFieldEvent(parameters, smallrye(state))
                : Instrumentation.super.beginSubscribedFieldEvent(parameters, state);
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginFieldExecution(parameters, smallrye(state))
                : Instrumentation.super.beginFieldExecution(parameters, state);
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginFieldFetch(parameters, smallrye(state))
                : Instrumentation.super.beginFieldFetch(parameters, state);
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginFieldFetching(parameters, smallrye(state))
                : Instrumentation.super.beginFieldFetching(parameters, state);
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginFieldCompletion(parameters, smallrye(state))
                : Instrumentation.super.beginFieldCompletion(parameters, state);
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return smallryeFieldHooks ? smallrye.beginFieldListCompletion(parameters, smallrye(state))
                : Instrumentation.super.beginFieldListCompletion(parameters, state);
    }
}
