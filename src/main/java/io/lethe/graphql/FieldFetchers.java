package io.lethe.graphql;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dataloader.DataLoader;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.GraphqlFieldVisibility;
import graphql.schema.visibility.NoIntrospectionGraphqlFieldVisibility;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.config.Config;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * Cheaper fetchers for the two kinds of field a result is mostly made of. SmallRye's fetcher of a
 * plain record component, and its per-item fetcher of a {@code @Source List<>} batch field, first
 * copy the request's SmallRye context and build the field's selection as JSON twice, for every
 * field of every row (a 50-row page: hundreds of times per request), for the benefit of
 * {@code Context} injection and of events, metrics and tracing. Nothing here injects a
 * {@code Context} into a record or batch item, and while events, metrics and tracing are all off
 * these fetchers do the same work without that copy: read the component and transform it exactly
 * as SmallRye does; hand the item to the same DataLoader with the same batch context (the batch
 * resolver itself still gets its context, once per batch). Root operations keep SmallRye's fetchers.
 * Production's no-introspection field visibility is replaced by an equivalent without a regular
 * expression per field lookup.
 */
final class FieldFetchers {
    private FieldFetchers() {
    }

    /** The schema with those fetchers and that visibility, or as it is while SmallRye events, metrics or tracing are on. */
    static GraphQLSchema rewire(GraphQLSchema schema, Schema model) {
        Config config = Config.get();
        if (config.isEventsEnabled() || config.isMetricsEnabled() || config.isTracingEnabled()) {
            return schema;
        }
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        Map<FieldCoordinates, DataFetcher<?>> replaced = new HashMap<>();
        for (Type type : model.getTypes().values()) {
            GraphQLObjectType object = schema.getObjectType(type.getName());
            if (object == null) {
                continue;
            }
            if (type.hasFields()) {
                for (Field field : type.getFields().values()) {
                    GraphQLFieldDefinition definition = object.getFieldDefinition(field.getName());
                    if (definition != null && registry.getDataFetcher(object, definition).getClass() == FieldDataFetcher.class
                            && !field.isAdaptingWith() && !(field.hasWrapper() && field.getWrapper().isMap())) {
                        replaced.put(FieldCoordinates.coordinates(object, definition), new Component(type, field));
                    }
                }
            }
            if (type.hasBatchOperations()) {
                for (Operation operation : type.getBatchOperations().values()) {
                    GraphQLFieldDefinition definition = object.getFieldDefinition(operation.getName());
                    if (definition != null && registry.getDataFetcher(object, definition).getClass() == BatchDataFetcher.class) {
                        replaced.put(FieldCoordinates.coordinates(object, definition), new BatchItem(operation));
                    }
                }
            }
        }
        boolean noIntrospection = registry.getFieldVisibility() instanceof NoIntrospectionGraphqlFieldVisibility;
        if (replaced.isEmpty() && !noIntrospection) {
            return schema;
        }
        GraphQLCodeRegistry rewired = registry.transform(builder -> {
            replaced.forEach(builder::dataFetcher);
            if (noIntrospection) {
                builder.fieldVisibility(new NoIntrospection());
            }
        });
        return schema.transformWithoutTypes(builder -> builder.codeRegistry(rewired));
    }

    /**
     * What graphql-java's no-introspection visibility decides (it hides every field whose
     * {@code Type.field} name matches {@code __.*}, i.e. every field of an introspection type), without
     * building that name and running the regular expression on each of the several lookups of every
     * field of every request.
     */
    static final class NoIntrospection implements GraphqlFieldVisibility {
        private static boolean hidden(String containerName) {
            return containerName.startsWith("__");
        }

        @Override
        public List<GraphQLFieldDefinition> getFieldDefinitions(GraphQLFieldsContainer container) {
            return hidden(container.getName()) ? List.of() : container.getFieldDefinitions();
        }

        @Override
        public GraphQLFieldDefinition getFieldDefinition(GraphQLFieldsContainer container, String fieldName) {
            return hidden(container.getName()) ? null : container.getFieldDefinition(fieldName);
        }

        @Override
        public List<GraphQLInputObjectField> getFieldDefinitions(GraphQLInputFieldsContainer container) {
            return hidden(container.getName()) ? List.of() : container.getFieldDefinitions();
        }

        @Override
        public GraphQLInputObjectField getFieldDefinition(GraphQLInputFieldsContainer container, String fieldName) {
            return hidden(container.getName()) ? null : container.getFieldDefinition(fieldName);
        }
    }

    /** A record component, accessor method or public field, transformed as SmallRye's FieldDataFetcher does. */
    static final class Component implements DataFetcher<Object>, TrivialDataFetcher<Object> {
        private final FieldHelper helper;
        private final Method accessor;
        private final java.lang.reflect.Field javaField;

        Component(Type owner, Field field) {
            this.helper = new FieldHelper(field);
            Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
            try {
                this.accessor = field.getMethodName() == null ? null : type.getMethod(field.getMethodName());
                this.javaField = field.getMethodName() == null ? type.getField(field.getPropertyName()) : null;
            } catch (NoSuchMethodException | NoSuchFieldException e) {
                throw new IllegalStateException("SmallRye described a property " + owner.getClassName() + " does not have", e);
            }
            AccessibleObject member = accessor != null ? accessor : javaField;
            member.trySetAccessible();
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object source = environment.getSource();
            Object value;
            try {
                value = accessor != null ? accessor.invoke(source) : javaField.get(source);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            try {
                return helper.transformOrAdaptResponse(value, environment);
            } catch (AbstractDataFetcherException e) {
                return value; // as SmallRye: the value untransformed
            } finally {
                SmallRyeContextManager.clearCurrentSmallRyeContext();
            }
        }
    }

    /** One item of a batch field: queued on the operation's DataLoader exactly as SmallRye's BatchDataFetcher queues it. */
    static final class BatchItem implements DataFetcher<Object> {
        private final ArgumentHelper arguments;
        private final String loader;

        BatchItem(Operation operation) {
            this.arguments = new ArgumentHelper(operation.getArguments());
            this.loader = new BatchLoaderHelper().getName(operation);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            List<Object> transformed = arguments.getArguments(environment, true);
            DataLoader<Object, Object> dataLoader = environment.getDataLoader(loader);
            Map<String, Object> batchContext = new HashMap<>(4);
            batchContext.put(BatchLoaderHelper.ARGUMENTS, transformed);
            batchContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
            return dataLoader.load(environment.getSource(), batchContext);
        }
    }
}
