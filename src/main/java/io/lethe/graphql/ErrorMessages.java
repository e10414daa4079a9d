package io.lethe.graphql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import graphql.parser.InvalidSyntaxException;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Plain sentences for what graphql-java and SmallRye report about a request. Their messages name
 * AST classes ({@code ObjectValue{…}}), Java types ({@code [ArrayList]}), internal codes
 * ({@code SRGQL000013}) and echo input values (which may be personal data). Each known shape is
 * rewritten from the names it carries (fields, arguments, types, never values), with a "did you
 * mean" from the schema where a name is unknown; {@link #clean} is the last guard for anything
 * unforeseen.
 */
public final class ErrorMessages {
    private static final Pattern PREFIX = Pattern.compile("^Validation [eE]rror \\([^)]*\\)\\s*:\\s*");
    private static final int DOTALL = Pattern.DOTALL;

    private static final Pattern UNKNOWN_FIELD = Pattern.compile("Field '(\\w+)' in type '(\\w+)' is undefined");
    private static final Pattern UNKNOWN_ARGUMENT = Pattern.compile("Unknown field argument '(\\w+)'");
    private static final Pattern UNKNOWN_DIRECTIVE_ARGUMENT = Pattern.compile("Unknown directive argument '(\\w+)'");
    private static final Pattern MISSING_ARGUMENT = Pattern.compile("Missing field argument '(\\w+)'");
    private static final Pattern MISSING_DIRECTIVE_ARGUMENT = Pattern.compile("Missing directive argument '(\\w+)'");
    private static final Pattern NULL_ARGUMENT = Pattern.compile("Null value for non-null field argument '(\\w+)'");
    private static final String ARG = "argument '([\\w.\\[\\]]+)' with value '.*' ";
    private static final Pattern ARG_NULL = Pattern.compile(ARG + "must not be null", DOTALL);
    private static final Pattern ARG_NOT_VALID = Pattern.compile(ARG + "is not a valid '(\\w+)'(?: - .*)?", DOTALL);
    private static final Pattern ARG_NOT_OBJECT = Pattern.compile(ARG + "must be an object type", DOTALL);
    private static final Pattern ARG_MISSING_FIELDS = Pattern.compile(ARG + "is missing required fields '\\[(.*)\\]'", DOTALL);
    private static final Pattern ARG_EXTRA_FIELD = Pattern.compile(ARG + "contains a field not in '(\\w+)': '(\\w+)'", DOTALL);
    /** SmallRye's own argument conversion (e.g. a DateTime it cannot parse), reported as a validation error. */
    private static final Pattern CONVERSION = Pattern.compile("argument '([^']*)' with value .* is not a valid '.*", DOTALL);
    private static final Pattern SUBSELECTION_REQUIRED = Pattern.compile("Subselection required for type '(.+)' of field '(\\w+)'");
    private static final Pattern SUBSELECTION_NOT_ALLOWED = Pattern.compile(
            "Subselection not allowed on leaf type '(.+)' of field '(\\w+)'");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unknown type '(\\w+)'");
    private static final Pattern VARIABLE_MISMATCH = Pattern.compile(
            "Variable '(\\w+)' of type '(.+)' used in position expecting type '(.+)'");

    private static final Pattern VARIABLE_INVALID = Pattern.compile("Variable '(\\w+)' has an invalid value: ?(.*)", DOTALL);
    private static final Pattern VARIABLE_NULL = Pattern.compile(".*has coerced Null value for NonNull type '(.+)'.*", DOTALL);
    private static final Pattern VARIABLE_WRONG_TYPE = Pattern.compile(
            ".*Expected type \\[(\\w+)\\] but was \\[(\\w+)\\].*", DOTALL);
    private static final Pattern VARIABLE_BAD_ENUM = Pattern.compile(".*Invalid input for enum '(\\w+)'.*", DOTALL);
    private static final Pattern VARIABLE_NOT_MAP = Pattern.compile(".*Expected type 'Map' but was '(\\w+)'.*", DOTALL);
    private static final Pattern VARIABLE_SCALAR = Pattern.compile(".*Expected an? (\\w+) input, but it was an? '(\\w+)'.*", DOTALL);
    private static final Pattern VARIABLE_EXTRA_FIELD = Pattern.compile(
            "The variables input contains a field name '(\\w+)' that is not defined for input object type '(\\w+)'.*", DOTALL);
    private static final Pattern UNKNOWN_OPERATION = Pattern.compile("Unknown operation named '(.*)'\\.?", DOTALL);
    private static final Pattern DEPTH = Pattern.compile("maximum query depth exceeded (\\d+) > (\\d+)");
    private static final Pattern COMPLEXITY = Pattern.compile("maximum query complexity exceeded (\\d+) > (\\d+)");
    private static final Pattern SYNTAX_TOKEN = Pattern.compile(".*offending token '([^']{1,40})'.*", DOTALL);
    private static final Pattern PLAIN_TOKEN = Pattern.compile("<EOF>|[A-Za-z_][A-Za-z0-9_]*|[{}()\\[\\]:!$@=|&.]{1,3}");

