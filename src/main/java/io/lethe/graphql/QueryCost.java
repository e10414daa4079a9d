package io.lethe.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Prices an operation as if every fragment were expanded, without expanding anything: the price of
 * each fragment is computed once per context and reused (multiplied by its uses), with saturating
 * arithmetic, so a document whose expansion has 2^25 fields is priced in microseconds.
 * <p>
 * Units: every field 1; a root field {@value #ROOT} more (it runs statements of its own, where nested
 * fields share one batched statement per level); {@code totalCount} {@value #COUNT}; a text search
 * ({@code filter: {text}}) {@value #TEXT_SEARCH} more. A list multiplies what is selected under it
 * by its bound: the {@code first} of its connection (default and cap from the page limits), else
 * {@value #UNBOUNDED_LIST} for lists without a page size (a transcript's messages, a visitor's
 * consent events). Introspection ({@code __schema}, {@code __type}) costs 1 per field and adds no
 * depth: graphql-java's good-faith introspection check bounds the rest.
 */
public final class QueryCost {
    static final long ROOT = 10;
    static final long COUNT = 20;
    static final long TEXT_SEARCH = 2000;
    static final int UNBOUNDED_LIST = 10;
    /** Selection sets and fragment spreads nested deeper than this are refused outright (the recursion stays shallow). */
    static final int MAX_NESTING = 128;

    /** What an operation would cost, and its depth after fragment expansion. */
    public record Price(long cost, int depth) {
        static final Price ZERO = new Price(0, 0);
    }

    /** A selection nested beyond {@link #MAX_NESTING}; no legitimate document comes near it. */
    public static final class TooDeeplyNested extends RuntimeException {
        TooDeeplyNested() {
            super("the query nests fields or fragments more than " + MAX_NESTING + " levels deep", null, false, false);
        }
    }

    private record Key(String fragment, int inheritedBound, boolean introspection, boolean atRoot) {
    }

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Map<String, VariableDefinition> variableDefinitions = new HashMap<>();
    private final int defaultPageSize;
    private final int maxPageSize;
    /** Priced fragments; an entry of {@code null} value marks one being priced (a cycle, which validation rejects). */
    private final Map<Key, Price> memo = new HashMap<>();
    private int nesting;
    private boolean readsVariables;

    private QueryCost(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables,
            int defaultPageSize, int maxPageSize) {
        this.schema = schema;
        this.fragments = fragments;
        this.variables = variables == null ? Map.of() : variables;
        this.defaultPageSize = defaultPageSize;
        this.maxPageSize = maxPageSize;
    }

    /**
     * @param variables the request's variables (raw or coerced); a variable missing there takes its
     *        definition's default
     */
    public static Price of(GraphQLSchema schema, OperationDefinition operation, Map<String, FragmentDefinition> fragments,
            Map<String, Object> variables, int defaultPageSize, int maxPageSize) {
        return priced(schema, operation, fragments, variables, defaultPageSize, maxPageSize).price();
    }

    /** A price, and whether any variable went into it (if none did, it is the price of every request of the operation). */
    record Priced(Price price, boolean readsVariables) {
    }

    static Priced priced(GraphQLSchema schema, OperationDefinition operation, Map<String, FragmentDefinition> fragments,
            Map<String, Object> variables, int defaultPageSize, int maxPageSize) {
        QueryCost pricing = new QueryCost(schema, fragments, variables, defaultPageSize, maxPageSize);
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            pricing.variableDefinitions.put(definition.getName(), definition);
        }
        GraphQLFieldsContainer root = switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        Price price = pricing.selectionSet(operation.getSelectionSet(), root, -1, false, true);
        return new Priced(price, pricing.readsVariables);
    }

    private Price selectionSet(SelectionSet selectionSet, GraphQLFieldsContainer parent, int inheritedBound,
            boolean introspection, boolean atRoot) {
        if (selectionSet == null) {
            return Price.ZERO;
        }
        if (++nesting > MAX_NESTING) {
            throw new TooDeeplyNested();
        }
        try {
            long cost = 0;
            int depth = 0;
            for (Selection<?> selection : selectionSet.getSelections()) {
                Price price;
                if (selection instanceof Field field) {
                    price = field(field, parent, inheritedBound, introspection, atRoot);
                } else if (selection instanceof InlineFragment inline) {
                    GraphQLFieldsContainer on = inline.getTypeCondition() == null ? parent
                            : container(schema.getType(inline.getTypeCondition().getName()));
                    price = selectionSet(inline.getSelectionSet(), on, inheritedBound, introspection, atRoot);
                } else if (selection instanceof FragmentSpread spread) {
                    price = spread(spread.getName(), inheritedBound, introspection, atRoot);
                } else {
                    price = Price.ZERO;
                }
                cost = add(cost, price.cost());
                depth = Math.max(depth, price.depth());
            }
            return new Price(cost, depth);
        } finally {
            nesting--;
        }
    }

    private Price spread(String name, int inheritedBound, boolean introspection, boolean atRoot) {
        FragmentDefinition fragment = fragments.get(name);
        if (fragment == null) {
            return Price.ZERO; // unknown fragment: validation reports it
        }
        Key key = new Key(name, inheritedBound, introspection, atRoot);
        if (memo.containsKey(key)) {
            Price known = memo.get(key);
            return known == null ? Price.ZERO : known; // null: a cycle, which validation rejects
        }
        memo.put(key, null);
        GraphQLFieldsContainer on = container(schema.getType(fragment.getTypeCondition().getName()));
        Price price = selectionSet(fragment.getSelectionSet(), on, inheritedBound, introspection, atRoot);
        memo.put(key, price);
        return price;
    }

    private Price field(Field field, GraphQLFieldsContainer parent, int inheritedBound, boolean introspection,
            boolean atRoot) {
        String name = field.getName();
        if (introspection || (name.startsWith("__") && !name.equals("__typename"))
                || (parent != null && parent.getName().startsWith("__"))) {
            Price children = selectionSet(field.getSelectionSet(), null, -1, true, false);
            return new Price(add(1, children.cost()), 0);
        }
        GraphQLFieldDefinition definition = parent == null || name.equals("__typename") ? null
                : parent.getFieldDefinition(name);
        if (definition == null) {
            // unknown field (validation rejects it) or __typename: one unit, children priced as they are
            Price children = selectionSet(field.getSelectionSet(), null, -1, false, false);
            return new Price(add(1, children.cost()), 1 + children.depth());
        }
        long weight = 1;
        if (name.equals("totalCount")) {
            weight = COUNT;
        }
        if (atRoot) {
            weight = add(weight, ROOT);
        }
        if (hasTextSearch(field, definition)) {
            weight = add(weight, TEXT_SEARCH);
        }
        int lists = listDepth(definition.getType());
        Integer first = first(field, definition);
        int childBound = -1;
        long multiplier = 1;
        if (first != null) {
            if (lists > 0) {
                multiplier = power(first, lists);
            } else {
                childBound = first; // a connection: its edges list is the page
            }
        } else if (lists > 0) {
            multiplier = power(inheritedBound > 0 ? inheritedBound : UNBOUNDED_LIST, lists);
        }
        GraphQLFieldsContainer child = container(GraphQLTypeUtil.unwrapAll(definition.getType()));
        Price children = selectionSet(field.getSelectionSet(), child, childBound, false, false);
        return new Price(add(weight, multiply(multiplier, children.cost())), 1 + children.depth());
    }

    /** The page size of a field with a {@code first} argument (null if it has none), within the page limits. */
    private Integer first(Field field, GraphQLFieldDefinition definition) {
        GraphQLArgument argument = definition.getArgument("first");
        if (argument == null) {
            return null;
        }
        Object value = argumentValue(field, "first");
        if (!(value instanceof Number) && argument.hasSetDefaultValue()) {
            Object fallback = argument.getArgumentDefaultValue().getValue();
            value = fallback instanceof Value<?> literal ? resolveLiteral(literal) : fallback;
        }
        long size = value instanceof Number number ? number.longValue() : defaultPageSize;
        return (int) Math.max(1, Math.min(size, maxPageSize));
    }

    /** A filter argument whose {@code text} is set: a full-text scan, the most expensive read there is. */
    private boolean hasTextSearch(Field field, GraphQLFieldDefinition definition) {
        for (Argument argument : field.getArguments()) {
            Value<?> value = argument.getValue();
            if (value instanceof ObjectValue object) {
                for (ObjectField objectField : object.getObjectFields()) {
                    if (objectField.getName().equals("text") && isSet(resolve(objectField.getValue()))) {
                        return true;
                    }
                }
            } else if (value instanceof VariableReference) {
                if (resolve(value) instanceof Map<?, ?> map && isSet(map.get("text"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    private Object argumentValue(Field field, String name) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals(name)) {
                return resolve(argument.getValue());
            }
        }
        return null;
    }

    /** A literal or variable as a plain Java value (numbers, strings, maps); null when absent. */
    private Object resolve(Value<?> value) {
        if (value instanceof VariableReference reference) {
            readsVariables = true;
            if (variables.containsKey(reference.getName())) {
                return variables.get(reference.getName());
            }
            VariableDefinition definition = variableDefinitions.get(reference.getName());
            return definition == null || definition.getDefaultValue() == null ? null
                    : resolveLiteral(definition.getDefaultValue());
        }
        return resolveLiteral(value);
    }

    private Object resolveLiteral(Value<?> value) {
        if (value instanceof IntValue integer) {
            return integer.getValue();
        }
        if (value instanceof StringValue string) {
            return string.getValue();
        }
        if (value instanceof NullValue || value == null) {
            return null;
        }
        if (value instanceof ObjectValue object) {
            Map<String, Object> map = new HashMap<>();
            for (ObjectField objectField : object.getObjectFields()) {
                map.put(objectField.getName(), resolve(objectField.getValue()));
            }
            return map;
        }
        if (value instanceof VariableReference) {
            return resolve(value);
        }
        return List.of(); // some other literal: present, but neither a number nor text
    }

    private static int listDepth(GraphQLType type) {
        int lists = 0;
        GraphQLType current = type;
        while (current instanceof GraphQLNonNull || current instanceof GraphQLList) {
            if (current instanceof GraphQLList) {
                lists++;
            }
            current = GraphQLTypeUtil.unwrapOne(current);
        }
        return lists;
    }

    private static GraphQLFieldsContainer container(GraphQLType type) {
        return type instanceof GraphQLFieldsContainer fields ? fields : null;
    }

    private static long power(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = multiply(result, base);
        }
        return result;
    }

    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }
}
