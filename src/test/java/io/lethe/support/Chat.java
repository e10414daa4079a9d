package io.lethe.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ingest shortcuts: what the chat product sends, through the public API. */
public final class Chat {
    private Chat() {
    }

    public static String start(String ingestToken, String visitorKey, String startedAt, String ip) {
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("visitorKey", visitorKey);
        input.put("startedAt", startedAt);
        input.put("ipAddress", ip);
        return Api.ok(ingestToken, "mutation($in: StartTranscriptInput!) { startTranscript(input: $in) { id } }",
                Map.of("in", input)).getString("data.startTranscript.id");
    }

    public static void say(String ingestToken, String transcriptId, String sentAt, String... bodies) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            Map<String, Object> m = new java.util.HashMap<>();
            m.put("sender", i % 2 == 0 ? "VISITOR" : "OPERATOR");
            m.put("body", bodies[i]);
            if (sentAt != null) {
                m.put("sentAt", sentAt);
            }
            messages.add(m);
        }
        Api.ok(ingestToken, "mutation($id: ID!, $m: [MessageInput!]!) { appendMessages(transcriptId: $id, messages: $m) { id } }",
                Map.of("id", transcriptId, "m", messages));
    }

    public static void form(String ingestToken, String transcriptId, Map<String, String> fields) {
        List<Map<String, String>> list = new ArrayList<>();
        fields.forEach((name, value) -> list.add(Map.of("name", name, "value", value)));
        Api.ok(ingestToken, "mutation($id: ID!, $f: [FormFieldInput!]!) { submitForm(transcriptId: $id, fields: $f) { id } }",
                Map.of("id", transcriptId, "f", list));
    }

    public static String upload(String ingestToken, String transcriptId, String fileName, byte[] bytes) {
        return given().header("Authorization", "Bearer " + ingestToken).header("X-File-Name", fileName)
                .contentType("application/octet-stream").body(bytes)
                .post("/transcripts/" + transcriptId + "/attachments")
                .then().statusCode(201).extract().jsonPath().getString("id");
    }
}
