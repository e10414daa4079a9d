package io.lethe.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Fixtures;
import io.lethe.support.Jobs;
import io.lethe.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/** A withdrawal for a purpose in eraseOnConsentWithdrawal opens an ERASURE request, and its job erases the visitor. */
@QuarkusTest
class ConsentWithdrawalErasureTest {
    private static final String CASES = "{ dataSubjectRequests(first: 50) { edges { node { id type status subject"
            + " jobs { id kind status } } } } }";
    private static final String READ = "query($id: ID!) { transcript(id: $id) { redactedAt messages { sender body }"
            + " visitor { visitorKey email redactedAt } } }";

    @Inject
    Jobs jobs;
    @Inject
    Pool pool;

    @Test
    void aVisitorWithoutEmailIsErasedByVisitorKeyOnceAndOnlyOnce() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        setErasePurposes(admin, List.of("chat-transcripts"));
        String key = "vk-" + UUID.randomUUID();
        String chat = Chat.start(ingest, key, null, "203.0.113.9");
        Chat.say(ingest, chat, null, "call me on +1 415 555 0142, I'm visitor " + key, "Sure.");
        String earlier = Chat.start(ingest, key, null, null);
        Chat.say(ingest, earlier, null, "an older chat of mine");
        Api.ok(ingest, Fixtures.END, Map.of("id", earlier));
        String bystander = Chat.start(ingest, "bystander-" + UUID.randomUUID(), null, null);
        Chat.say(ingest, bystander, null, "unrelated, call 212-555-0199");

        // neither a grant nor a withdrawal for another purpose opens anything
        consent(ingest, key, chat, "chat-transcripts", true);
        consent(ingest, key, chat, "marketing-email", false);
        assertThat(cases(admin)).isEmpty();

