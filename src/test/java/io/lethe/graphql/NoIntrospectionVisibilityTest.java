package io.lethe.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.visibility.GraphqlFieldVisibility;
import graphql.schema.visibility.NoIntrospectionGraphqlFieldVisibility;

/** The replacement of production's no-introspection visibility hides exactly what graphql-java's does, on every type. */
class NoIntrospectionVisibilityTest {

    @Test
    @SuppressWarnings("deprecation")
    void hidesTheSameFieldsAsGraphqlJava() {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
                type Query { transcripts(filter: Filter): [T] }
                type T { id: ID visitor: V }
                type V { email: String }
                input Filter { email: String text: String }
                """), RuntimeWiring.MOCKED_WIRING);
        GraphqlFieldVisibility original = NoIntrospectionGraphqlFieldVisibility.NO_INTROSPECTION_FIELD_VISIBILITY;
        GraphqlFieldVisibility replacement = new FieldFetchers.NoIntrospection();
        int introspectionTypes = 0;
        for (GraphQLType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLFieldsContainer container) {
                introspectionTypes += container.getName().startsWith("__") ? 1 : 0;
                assertThat(replacement.getFieldDefinitions(container)).isEqualTo(original.getFieldDefinitions(container));
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    assertThat(replacement.getFieldDefinition(container, field.getName()))
                            .isSameAs(original.getFieldDefinition(container, field.getName()));
                }
                assertThat(replacement.getFieldDefinition(container, "missing")).isNull();
            }
            if (type instanceof GraphQLInputFieldsContainer input) {
                assertThat(replacement.getFieldDefinitions(input)).isEqualTo(original.getFieldDefinitions(input));
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    assertThat(replacement.getFieldDefinition(input, field.getName()))
                            .isSameAs(original.getFieldDefinition(input, field.getName()));
                }
            }
        }
        assertThat(introspectionTypes).as("introspection types were compared too").isGreaterThan(3);
    }
}