    /** What must never reach a client: implementation names, AST dumps, Java types, stack frames. */
    private static final Pattern LEAK = Pattern.compile("SRGQL|(Object|String|Int|Float|Enum|Array|Null|Boolean)Value\\{"
            + "|VariableReference|ObjectField\\{|\\bjava\\.|\\bjavax?\\.|\\bjakarta\\.|\\bgraphql\\.|\\bio\\.[a-z]+\\.|\\borg\\.[a-z]+\\."
            + "|\\b(Hash|LinkedHash|Tree)?Map\\b|\\b(ArrayList|LinkedList|BigDecimal|BigInteger|Integer|Long|Double)\\b"
            + "|Exception|\\bat [\\w$.]+\\(|\\[[\\w.]+\\.[A-Z]\\w*\\]");

    private static final String DATE_TIME_HINT = "a DateTime: ISO-8601 with an offset, e.g. 2026-01-31T10:15:30Z";

    private ErrorMessages() {
    }

    /**
     * A plain message for a validation or variable error of graphql-java or SmallRye.
     *
     * @param queryPath the field path of the error (field names, not aliases), may be null
     * @param schema for suggestions and type descriptions, may be null
     */
    public static String rewrite(String message, List<String> queryPath, GraphQLSchema schema) {
        if (message == null || message.isBlank()) {
            return "the request is not valid for this API";
        }
        String text = PREFIX.matcher(message.trim()).replaceFirst("");
        String field = queryPath == null || queryPath.isEmpty() ? null : queryPath.get(queryPath.size() - 1);
        Matcher m;
        if ((m = UNKNOWN_FIELD.matcher(text)).matches()) {
            GraphQLType type = schema == null ? null : schema.getType(m.group(2));
            List<String> names = type instanceof GraphQLFieldsContainer c
                    ? c.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList() : List.of();
            return "Unknown field `" + m.group(1) + "` on `" + m.group(2) + "`" + didYouMean(m.group(1), names);
        }
        if ((m = UNKNOWN_ARGUMENT.matcher(text)).matches()) {
            GraphQLFieldDefinition definition = fieldAt(schema, queryPath);
            List<String> names = definition == null ? List.of()
                    : definition.getArguments().stream().map(GraphQLArgument::getName).toList();
            return "Unknown argument `" + m.group(1) + "`" + (field == null ? "" : " on field `" + field + "`")
                    + didYouMean(m.group(1), names);
        }
        if ((m = UNKNOWN_DIRECTIVE_ARGUMENT.matcher(text)).matches()) {
            return "Unknown argument `" + m.group(1) + "` on a directive";
        }
        if ((m = MISSING_ARGUMENT.matcher(text)).matches()) {
            return (field == null ? "The field" : "Field `" + field + "`") + " needs the argument `" + m.group(1) + "`";
        }
        if ((m = MISSING_DIRECTIVE_ARGUMENT.matcher(text)).matches()) {
            return "The directive needs the argument `" + m.group(1) + "`";
        }
        if ((m = NULL_ARGUMENT.matcher(text)).matches()) {
            return "Argument `" + m.group(1) + "`" + (field == null ? "" : " of `" + field + "`") + " must not be null";
        }
        if ((m = ARG_NULL.matcher(text)).matches()) {
            return "Argument `" + m.group(1) + "` must not be null";
        }
        if ((m = ARG_NOT_VALID.matcher(text)).matches()) {
            return "Argument `" + m.group(1) + "` must be " + describe(m.group(2), schema);
        }
        if ((m = ARG_NOT_OBJECT.matcher(text)).matches()) {
            return "Argument `" + m.group(1) + "` must be an input object, written `{name: value, …}`";
        }
        if ((m = ARG_MISSING_FIELDS.matcher(text)).matches()) {
            List<String> missing = Arrays.stream(m.group(2).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            return "Argument `" + m.group(1) + "` is missing the required field" + (missing.size() == 1 ? " " : "s ")
                    + quoted(missing);
        }
        if ((m = ARG_EXTRA_FIELD.matcher(text)).matches()) {
            return "`" + m.group(2) + "` has no field `" + m.group(3) + "` (in argument `" + m.group(1) + "`)"
                    + didYouMean(m.group(3), inputFields(schema, m.group(2)));
        }
        if ((m = CONVERSION.matcher(text)).matches()) {
            return conversion(m.group(1), queryPath, schema);
        }
        if ((m = SUBSELECTION_REQUIRED.matcher(text)).matches()) {
            return "Field `" + m.group(2) + "` returns `" + m.group(1) + "`: select some of its fields, as in `"
                    + m.group(2) + " { … }`";
        }
        if ((m = SUBSELECTION_NOT_ALLOWED.matcher(text)).matches()) {
            return "Field `" + m.group(2) + "` is a `" + m.group(1) + "` value with no fields: remove the `{ … }` after it";
        }
        if ((m = UNKNOWN_TYPE.matcher(text)).matches()) {
            List<String> names = schema == null ? List.of()
                    : schema.getAllTypesAsList().stream().map(GraphQLNamedType::getName).filter(n -> !n.startsWith("__")).toList();
            return "Unknown type `" + m.group(1) + "`" + didYouMean(m.group(1), names);
        }
        if ((m = VARIABLE_MISMATCH.matcher(text)).matches()) {
            return "Variable `$" + m.group(1) + "` is declared as `" + m.group(2) + "` but used where `" + m.group(3)
                    + "` is expected";
        }
        if ((m = VARIABLE_INVALID.matcher(text)).matches()) {
            return variable(m.group(1), m.group(2), schema);
        }
        if ((m = VARIABLE_EXTRA_FIELD.matcher(text)).matches()) {
            return "`" + m.group(2) + "` has no field `" + m.group(1) + "` (in the variables)"
                    + didYouMean(m.group(1), inputFields(schema, m.group(2)));
        }
        if ((m = UNKNOWN_OPERATION.matcher(text)).matches()) {
            return "The document has no operation with the `operationName` given";
        }
        if (text.startsWith("Must provide operation name")) {
            return "The document has several operations: set `operationName` to the one to run";
        }
        if ((m = DEPTH.matcher(text)).matches()) {
            return "The query is nested " + m.group(1) + " levels deep; at most " + m.group(2) + " are allowed";
        }
        if ((m = COMPLEXITY.matcher(text)).matches()) {
            return "The query is too large (complexity " + m.group(1) + ", at most " + m.group(2)
                    + "): ask for fewer fields or split it into several requests";
        }
        return clean(capitalize(text.replaceAll("'([^'\\s]{1,60})'", "`$1`").trim()), "The request is not valid for this API");
    }

    /** A syntax error: where it is and, when it is a plain token, what was found there (never string contents). */
    public static String syntax(InvalidSyntaxException e) {
        StringBuilder out = new StringBuilder("The document is not valid GraphQL syntax");
        if (e.getLocation() != null && e.getLocation().getLine() > 0) {
            out.append(" at line ").append(e.getLocation().getLine()).append(", column ").append(e.getLocation().getColumn());
        }
        Matcher token = SYNTAX_TOKEN.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (token.matches() && PLAIN_TOKEN.matcher(token.group(1)).matches()) {
            out.append(token.group(1).equals("<EOF>") ? ": it ends too early (an unclosed `{` or `(`?)"
                    : ": unexpected `" + token.group(1) + "`");
        }
        return out.toString();
    }

    /** The message when it names nothing internal, else the fallback. */
    public static String clean(String message, String fallback) {
        return message == null || message.isBlank() || LEAK.matcher(message).find() ? fallback : message;
    }

    public static boolean isClean(String message) {
        return message != null && !LEAK.matcher(message).find();
    }

    private static String variable(String name, String detail, GraphQLSchema schema) {
        String v = "Variable `$" + name + "`";
        Matcher m;
        if ((m = VARIABLE_NULL.matcher(detail)).matches()) {
            return v + " (`" + m.group(1) + "`) is required and must not be null";
        }
        if ((m = VARIABLE_WRONG_TYPE.matcher(detail)).matches()) {
            return v + " must be " + describe(m.group(1), schema) + ", not " + jsonKind(m.group(2));
        }
        if ((m = VARIABLE_BAD_ENUM.matcher(detail)).matches()) {
            return v + " has a `" + m.group(1) + "` value that must be " + describe(m.group(1), schema);
        }
        if ((m = VARIABLE_NOT_MAP.matcher(detail)).matches()) {
            return v + " must be a JSON object (an input object), not " + jsonKind(m.group(1));
        }
        if ((m = VARIABLE_SCALAR.matcher(detail)).matches()) {
            return v + " has a value that must be " + describe(m.group(1), schema) + " but is " + jsonKind(m.group(2));
        }
        return v + " does not match its declared type";
    }

    /** SmallRye could not convert an argument: say what the argument's type expects. */
    private static String conversion(String argument, List<String> queryPath, GraphQLSchema schema) {
        GraphQLFieldDefinition definition = fieldAt(schema, queryPath);
        GraphQLArgument arg = definition == null ? null : definition.getArgument(argument);
        String prefix = "Argument `" + argument + "` has a value of the wrong type";
        if (arg == null) {
            return prefix + " (DateTime values are ISO-8601 with an offset, e.g. 2026-01-31T10:15:30Z)";
        }
        GraphQLType type = GraphQLTypeUtil.unwrapAll(arg.getType());
        if (type instanceof GraphQLInputObjectType input) {
            return prefix + ": a field of `" + input.getName() + "` does not fit its type"
                    + " (DateTime values are ISO-8601 with an offset, e.g. 2026-01-31T10:15:30Z)";
        }
        return prefix + ": it must be " + describe(((GraphQLNamedType) type).getName(), schema);
    }

    /** What a value of a named type looks like, in words. */
    static String describe(String typeName, GraphQLSchema schema) {
        return switch (typeName) {
            case "Int" -> "a whole number (Int, -2147483648 to 2147483647)";
            case "Float" -> "a number (Float)";
            case "String" -> "a string";
            case "Boolean" -> "true or false (Boolean)";
            case "ID" -> "an ID (a string)";
            case "DateTime" -> DATE_TIME_HINT;
            default -> {
                GraphQLType type = schema == null ? null : schema.getType(typeName);
                if (type instanceof GraphQLEnumType e) {
                    yield "one of " + e.getValues().stream().map(GraphQLEnumValueDefinition::getName)
                            .collect(Collectors.joining(", ")) + " (`" + typeName + "`)";
                }
                if (type instanceof GraphQLInputObjectType) {
                    yield "an input object of type `" + typeName + "`";
                }
                yield "a valid `" + typeName + "`";
            }
        };
    }

    /** The JSON kind of a value SmallRye or graphql-java names by its Java class. */
    private static String jsonKind(String javaType) {
        String t = javaType.toLowerCase(Locale.ROOT);
        if (t.contains("map") || t.contains("object")) {
            return "an object";
        }
        if (t.contains("list") || t.contains("array") || t.contains("collection")) {
            return "a list";
        }
        if (t.contains("bool")) {
            return "a boolean";
        }
        if (t.contains("string") || t.contains("char")) {
            return "a string";
        }
        if (t.contains("decimal") || t.contains("integer") || t.contains("long") || t.contains("double") || t.contains("int")
                || t.contains("float") || t.contains("number")) {
            return "a number";
        }
        return "a value of another kind";
    }

    /** The field definition at a query path, walking from the root operation types; null if not found. */
    static GraphQLFieldDefinition fieldAt(GraphQLSchema schema, List<String> path) {
        if (schema == null || path == null || path.isEmpty()) {
            return null;
        }
        for (GraphQLObjectType root : new GraphQLObjectType[] { schema.getQueryType(), schema.getMutationType() }) {
            GraphQLFieldDefinition found = walk(root, path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static GraphQLFieldDefinition walk(GraphQLFieldsContainer root, List<String> path) {
        GraphQLFieldsContainer current = root;
        GraphQLFieldDefinition definition = null;
        for (String segment : path) {
            if (current == null) {
                return null;
            }
            definition = current.getFieldDefinition(segment);
            if (definition == null) {
                return null;
            }
            GraphQLType next = GraphQLTypeUtil.unwrapAll(definition.getType());
            current = next instanceof GraphQLFieldsContainer c ? c : null;
        }
        return definition;
    }

    private static List<String> inputFields(GraphQLSchema schema, String typeName) {
        GraphQLType type = schema == null ? null : schema.getType(typeName);
        return type instanceof GraphQLInputObjectType input
                ? input.getFieldDefinitions().stream().map(GraphQLInputObjectField::getName).toList() : List.of();
    }

    /** "; did you mean `x`?" for the closest names (edit distance within 40% of the length), else "". */
    static String didYouMean(String unknown, Collection<String> candidates) {
        int threshold = (int) Math.floor(unknown.length() * 0.4) + 1;
        List<String> close = new ArrayList<>();
        for (String candidate : candidates) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d <= threshold && !candidate.equals(unknown)) {
                close.add(candidate);
            }
        }
        if (close.isEmpty()) {
            return "";
        }
        close.sort(Comparator.comparingInt((String c) -> distance(unknown.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        List<String> best = close.subList(0, Math.min(3, close.size()));
        return "; did you mean " + String.join(" or ", best.stream().map(s -> "`" + s + "`").toList()) + "?";
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
