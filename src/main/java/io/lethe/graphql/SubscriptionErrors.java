package io.lethe.graphql;

import java.util.concurrent.CompletableFuture;

import org.reactivestreams.Publisher;

import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;

/**
 * Subscription failures that reach the client. SmallRye turns a failed stream into an event with
 * the error and no data; for a non-null subscription field graphql-java then fails the whole
 * stream, and the WebSocket handler only prints that, so the client would wait forever. Here the
 * first event decides: an error there (not found, forbidden) fails the subscription as a whole,
 * which graphql-transport-ws answers with an `error` message carrying the coded errors; an error
 * event later ends the stream with `complete` (resolvers retry what is transient themselves).
 */
final class SubscriptionErrors implements Instrumentation {

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        boolean subscriptionRoot = parameters.getExecutionContext().getOperationDefinition()
                .getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                && parameters.getExecutionStepInfo().getPath().getLevel() == 1;
        if (!subscriptionRoot) {
            return dataFetcher;
        }
        return environment -> {
            Object fetched = dataFetcher.get(environment);
            return fetched instanceof Publisher<?> publisher ? firstEventDecides(publisher) : fetched;
        };
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> firstEventDecides(Publisher<?> publisher) {
        CompletableFuture<Object> first = new CompletableFuture<>();
        // one subscription to the resolver's stream: events wait here until graphql-java subscribes
        UnicastProcessor<Object> events = UnicastProcessor.create();
        Multi.createFrom().publisher(AdaptersToFlow.publisher((Publisher<Object>) publisher))
                .onItem().invoke(first::complete)
                .onFailure().invoke(first::completeExceptionally)
                .onCompletion().invoke(() -> first.complete(null))
                .subscribe(events);
        return first.thenApply(event -> {
            if (isError(event)) {
                events.cancel();
                return event; // graphql-java reports its errors instead of starting the stream
            }
            return AdaptersToReactiveStreams.publisher(events.select().first(e -> !isError(e)));
        });
    }

    private static boolean isError(Object event) {
        return event instanceof DataFetcherResult<?> result && result.getData() == null && result.hasErrors();
    }
}
