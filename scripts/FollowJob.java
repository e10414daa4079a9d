import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Follows a redaction job live over graphql-transport-ws, with nothing but a JDK 17:
 *
 *   java scripts/FollowJob.java ws://localhost:8080/graphql "$ADM" <job id>
 *
 * Prints each message the server sends (the job now, after every batch, at the end) and exits
 * when the stream completes or fails. The token goes in the connection_init payload, as a browser
 * would send it.
 */
public class FollowJob {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java scripts/FollowJob.java <ws://host/graphql> <token> <job id>");
            System.exit(2);
        }
        String token = args[1].replace("\"", "");
        String job = args[2].replace("\"", "");
        CompletableFuture<Integer> done = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String message = text.toString();
                            text.setLength(0);
                            System.out.println(message);
                            if (message.contains("\"connection_ack\"")) {
                                ws.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                                        + "\"subscription($id: ID!) { redactionJobProgress(id: $id) { id kind status"
                                        + " transcriptsTotal transcriptsExamined transcriptsRedacted transcriptsSkipped error } }\","
                                        + "\"variables\":{\"id\":\"" + job + "\"}}}", true);
                            } else if (message.contains("\"complete\"")) {
                                done.complete(0);
                            } else if (message.contains("\"type\":\"error\"")) {
                                done.complete(1);
                            }
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        System.out.println("closed " + code + " " + reason);
                        done.complete(code == 1000 ? 0 : 1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        done.completeExceptionally(error);
                    }
                }).join();
        socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}", true);
        int status = done.get();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null).join();
        System.exit(status);
    }
}
