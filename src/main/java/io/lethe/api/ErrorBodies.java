package io.lethe.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The two error bodies Lethe answers with outside a GraphQL result: REST routes get
 * {@code {"code": …, "message": …}}, the GraphQL endpoint gets a GraphQL-over-HTTP
 * {@code {"errors": [{"message": …, "extensions": {"code": …}}]}} so GraphQL clients can read it.
 * Every HTTP status has a code and a message that says what to do.
 */
public final class ErrorBodies {
    public static final String JSON = "application/json;charset=UTF-8";

    private ErrorBodies() {
    }

    /** The code of an HTTP status: the API codes where one fits, else a name of the status. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_USER_INPUT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 410 -> "GONE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "BAD_USER_INPUT";
        };
    }

    /** The HTTP status of an {@link ApiException} code. */
    public static int statusFor(String code) {
        return switch (code) {
            case "UNAUTHENTICATED" -> 401;
            case "FORBIDDEN" -> 403;
            case "NOT_FOUND" -> 404;
            case "BAD_USER_INPUT" -> 400;
            case "CONFLICT" -> 409;
            case PayloadTooLargeException.CODE -> 413;
            case "UNAVAILABLE" -> 503;
            default -> 500;
        };
    }

    /** A message for a status when nothing more specific is known. */
    public static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "the request is not valid: check the path, headers and body";
            case 401 -> "a valid bearer token is required (header `Authorization: Bearer <token>`)";
            case 403 -> "your token's roles do not allow this operation";
            case 404 -> "nothing exists at this path: check the URL and the id";
            case 405 -> "this path does not accept this HTTP method";
            case 406 -> "this path cannot answer in the requested format: accept application/json";
            case 409 -> "the request conflicts with the current state; reload and retry";
            case 410 -> "this resource is gone for good";
            case 413 -> "the request body is too large";
            case 415 -> "this Content-Type is not accepted here";
            case 503 -> "the service is unavailable; retry in a few seconds";
            default -> status >= 500 ? "internal error" : "the request is not valid";
        };
    }

    /** Ends the response with the error body that fits the path: GraphQL's for the GraphQL endpoint, else REST's. */
    public static void send(RoutingContext ctx, String graphqlPath, int status, String code, String message) {
        String path = ctx.normalizedPath();
        boolean graphql = graphqlPath.equals(path);
        JsonObject body = graphql ? graphql(code, message) : rest(code, message);
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
    }

    public static JsonObject rest(String code, String message) {
        return new JsonObject().put("code", code).put("message", message);
    }

    public static JsonObject graphql(String code, String message) {
        return new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", code))));
    }
}
