package io.lethe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest {
    @Test
    void startTranscriptAndReadBack() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        var started = Api.ok(ingest, "mutation($k:String!){ startTranscript(input:{visitorKey:$k, ipAddress:\"10.1.2.3\"}){ id visitor { visitorKey } } }",
                Map.of("k", "vk-1"));
        String id = started.getString("data.startTranscript.id");
        Api.ok(ingest, "mutation($id:ID!){ appendMessages(transcriptId:$id, messages:[{sender:VISITOR, body:\"hi\"},{sender:OPERATOR, body:\"hello\"}]){ id messages { seq body } } }",
                Map.of("id", id));
        var read = Api.ok(Api.token(tenant, "agent"), "query($id:ID!){ transcript(id:$id){ id messages { seq sender body } visitor { visitorKey ipAddress } } }",
                Map.of("id", id));
        assertThat(read.getList("data.transcript.messages.body")).containsExactly("hi", "hello");
        assertThat(read.getString("data.transcript.visitor.visitorKey")).isEqualTo("vk-1");
    }
}
