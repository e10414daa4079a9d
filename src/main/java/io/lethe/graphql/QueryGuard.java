package io.lethe.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.lethe.api.LimitsConfig;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.schema.model.Schema;

/**
 * Checks every GraphQL operation before anything runs: its {@link QueryCost} price and depth against
 * {@link QueryLimits}, and for mutations the roles of every field it selects, so a mutation never
 * commits and then fails on a field of its result the caller may not read.
 * <p>
 * A new document is priced in {@code beginValidation}, before graphql-java validates it and
 * {@link DocumentCache} keeps it; a document served from that cache skips validation, so
 * {@code beginExecuteOperation} prices whatever was not priced yet (the variables may differ per
 * request) unless the operation passed before with a price that reads no variable. Both run before
 * graphql-java collects fields, which is where an unpriced fragment bomb would expand.
 */
@ApplicationScoped
public class QueryGuard implements Instrumentation {
    private final QueryLimits limits;
    private final LimitsConfig pages;
    private final CurrentIdentityAssociation identities;
    private final Schema model;
    private final GraphQLSchema schema;
    private volatile FieldRoles roles;
    /**
     * Operations (of cached documents: the same object every time) whose price fits the limits and
     * reads no variable, so it holds for every request of them; held weakly, by identity, so an
     * operation leaves with its document.
     */
    private final Cache<OperationDefinition, Boolean> passed = Caffeine.newBuilder().weakKeys().build();

    public QueryGuard(QueryLimits limits, LimitsConfig pages, CurrentIdentityAssociation identities, Schema model,
            GraphQLSchema schema) {
        this.limits = limits;
        this.pages = pages;
        this.identities = identities;
        this.model = model;
        this.schema = schema;
    }

    /** The guard SmallRye's GraphQL instance is built with (services loaded by SmallRye are not beans). */
    static QueryGuard guard() {
        return Arc.container().instance(QueryGuard.class).get();
    }

    void readRoles(@Observes StartupEvent event) {
        roles();
    }

    FieldRoles roles() {
        FieldRoles known = roles;
        if (known == null) {
            known = FieldRoles.from(model, schema.getQueryType().getName(),
                    schema.getMutationType() == null ? "Mutation" : schema.getMutationType().getName(),
                    schema.getSubscriptionType() == null ? "Subscription" : schema.getSubscriptionType().getName());
            roles = known;
        }
        return known;
    }

    /** Per request: the caller (resolved already by proactive authentication) and whether it was priced. */
    static final class State implements InstrumentationState {
        final SecurityIdentity identity;
        boolean priced;

        State(SecurityIdentity identity) {
            this.identity = identity;
        }
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        if (!Arc.container().requestContext().isActive()) {
            return CompletableFuture.completedFuture(new State(null));
        }
        return identities.getDeferredIdentity().subscribeAsCompletionStage().thenApply(State::new);
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        Document document = parameters.getDocument();
        Map<String, FragmentDefinition> fragments = fragments(document);
        String name = parameters.getExecutionInput().getOperationName();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (name == null || name.isEmpty() || name.equals(operation.getName())) {
                enforce(parameters.getSchema(), operation, fragments, parameters.getVariables());
            }
        }
        request(state).priced = true;
        return null;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        State request = request(state);
        if (!request.priced) {
            enforce(context.getGraphQLSchema(), context.getOperationDefinition(), context.getFragmentsByName(),
                    context.getCoercedVariables().toMap());
            request.priced = true;
        }
        OperationDefinition operation = context.getOperationDefinition();
        if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
            // a query may answer what it can and report the rest; a mutation must not write and then fail
            SecurityIdentity identity = request.identity;
            List<String> denied = roles().denied(context.getGraphQLSchema(), operation, context.getFragmentsByName(),
                    role -> identity != null && identity.hasRole(role));
            if (!denied.isEmpty() && (identity == null || identity.isAnonymous())) {
                // only a WebSocket gets here without a token (HTTP answered 401): it never sent one
                throw new AbortExecutionException(List.of(error("a valid bearer token is required: send"
                        + " {\"Authorization\": \"Bearer <token>\"} in the connection_init payload or the upgrade"
                        + " request's Authorization header; nothing was run", "UNAUTHENTICATED")));
            }
            if (!denied.isEmpty()) {
                List<GraphQLError> errors = new ArrayList<>();
                for (String field : denied) {
                    errors.add(error(forbidden(field), "FORBIDDEN"));
                }
                throw new AbortExecutionException(errors);
            }
        }
        return null;
    }

    /** Null or foreign state only if graphql-java skipped createState: no identity, so mutations fail closed. */
    private static State request(InstrumentationState state) {
        return state instanceof State known ? known : new State(null);
    }

    private String forbidden(String field) {
        String[] parts = field.split("\\.", 2);
        Set<String> allowed = new TreeSet<>(roles().of(parts[0], parts[1]));
        String who = allowed.isEmpty() ? "which no role may read"
                : "which needs the role " + String.join(" or ", allowed);
        return "this operation selects " + field + ", " + who + "; nothing was run";
    }

    private void enforce(GraphQLSchema schema, OperationDefinition operation, Map<String, FragmentDefinition> fragments,
            Map<String, Object> variables) {
        if (passed.getIfPresent(operation) != null) {
            return;
        }
        QueryCost.Priced priced;
        try {
            priced = QueryCost.priced(schema, operation, fragments, variables, pages.defaultPageSize(), pages.maxPageSize());
        } catch (QueryCost.TooDeeplyNested e) {
            throw abort(e.getMessage());
        }
        QueryCost.Price price = priced.price();
        if (price.depth() > limits.maxDepth()) {
            throw abort("this query nests fields " + price.depth() + " levels deep; the limit is " + limits.maxDepth()
                    + " — ask for fewer nested fields");
        }
        if (price.cost() > limits.maxCost()) {
            String cost = price.cost() == Long.MAX_VALUE ? "more than " + (Long.MAX_VALUE - 1) : Long.toString(price.cost());
            throw abort("this query would cost " + cost + " units; the limit is " + limits.maxCost()
                    + " — ask for fewer fields or smaller pages");
        }
        if (!priced.readsVariables()) {
            passed.put(operation, Boolean.TRUE);
        }
    }

    private static Map<String, FragmentDefinition> fragments(Document document) {
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.putIfAbsent(fragment.getName(), fragment);
        }
        return fragments;
    }

    private static AbortExecutionException abort(String message) {
        return new AbortExecutionException(List.of(error(message, ErrorCodes.BAD_USER_INPUT)));
    }

    private static GraphQLError error(String message, String code) {
        return GraphqlErrorBuilder.newError().message("%s", message).errorType(ErrorType.ExecutionAborted)
                .extensions(Map.of("code", code, "classification", String.valueOf(ErrorType.ExecutionAborted))).build();
    }
}
