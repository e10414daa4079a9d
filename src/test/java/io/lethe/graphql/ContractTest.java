package io.lethe.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The served schema contains the public contract (src/test/resources/api-contract.graphql, a copy
 * of shared/api-contract.graphql): every type, field, argument, input field and enum value by
 * name, with the same list/non-null shape and defaults. The service may add more. All mismatches
 * are reported at once.
 */
@QuarkusTest
class ContractTest {
    /** The ingest and read operations; the privacy operations are checked by the whole-file comparison. */
    private static final Set<String> INGEST_AND_READ = Set.of("Query.transcripts", "Query.transcript", "Query.visitors",
            "Query.visitor", "Query.consentEvents", "Mutation.startTranscript", "Mutation.appendMessages",
            "Mutation.submitForm", "Mutation.endTranscript", "Mutation.recordConsent");

    @Test
    void servedSchemaContainsTheWholeContract() throws IOException {
        TypeDefinitionRegistry contract = contract();
        List<String> mismatches = new ArrayList<>();
        for (TypeDefinition<?> type : contract.types().values()) {
            compare(type, served(), field -> true, mismatches);
        }
        assertThat(mismatches).as("contract items missing or different in the served schema").isEmpty();
    }

    @Test
    void servedSchemaContainsTheIngestAndReadOperationsAndEveryTypeTheyUse() throws IOException {
        TypeDefinitionRegistry contract = contract();
        TypeDefinitionRegistry served = served();
        List<String> mismatches = new ArrayList<>();
        Set<String> reachable = reachableTypes(contract, INGEST_AND_READ);
        assertThat(reachable).contains("Transcript", "Visitor", "ConsentEvent", "StartTranscriptInput", "MessageInput",
                "FormFieldInput", "ConsentInput", "TranscriptFilter", "VisitorFilter", "SenderKind", "PageInfo");
        for (String root : List.of("Query", "Mutation")) {
            compare(contract.types().get(root), served, field -> INGEST_AND_READ.contains(root + "." + field), mismatches);
        }
        for (String name : reachable) {
            compare(contract.types().get(name), served, field -> true, mismatches);
        }
        assertThat(mismatches).as("contract items missing or different in the served schema").isEmpty();
    }

    private static TypeDefinitionRegistry contract() throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/api-contract.graphql")) {
            Objects.requireNonNull(in, "api-contract.graphql in test resources");
            return new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static TypeDefinitionRegistry served() {
        String schema = given().header("Authorization", "Bearer " + Api.token(Api.newTenant(), "agent"))
                .get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        return new SchemaParser().parse(schema);
    }

