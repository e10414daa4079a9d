package io.lethe.graphql;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.lethe.security.CurrentCaller;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks every request to /graphql before SmallRye sees it and answers what it would get wrong
 * with a coded GraphQL-over-HTTP error: a body that is not a UTF-8 JSON object (400), a
 * {@code query}, {@code variables}, {@code operationName} or {@code extensions} of the wrong JSON
 * type (400; SmallRye casts them blindly and answers 500), an unparseable document (200, like
 * validation errors), a Content-Type other than JSON (415), an Accept it cannot serve (406) and
 * any method but POST (405). SmallRye's own answers to these have no code or no body at all.
 * The body is parsed with the same JSON parser SmallRye uses, so what passes here parses there.
 * Runs after authentication (order -10 follows Quarkus' security filters), so an anonymous caller
 * still gets 401. A document {@link DocumentCache} holds parsed and validated already is not parsed
 * again; a new one is parsed here once more (for its syntax error) before graphql-java parses it.
 * The one GET let through is the WebSocket upgrade of subscriptions.
 */
@ApplicationScoped
public class RequestCheck {
    private static final JsonParserFactory JSON = Json.createParserFactory(Map.of());
    /** SmallRye replaces raw tabs and newlines before parsing (queries pasted from text blocks): so do we. */
    private static final Pattern NEWLINE_OR_TAB = Pattern.compile("\\n|\\t");
    private static final String USE_JSON = "send a POST with `Content-Type: application/json` and a UTF-8 JSON body"
            + " {\"query\": \"…\", \"variables\": {…}}";

    private final String path;
    private final long maxBodyBytes;
    private final ParserOptions parserOptions;
    private final DocumentCache documents;

    public RequestCheck(DocumentCache documents, @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String path,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBody,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") Optional<Integer> maxTokens,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-whitespace-tokens") Optional<Integer> maxWhitespace) {
        this.documents = documents;
        this.path = path;
        this.maxBodyBytes = maxBody.asLongValue();
        // the same limits SmallRye parses with, so a document passes here exactly when it passes there
        ParserOptions.Builder builder = ParserOptions.newParserOptions().captureSourceLocation(true);
        maxTokens.ifPresent(builder::maxTokens);
        maxWhitespace.ifPresent(builder::maxWhitespaceTokens);
        this.parserOptions = builder.build();
    }

    void install(@Observes Router router) {
        router.route(path).order(-10).handler(this::checkMethod);
        // Quarkus' body handler on the GraphQL route sees the body is read already and passes
        router.post(path).order(-9).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::check);
    }

    void checkMethod(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.POST || method == HttpMethod.OPTIONS || isWebSocketUpgrade(ctx)) {
            ctx.next();
            return;
        }
        // GET would skip every check below (and is off in SmallRye anyway): one way in, POST
        ctx.response().putHeader("Allow", "POST, OPTIONS");
        reject(ctx, 405, "GraphQL requests must be POSTed: " + USE_JSON, null, "RequestError");
    }

    /** Subscriptions: SmallRye takes the GET that upgrades to graphql-transport-ws. */
    static boolean isWebSocketUpgrade(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.GET
                && ctx.request().headers().contains("Upgrade", "websocket", true);
    }

    void check(RoutingContext ctx) {
        if (!acceptsJson(ctx)) {
            reject(ctx, 406, "GraphQL answers are application/json or application/graphql+json:"
                    + " send `Accept: application/json` (or leave Accept out)", null, "RequestError");
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json");
        if (!json && !mediaType.equals("application/graphql")) {
            reject(ctx, 415, (contentType == null ? "the request has no Content-Type: " : "Content-Type `" + mediaType
                    + "` is not accepted: ") + USE_JSON, null, "RequestError");
            return;
        }
        String charset = charset(contentType);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
            reject(ctx, 415, "the body must be UTF-8 (the request declares charset " + charset + "): " + USE_JSON, null,
                    "RequestError");
            return;
        }
        Buffer raw = ctx.body().buffer();
        byte[] bytes = raw == null ? new byte[0] : raw.getBytes();
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            reject(ctx, 400, "the body starts with a byte order mark: send UTF-8 JSON without a BOM", null, "RequestError");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            reject(ctx, 400, "the body is not valid UTF-8 (UTF-16 or another encoding?): " + USE_JSON, null, "RequestError");
            return;
        }
        String document;
        if (json) {
            JsonObject body;
            try {
                body = readObject(text);
            } catch (JsonException | IllegalStateException | ClassCastException e) {
                reject(ctx, 400, text.isBlank() ? "the request body is empty: " + USE_JSON
                        : "the request body is not a JSON object: " + USE_JSON, null, "RequestError");
                return;
            }
            String problem = envelopeProblem(body);
            if (problem != null) {
                reject(ctx, 400, problem, null, "RequestError");
                return;
            }
            document = body.getString("query");
        } else {
            document = text;
        }
        if (document.isBlank()) {
            reject(ctx, 400, "the request has an empty `query`", null, "RequestError");
            return;
        }
        // resolvers find the caller on the request's context, whatever request context they run in
        CurrentCaller.publish(ctx);
        if (documents.isKnown(document)) {
            ctx.next();
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(document).parserOptions(parserOptions).build());
        } catch (InvalidSyntaxException e) {
            reject(ctx, 200, ErrorMessages.syntax(e), e.getLocation(), "InvalidSyntax");
            return;
        }
        ctx.next();
    }

    /** What is wrong with a JSON request body, in a sentence; null when SmallRye can execute it. */
    static String envelopeProblem(JsonObject body) {
        JsonValue query = body.get("query");
        if (query == null || query.getValueType() == JsonValue.ValueType.NULL) {
            return "the request has no `query`: " + USE_JSON;
        }
        if (query.getValueType() != JsonValue.ValueType.STRING) {
            return "`query` must be a string holding the GraphQL document, not " + typeName(query);
        }
        if (!isNullOr(body.get("variables"), JsonValue.ValueType.OBJECT)) {
            return "`variables` must be a JSON object mapping variable names to values, not " + typeName(body.get("variables"));
        }
        if (!isNullOr(body.get("operationName"), JsonValue.ValueType.STRING)) {
            return "`operationName` must be a string naming an operation of the document, not "
                    + typeName(body.get("operationName"));
        }
        if (!isNullOr(body.get("extensions"), JsonValue.ValueType.OBJECT)) {
            return "`extensions` must be a JSON object, not " + typeName(body.get("extensions"));
        }
        return null;
    }

    /** One JSON object and nothing after it (SmallRye's reader would ignore trailing text). */
    private static JsonObject readObject(String text) {
        try (JsonParser parser = JSON.createParser(new StringReader(NEWLINE_OR_TAB.matcher(text).replaceAll(" ")))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not an object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new JsonException("text after the object");
            }
            return object;
        }
    }

    private static boolean isNullOr(JsonValue value, JsonValue.ValueType type) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL || value.getValueType() == type;
    }

    /** The JSON type of a value, never the value itself (it may be personal data). */
    private static String typeName(JsonValue value) {
        return switch (value.getValueType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    /** SmallRye answers 406 with no body unless some Accept value is JSON or a wildcard. */
    private static boolean acceptsJson(RoutingContext ctx) {
        List<MIMEHeader> accept = ctx.parsedHeaders().accept();
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        for (MIMEHeader value : accept) {
            String raw = value.rawValue();
            if (raw.startsWith("application/json") || raw.startsWith("application/graphql+json") || raw.startsWith("*/*")) {
                return true;
            }
        }
        return false;
    }

    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                return p.substring("charset=".length()).replace("\"", "").trim();
            }
        }
        return null;
    }

    private static void reject(RoutingContext ctx, int status, String message, SourceLocation location, String classification) {
        io.vertx.core.json.JsonObject error = new io.vertx.core.json.JsonObject().put("message", message);
        if (location != null && location.getLine() > 0) {
            error.put("locations", new JsonArray().add(new io.vertx.core.json.JsonObject().put("line", location.getLine())
                    .put("column", location.getColumn())));
        }
        error.put("extensions", new io.vertx.core.json.JsonObject().put("code", ErrorCodes.BAD_USER_INPUT)
                .put("classification", classification));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(new io.vertx.core.json.JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
