package io.lethe.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * A graphql-transport-ws client (the protocol of the `graphql-ws` library) on java.net.http's
 * WebSocket, as a dashboard in a browser would use it: connection_init (optionally with the token
 * in its payload), subscribe, then next… and complete, or error.
 */
public final class GraphQLWs implements AutoCloseable {
    public static final String PROTOCOL = "graphql-transport-ws";

    private final WebSocket socket;
    private final BlockingQueue<JsonObject> received;
    private final CompletableFuture<Integer> closeCode;

    private GraphQLWs(WebSocket socket, BlockingQueue<JsonObject> received, CompletableFuture<Integer> closeCode) {
        this.socket = socket;
        this.received = received;
        this.closeCode = closeCode;
    }

    /** The running test application's GraphQL endpoint as a ws:// URI. */
    public static URI endpoint() {
        return URI.create("ws://localhost:" + RestAssured.port + "/graphql");
    }

    /** Opens the socket; {@code headerToken} (nullable) goes in the upgrade request's Authorization header. */
    public static GraphQLWs open(URI uri, String headerToken) {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(PROTOCOL)
                .connectTimeout(Duration.ofSeconds(10));
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.add(new JsonObject(text.toString()));
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.completeExceptionally(error);
            }
        }).join();
        return new GraphQLWs(socket, received, closeCode);
    }

    public static GraphQLWs open(String headerToken) {
        return open(endpoint(), headerToken);
    }

    /** connection_init with the token in its payload (null: no payload); returns the server's answer. */
    public JsonObject init(String payloadToken) {
        JsonObject init = new JsonObject().put("type", "connection_init");
        if (payloadToken != null) {
            init.put("payload", new JsonObject().put("Authorization", "Bearer " + payloadToken));
        }
        send(init);
        return next(Duration.ofSeconds(10));
    }

    public void subscribe(String operationId, String query, Map<String, Object> variables) {
        send(new JsonObject().put("id", operationId).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))));
    }

    public void complete(String operationId) {
        send(new JsonObject().put("id", operationId).put("type", "complete"));
    }

    public void send(JsonObject message) {
        socket.sendText(message.encode(), true).join();
    }

    /** The next message, or null when none arrived within {@code timeout}. */
    public JsonObject next(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The close code the server sent, or null if it did not close within {@code timeout}. */
    public Integer closeCode(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }
}
