package io.lethe.graphql;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Rejects a POST to /graphql that is not a JSON object with a parseable {@code query}, answering
 * with a {@code BAD_USER_INPUT} error. SmallRye answers these before graphql-java runs (so
 * {@link ErrorCodes} never sees them) with an error that has no code. Runs after authentication
 * (order -10 follows Quarkus' security filters), so an anonymous caller still gets 401.
 * The document is parsed twice for valid requests; parsing is microseconds next to execution.
 */
@ApplicationScoped
public class RequestCheck {
    private final String path;
    private final long maxBodyBytes;
    private final ParserOptions parserOptions;

    public RequestCheck(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String path,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBody,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") Optional<Integer> maxTokens,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-whitespace-tokens") Optional<Integer> maxWhitespace) {
        this.path = path;
        this.maxBodyBytes = maxBody.asLongValue();
        // the same limits SmallRye parses with, so a document passes here exactly when it passes there
        ParserOptions.Builder builder = ParserOptions.newParserOptions().captureSourceLocation(true);
        maxTokens.ifPresent(builder::maxTokens);
        maxWhitespace.ifPresent(builder::maxWhitespaceTokens);
        this.parserOptions = builder.build();
    }

    void install(@Observes Router router) {
        // Quarkus' body handler on the GraphQL route sees the body is read already and passes
        router.post(path).order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            ctx.next(); // e.g. application/graphql: SmallRye's own handling
            return;
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            reject(ctx, "the request body must be a JSON object with a `query`", null);
            return;
        }
        Object query = body.getValue("query");
        if (!(query instanceof String document) || document.isBlank()) {
            reject(ctx, "the request has no `query`", null);
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(document).parserOptions(parserOptions).build());
        } catch (InvalidSyntaxException e) {
            reject(ctx, e.getMessage(), e.getLocation());
            return;
        }
        ctx.next();
    }

    private static void reject(RoutingContext ctx, String message, SourceLocation location) {
        JsonObject error = new JsonObject().put("message", message);
        if (location != null && location.getLine() > 0) {
            error.put("locations", new JsonArray().add(new JsonObject().put("line", location.getLine())
                    .put("column", location.getColumn())));
        }
        error.put("extensions", new JsonObject().put("code", ErrorCodes.BAD_USER_INPUT).put("classification",
                "InvalidSyntax"));
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