    /** Object, input and enum types named by the given root fields, followed through fields and arguments. */
    private static Set<String> reachableTypes(TypeDefinitionRegistry contract, Set<String> rootFields) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<Type<?>> todo = new ArrayDeque<>();
        for (String root : List.of("Query", "Mutation")) {
            ObjectTypeDefinition type = (ObjectTypeDefinition) contract.types().get(root);
            for (FieldDefinition field : type.getFieldDefinitions()) {
                if (rootFields.contains(root + "." + field.getName())) {
                    todo.add(field.getType());
                    field.getInputValueDefinitions().forEach(arg -> todo.add(arg.getType()));
                }
            }
        }
        while (!todo.isEmpty()) {
            String name = typeName(todo.pop());
            TypeDefinition<?> definition = contract.types().get(name);
            if (definition == null || !seen.add(name)) {
                continue; // a scalar, or done
            }
            if (definition instanceof ObjectTypeDefinition object) {
                for (FieldDefinition field : object.getFieldDefinitions()) {
                    todo.add(field.getType());
                    field.getInputValueDefinitions().forEach(arg -> todo.add(arg.getType()));
                }
            } else if (definition instanceof InputObjectTypeDefinition input) {
                input.getInputValueDefinitions().forEach(f -> todo.add(f.getType()));
            }
        }
        return seen;
    }

    private static void compare(TypeDefinition<?> expected, TypeDefinitionRegistry served, Function<String, Boolean> fieldFilter,
            List<String> mismatches) {
        String name = expected.getName();
        Optional<TypeDefinition> actual = served.getType(name);
        if (actual.isEmpty()) {
            mismatches.add("type " + name + " is missing");
            return;
        }
        if (actual.get().getClass() != expected.getClass()) {
            mismatches.add("type " + name + " is a " + kind(actual.get()) + ", the contract has a " + kind(expected));
            return;
        }
        if (expected instanceof ObjectTypeDefinition object) {
            Map<String, FieldDefinition> fields = ((ObjectTypeDefinition) actual.get()).getFieldDefinitions().stream()
                    .collect(Collectors.toMap(FieldDefinition::getName, f -> f));
            for (FieldDefinition field : object.getFieldDefinitions()) {
                if (!fieldFilter.apply(field.getName())) {
                    continue;
                }
                String at = name + "." + field.getName();
                FieldDefinition servedField = fields.get(field.getName());
                if (servedField == null) {
                    mismatches.add("field " + at + " is missing");
                    continue;
                }
                sameType(at, field.getType(), servedField.getType(), mismatches);
                compareInputValues(at + "(", field.getInputValueDefinitions(), servedField.getInputValueDefinitions(), mismatches);
            }
        } else if (expected instanceof InputObjectTypeDefinition input) {
            compareInputValues(name + ".", input.getInputValueDefinitions(),
                    ((InputObjectTypeDefinition) actual.get()).getInputValueDefinitions(), mismatches);
        } else if (expected instanceof EnumTypeDefinition enumType) {
            Set<String> values = ((EnumTypeDefinition) actual.get()).getEnumValueDefinitions().stream()
                    .map(EnumValueDefinition::getName).collect(Collectors.toSet());
            for (EnumValueDefinition value : enumType.getEnumValueDefinitions()) {
                if (!values.contains(value.getName())) {
                    mismatches.add("enum value " + name + "." + value.getName() + " is missing");
                }
            }
        }
    }

    private static void compareInputValues(String prefix, List<InputValueDefinition> expected, List<InputValueDefinition> served,
            List<String> mismatches) {
        Map<String, InputValueDefinition> byName = served.stream().collect(Collectors.toMap(InputValueDefinition::getName, v -> v));
        for (InputValueDefinition value : expected) {
            String at = prefix + value.getName() + (prefix.endsWith("(") ? ")" : "");
            InputValueDefinition actual = byName.get(value.getName());
            if (actual == null) {
                mismatches.add((prefix.endsWith("(") ? "argument " : "input field ") + at + " is missing");
                continue;
            }
            sameType(at, value.getType(), actual.getType(), mismatches);
            if (value.getDefaultValue() != null) {
                String want = AstPrinter.printAst(value.getDefaultValue());
                String got = actual.getDefaultValue() == null ? "none" : AstPrinter.printAst(actual.getDefaultValue());
                if (!want.equals(got)) {
                    mismatches.add(at + " defaults to " + got + ", the contract says " + want);
                }
            }
        }
        // a required input the contract does not have would break clients written against it
        for (InputValueDefinition extra : served) {
            if (expected.stream().noneMatch(v -> v.getName().equals(extra.getName())) && extra.getType() instanceof NonNullType
                    && extra.getDefaultValue() == null) {
                mismatches.add(prefix + extra.getName() + " is required by the service but not in the contract");
            }
        }
    }

    private static void sameType(String at, Type<?> expected, Type<?> actual, List<String> mismatches) {
        String want = AstPrinter.printAst(expected);
        String got = AstPrinter.printAst(actual);
        if (!want.equals(got)) {
            mismatches.add(at + " is " + got + ", the contract says " + want);
        }
    }

    private static String typeName(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return typeName(nonNull.getType());
        }
        if (type instanceof ListType list) {
            return typeName(list.getType());
        }
        return ((TypeName) type).getName();
    }

    private static String kind(TypeDefinition<?> type) {
        return type.getClass().getSimpleName().replace("TypeDefinition", "").toLowerCase();
    }
}
