package io.lethe.db;

import java.util.List;
import java.util.Locale;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Which operation a GraphQL request runs: only queries share a snapshot (see {@link ReadSession}). */
final class GraphQLOperations {
    /** The document was accepted by SmallRye's parser limits already; this parse needs none of its own. */
    private static final ParserOptions UNLIMITED = ParserOptions.newParserOptions().maxTokens(Integer.MAX_VALUE)
            .maxWhitespaceTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE).maxRuleDepth(Integer.MAX_VALUE)
            .captureSourceLocation(false).captureIgnoredChars(false).captureLineComments(false).build();

    private GraphQLOperations() {
    }

    /** Whether the request runs a query; false when unsure (a mutation, an unreadable request). */
    static boolean isQuery(RoutingContext ctx) {
        try {
            if (ctx.request().method() == HttpMethod.GET) {
                return isQuery(ctx.request().getParam("query"), ctx.request().getParam("operationName"));
            }
            String contentType = ctx.request().getHeader("Content-Type");
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/graphql")) {
                return isQuery(ctx.body().asString(), ctx.request().getParam("operationName"));
            }
            JsonObject body = ctx.body().asJsonObject();
            return body != null && body.getValue("query") instanceof String document
                    && isQuery(document, body.getValue("operationName") instanceof String name ? name : null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code document} runs a query, given the requested operation name (null: its only operation). */
    static boolean isQuery(String document, String operationName) {
        if (document == null || document.isBlank()) {
            return false;
        }
        // GraphQL keywords have no escapes: without these words every operation is a query
        if (!document.contains("mutation") && !document.contains("subscription")) {
            return true;
        }
        Document parsed;
        try {
            parsed = Parser.parse(ParserEnvironment.newParserEnvironment().document(document).parserOptions(UNLIMITED).build());
        } catch (RuntimeException e) {
            return false;
        }
        List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition chosen = null;
        if (operationName == null || operationName.isEmpty()) {
            chosen = operations.size() == 1 ? operations.get(0) : null;
        } else {
            for (OperationDefinition operation : operations) {
                if (operationName.equals(operation.getName())) {
                    chosen = operation;
                }
            }
        }
        return chosen != null && chosen.getOperation() == OperationDefinition.Operation.QUERY;
    }
}
