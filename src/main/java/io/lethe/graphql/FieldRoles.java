package io.lethe.graphql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;

/**
 * The roles each GraphQL field needs, read from the {@code @RolesAllowed} (or {@code @DenyAll},
 * {@code @PermitAll}) of the Java method that resolves it, or of its class, as SmallRye's schema
 * model names that method. Keys are {@code Type.field}; fields without an entry are open to any
 * authenticated caller. An empty set means nobody.
 */
public final class FieldRoles {
    private final Map<String, Set<String>> roles;

    FieldRoles(Map<String, Set<String>> roles) {
        this.roles = Map.copyOf(roles);
    }

    /** The roles that may read {@code type.field}, or null when it has no restriction. */
    public Set<String> of(String type, String field) {
        return roles.get(type + "." + field);
    }

    Map<String, Set<String>> asMap() {
        return roles;
    }

    /**
     * The restricted fields an operation selects (fragments included, each walked once) that a
     * caller holding none of their roles may not read, as {@code Type.field} in document order.
     */
    public List<String> denied(GraphQLSchema schema, OperationDefinition operation,
            Map<String, FragmentDefinition> fragments, Predicate<String> holds) {
        GraphQLFieldsContainer root = switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        Set<String> selected = new LinkedHashSet<>();
        new Walk(schema, fragments).selectionSet(operation.getSelectionSet(), root, selected);
        List<String> denied = new ArrayList<>();
        for (String coordinate : selected) {
            Set<String> allowed = roles.get(coordinate);
            if (allowed != null && allowed.stream().noneMatch(holds)) {
                denied.add(coordinate);
            }
        }
        return denied;
    }

    /** Collects the coordinates of the selected fields; a fragment's are collected once, however often it is spread. */
    private static final class Walk {
        private final GraphQLSchema schema;
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Set<String>> byFragment = new HashMap<>();
        private int nesting;

        Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments) {
            this.schema = schema;
            this.fragments = fragments;
        }

        void selectionSet(SelectionSet selectionSet, GraphQLFieldsContainer parent, Set<String> into) {
            if (selectionSet == null || parent == null) {
                return;
            }
            if (++nesting > QueryCost.MAX_NESTING) {
                throw new QueryCost.TooDeeplyNested();
            }
            try {
                for (Selection<?> selection : selectionSet.getSelections()) {
                    if (selection instanceof Field field) {
                        into.add(parent.getName() + "." + field.getName());
                        GraphQLFieldDefinition definition = field.getName().startsWith("__") ? null
                                : parent.getFieldDefinition(field.getName());
                        if (definition != null) {
                            selectionSet(field.getSelectionSet(), container(GraphQLTypeUtil.unwrapAll(definition.getType())), into);
                        }
                    } else if (selection instanceof InlineFragment inline) {
                        GraphQLFieldsContainer on = inline.getTypeCondition() == null ? parent
                                : container(schema.getType(inline.getTypeCondition().getName()));
                        selectionSet(inline.getSelectionSet(), on, into);
                    } else if (selection instanceof FragmentSpread spread) {
                        into.addAll(fragment(spread.getName()));
                    }
                }
            } finally {
                nesting--;
            }
        }

        private Set<String> fragment(String name) {
            Set<String> known = byFragment.get(name);
            if (known != null) {
                return known; // also the (empty, still filling) set of a fragment in a cycle
            }
            Set<String> coordinates = new LinkedHashSet<>();
            byFragment.put(name, coordinates);
            FragmentDefinition fragment = fragments.get(name);
            if (fragment != null) {
                selectionSet(fragment.getSelectionSet(), container(schema.getType(fragment.getTypeCondition().getName())),
                        coordinates);
            }
            return coordinates;
        }

        private static GraphQLFieldsContainer container(GraphQLType type) {
            return type instanceof GraphQLFieldsContainer fields ? fields : null;
        }
    }

    /** Reads the roles of every field SmallRye resolves with a method; the root names are the schema's. */
    public static FieldRoles from(Schema schema, String query, String mutation, String subscription) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, Set<String>> roles = new HashMap<>();
        collect(roles, query, schema.getQueries(), loader);
        collect(roles, mutation, schema.getMutations(), loader);
        collect(roles, subscription, schema.getSubscriptions(), loader);
        List<Type> types = new ArrayList<>(schema.getTypes().values());
        types.addAll(schema.getInterfaces().values());
        for (Type type : types) {
            collect(roles, type.getName(), type.getOperations().values(), loader);
            collect(roles, type.getName(), type.getBatchOperations().values(), loader);
        }
        return new FieldRoles(roles);
    }

    private static void collect(Map<String, Set<String>> roles, String typeName, Collection<Operation> operations,
            ClassLoader loader) {
        for (Operation operation : operations) {
            Set<String> allowed = rolesOf(operation, loader);
            if (allowed != null) {
                roles.put(typeName + "." + operation.getName(), allowed);
            }
        }
    }

    static Set<String> rolesOf(Operation operation, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(operation.getClassName(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + operation.getClassName() + " to read its roles", e);
        }
        List<Method> candidates = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(operation.getMethodName()) && !method.isSynthetic()
                        && method.getParameterCount() == operation.getArguments().size()) {
                    candidates.add(method);
                }
            }
        }
        if (candidates.size() > 1) {
            // overloads (e.g. a root query and a batch field of the same name): match parameter types
            List<Method> exact = candidates.stream().filter(m -> sameParameters(m, operation.getArguments())).toList();
            if (!exact.isEmpty()) {
                candidates = exact;
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no method " + operation.getClassName() + "." + operation.getMethodName()
                    + " behind GraphQL field " + operation.getName());
        }
        Set<Set<String>> distinct = new LinkedHashSet<>();
        boolean open = false;
        for (Method method : candidates) {
            Set<String> allowed = declared(method, type);
            if (allowed == null) {
                open = true;
            } else {
                distinct.add(allowed);
            }
        }
        if (distinct.size() + (open ? 1 : 0) > 1) {
            throw new IllegalStateException("cannot tell which overload of " + operation.getClassName() + "."
                    + operation.getMethodName() + " resolves GraphQL field " + operation.getName()
                    + ", and they need different roles");
        }
        return open ? null : distinct.iterator().next();
    }

    /** Method annotations win over the class's, as with the interceptors that enforce them. */
    private static Set<String> declared(Method method, Class<?> type) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            return Set.of();
        }
        RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
        if (onMethod != null) {
            return Set.copyOf(Arrays.asList(onMethod.value()));
        }
        if (type.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        if (type.isAnnotationPresent(DenyAll.class)) {
            return Set.of();
        }
        RolesAllowed onClass = type.getAnnotation(RolesAllowed.class);
        return onClass == null ? null : Set.copyOf(Arrays.asList(onClass.value()));
    }

    private static boolean sameParameters(Method method, List<Argument> arguments) {
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            Argument argument = arguments.get(i);
            String expected = argument.hasWrapper() ? argument.getWrapper().getWrapperClassName()
                    : argument.getReference().getClassName();
            if (!boxed(parameters[i].getName()).equals(boxed(expected))) {
                return false;
            }
        }
        return true;
    }

    private static String boxed(String name) {
        return switch (name) {
            case "boolean" -> Boolean.class.getName();
            case "int" -> Integer.class.getName();
            case "long" -> Long.class.getName();
            case "short" -> Short.class.getName();
            case "byte" -> Byte.class.getName();
            case "char" -> Character.class.getName();
            case "float" -> Float.class.getName();
            case "double" -> Double.class.getName();
            default -> name;
        };
    }
}
