package io.lethe.graphql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.Scalars;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;

/**
 * Int variables, at any depth of an input object or list, must be whole numbers in Int's range.
 * SmallRye's Int coerces any JSON number (or string) as a variable and fails only once the
 * resolver's argument is converted, as an INTERNAL error that cannot say which value was wrong;
 * checked before execution, the error names the variable and nothing runs.
 */
final class VariableCheck {
    private static final BigDecimal MIN_INT = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);

    private VariableCheck() {
    }

    static List<GraphQLError> check(OperationDefinition operation, Map<String, Object> variables, GraphQLSchema schema) {
        List<GraphQLError> errors = new ArrayList<>();
        if (operation == null || variables == null || variables.isEmpty()) {
            return errors;
        }
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            if (!variables.containsKey(definition.getName())) {
                continue;
            }
            String problem = checkAst(definition.getType(), variables.get(definition.getName()), schema, "");
            if (problem != null) {
                errors.add(GraphqlErrorBuilder.newError()
                        .message("Variable `$%s`%s", definition.getName(), problem)
                        .errorType(ErrorType.ValidationError)
                        .location(definition.getSourceLocation())
                        .extensions(Map.of("code", ErrorCodes.BAD_USER_INPUT, "classification", "ValidationError"))
                        .build());
            }
        }
        return errors;
    }

    private static String checkAst(Type<?> type, Object value, GraphQLSchema schema, String at) {
        if (value == null) {
            return null;
        }
        if (type instanceof NonNullType nonNull) {
            return checkAst(nonNull.getType(), value, schema, at);
        }
        if (type instanceof ListType list) {
            if (value instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    String problem = checkAst(list.getType(), items.get(i), schema, at + "[" + i + "]");
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            return checkAst(list.getType(), value, schema, at);
        }
        if (type instanceof TypeName name) {
            return checkSchema(schema.getType(name.getName()), value, at);
        }
        return null;
    }

    private static String checkSchema(graphql.schema.GraphQLType type, Object value, String at) {
        if (value == null || type == null) {
            return null;
        }
        if (type instanceof GraphQLNonNull nonNull) {
            return checkSchema(nonNull.getWrappedType(), value, at);
        }
        if (type instanceof GraphQLList list) {
            if (value instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    String problem = checkSchema(list.getWrappedType(), items.get(i), at + "[" + i + "]");
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            return checkSchema(list.getWrappedType(), value, at);
        }
        if (type instanceof GraphQLInputObjectType input && value instanceof Map<?, ?> fields) {
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                String problem = checkSchema(field.getType(), fields.get(field.getName()),
                        at.isEmpty() ? field.getName() : at + "." + field.getName());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (type instanceof GraphQLScalarType scalar && scalar.getName().equals(Scalars.GraphQLInt.getName())) {
            return isInt(value) ? null
                    : (at.isEmpty() ? "" : " (at `" + at + "`)") + " must be a whole number (Int, -2147483648 to 2147483647)";
        }
        return null;
    }

    /** Whole numbers in range; 2.0 is 2, as JSON does not tell them apart. Strings are not numbers. */
    private static boolean isInt(Object value) {
        if (!(value instanceof Number number)) {
            return false;
        }
        BigDecimal decimal;
        try {
            decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            return false; // NaN or infinity
        }
        if (decimal.compareTo(MIN_INT) < 0 || decimal.compareTo(MAX_INT) > 0) {
            return false;
        }
        return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
    }
}