        LogCapture logs = LogCapture.start();
        consent(ingest, key, chat, "chat-transcripts", false);
        List<Map<String, Object>> opened = cases(admin);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0)).containsEntry("type", "ERASURE").containsEntry("status", "IN_PROGRESS")
                .containsEntry("subject", key);
        assertThat((List<?>) opened.get(0).get("jobs")).hasSize(1);
        List<String> bodies = Api.ok(admin, READ, Map.of("id", chat)).getList("data.transcript.messages.body", String.class);
        assertThat(bodies).endsWith("Erasure of this visitor's data was requested on consent withdrawal");

        // a second withdrawal while the case is in progress (into the same chat, or wherever) opens nothing new
        consent(ingest, key, chat, "chat-transcripts", false);
        consent(ingest, key, null, "chat-transcripts", false);
        assertThat(cases(admin)).hasSize(1);
        assertThat(Fixtures.count(pool, "select count(*) from redaction_job where tenant_id = $1 and kind = 'ERASURE'",
                tenant)).isEqualTo(1);
        assertThat(Api.ok(admin, READ, Map.of("id", chat)).getList("data.transcript.messages.body", String.class)
                .stream().filter(b -> b.startsWith("Erasure of this visitor")).count()).isEqualTo(1);

        jobs.drain();
        assertThat(logs.stop()).contains("log capture started").noneMatch(l -> l.contains(key) || l.contains("555 0142"));

        Map<String, Object> done = cases(admin).get(0);
        assertThat(done).containsEntry("status", "COMPLETED");
        assertThat((String) done.get("subject")).as("masked").isEqualTo("v***");
        assertThat(Api.ok(admin, CASES).getList("data.dataSubjectRequests.edges.node.jobs.status").toString())
                .contains("SUCCEEDED");
        for (String id : List.of(chat, earlier)) {
            JsonPath read = Api.ok(admin, READ, Map.of("id", id)).setRootPath("data.transcript");
            assertThat(read.getString("redactedAt")).as(id).isNotNull();
            assertThat(read.getString("visitor.visitorKey")).isEqualTo("<redacted>");
            assertThat(read.getList("messages.body", String.class)).noneMatch(b -> b.contains(key) || b.contains("555 0142"));
        }
        JsonPath chatRead = Api.ok(admin, READ, Map.of("id", chat)).setRootPath("data.transcript");
        assertThat(chatRead.getList("messages.body", String.class)).contains("call me on <redacted>, I'm visitor <redacted>",
                "Erasure of this visitor's data was requested on consent withdrawal");
        assertThat(Fixtures.count(pool, "select count(*) from visitor where tenant_id = $1 and ip_address is not null",
                tenant)).isZero();
        assertThat(Api.ok(admin, READ, Map.of("id", bystander)).getString("data.transcript.redactedAt")).isNull();

        // nothing that stays names the visitor: audit, job and case rows
        assertThat(Fixtures.count(pool, "select count(*) from audit_event where tenant_id = $1 and details like $2",
                tenant, "%" + key + "%")).isZero();
        assertThat(Fixtures.count(pool, "select count(*) from redaction_job where tenant_id = $1 and subject_email is not null",
                tenant)).isZero();
        assertThat(Fixtures.count(pool, "select count(*) from data_subject_request where tenant_id = $1 and subject = $2",
                tenant, key)).isZero();
        // another tenant sees none of it
        assertThat(cases(Api.token(Api.newTenant(), "privacy-admin"))).isEmpty();
    }

    @Test
    void aVisitorWithAnEmailIsErasedByEmailAndARejectedWithdrawalOpensNothing() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        setErasePurposes(admin, List.of("analytics", "chat-transcripts"));
        String key = "ve-" + UUID.randomUUID();
        String email = "Zoe." + UUID.randomUUID().toString().substring(0, 6) + "@Example.org";
        String chat = Chat.start(ingest, key, null, null);
        Chat.form(ingest, chat, Map.of("email", email, "name", "Zoe Zebra"));
        Chat.say(ingest, chat, null, "I'm Zoe Zebra, " + email.toLowerCase());
        String other = Chat.start(ingest, "someone-else", null, null);

        // the transcript belongs to another visitor: BAD_USER_INPUT, and no case either
        JsonPath errors = Api.errors(ingest, Fixtures.CONSENT,
                Map.of("in", Fixtures.consent(key, other, "analytics", false, "Analytics off")));
        assertThat(Fixtures.code(errors)).isEqualTo("BAD_USER_INPUT");
        assertThat(cases(admin)).isEmpty();
        assertThat(Fixtures.count(pool, "select count(*) from redaction_job where tenant_id = $1", tenant)).isZero();

        consent(ingest, key, chat, "analytics", false);
        assertThat(cases(admin)).singleElement().satisfies(c -> assertThat(c).containsEntry("subject", email.toLowerCase()));
        jobs.drain();
        assertThat(cases(admin)).singleElement().satisfies(c -> assertThat(c).containsEntry("status", "COMPLETED"));
        JsonPath read = Api.ok(admin, READ, Map.of("id", chat)).setRootPath("data.transcript");
        assertThat(read.getString("redactedAt")).isNotNull();
        assertThat(read.getString("visitor.email")).isNull();
        assertThat(read.getList("messages.body", String.class)).contains("I'm <redacted>, <redacted>");
    }

    private static void setErasePurposes(String admin, List<String> purposes) {
        Api.ok(admin, "mutation($p: [String!]) { updatePrivacySettings(input: {eraseOnConsentWithdrawal: $p}) {"
                + " eraseOnConsentWithdrawal } }", Map.of("p", purposes));
    }

    private static void consent(String ingest, String key, String transcriptId, String purpose, boolean granted) {
        Api.ok(ingest, Fixtures.CONSENT, Map.of("in", Fixtures.consent(key, transcriptId, purpose, granted,
                "Keep this chat for support")));
    }

    private static List<Map<String, Object>> cases(String admin) {
        return Api.ok(admin, CASES).getList("data.dataSubjectRequests.edges.node");
    }
}
