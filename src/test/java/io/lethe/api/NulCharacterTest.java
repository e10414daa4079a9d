package io.lethe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * PostgreSQL text cannot hold U+0000; a NUL in any text argument (mutations and filters) is a
 * BAD_USER_INPUT naming the argument, never an INTERNAL error from the database, and writes nothing.
 */
@QuarkusTest
class NulCharacterTest {
    private static final String NUL = "\u0000";

    @Inject
    Pool pool;

    private record Case(String token, String query, Map<String, Object> variables, String field) {
    }

    private long everything(String tenant) {
        return Fixtures.tenantRows(pool, tenant)
                + Fixtures.count(pool, "select count(*) from data_subject_request where tenant_id = $1", tenant)
                + Fixtures.count(pool, "select count(*) from redaction_job where tenant_id = $1", tenant)
                + Fixtures.count(pool, "select count(*) from data_export where tenant_id = $1", tenant)
                + Fixtures.count(pool, "select count(*) from audit_event where tenant_id = $1", tenant);
    }

    @Test
    void aNulInAnyTextArgumentIsBadUserInputNamingItAndWritesNothing() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String agent = Api.token(tenant, "agent");
        String t = Chat.start(ingest, "v-nul", null, null);
        String visitorId = Fixtures.read(agent, t).getString("data.transcript.visitor.id");
        String dsr = Api.ok(admin, "mutation { openDataSubjectRequest(input: {type: RECTIFICATION, email: \"n@example.com\"})"
                + " { id } }").getString("data.openDataSubjectRequest.id");

        String start = "mutation($in: StartTranscriptInput!) { startTranscript(input: $in) { id } }";
        String consent = "mutation($in: ConsentInput!) { recordConsent(input: $in) { id } }";
        String open = "mutation($in: DataSubjectRequestInput!) { openDataSubjectRequest(input: $in) { id } }";
        String close = "mutation($id: ID!, $n: String) { closeDataSubjectRequest(id: $id, status: COMPLETED, note: $n) { id } }";
        String erase = "mutation($in: ErasureInput!) { requestErasure(input: $in) { id } }";
        String hold = "mutation($id: ID!, $r: String) { setLegalHold(transcriptId: $id, hold: true, reason: $r) { id } }";
        String rectify = "mutation($id: ID!, $in: RectifyVisitorInput!) { rectifyVisitor(id: $id, input: $in) { id } }";
        String export = "mutation($e: String!) { exportVisitorData(email: $e) { id } }";
        String transcripts = "query($f: TranscriptFilter) { transcripts(filter: $f) { totalCount } }";
        String visitors = "query($f: VisitorFilter) { visitors(filter: $f) { totalCount } }";

        List<Case> cases = new ArrayList<>();
        cases.add(new Case(ingest, start, Map.of("in", Map.of("visitorKey", "v" + NUL + "1")), "visitorKey"));
        cases.add(new Case(ingest, start, Map.of("in", Map.of("visitorKey", "v-2", "ipAddress", "192.0.2.1" + NUL)), "ipAddress"));
        cases.add(new Case(ingest, Fixtures.APPEND, Map.of("id", t, "m", List.of(Fixtures.msg("VISITOR", "hi" + NUL))),
                "messages[0].body"));
        Map<String, Object> named = new HashMap<>(Fixtures.msg("OPERATOR", "hello"));
        named.put("senderName", "Sam" + NUL);
        cases.add(new Case(ingest, Fixtures.APPEND, Map.of("id", t, "m", List.of(Fixtures.msg("VISITOR", "ok"), named)),
                "messages[1].senderName"));
        cases.add(new Case(ingest, Fixtures.SUBMIT, Map.of("id", t, "f", List.of(Fixtures.field("na" + NUL + "me", "Gwen"))),
                "fields[0].name"));
        cases.add(new Case(ingest, Fixtures.SUBMIT, Map.of("id", t, "f", List.of(Fixtures.field("name", "Gwen" + NUL))),
                "fields[0].value"));
        cases.add(new Case(ingest, consent, Map.of("in", Fixtures.consent("v-nul", t, "chat" + NUL, true, "ok")), "purpose"));
        cases.add(new Case(ingest, consent, Map.of("in", Fixtures.consent("v-nul", t, "chat", true, "we keep" + NUL)),
                "consentText"));
        cases.add(new Case(ingest, consent, Map.of("in", Fixtures.consent("v" + NUL, null, "chat", true, "ok")), "visitorKey"));
        cases.add(new Case(admin, open, Map.of("in", Map.of("type", "ACCESS", "email", "a@example.com", "note", "x" + NUL)),
                "note"));
        cases.add(new Case(admin, open, Map.of("in", Map.of("type", "ACCESS", "email", "a" + NUL + "@example.com")), "email"));
        cases.add(new Case(admin, close, Map.of("id", dsr, "n", "done" + NUL), "note"));
        cases.add(new Case(admin, erase, Map.of("in", Map.of("email", "a@example.com", "idempotencyKey", "k" + NUL)),
                "idempotencyKey"));
        cases.add(new Case(admin, hold, Map.of("id", t, "r", "litigation" + NUL), "reason"));
        cases.add(new Case(admin, rectify, Map.of("id", visitorId, "in", Map.of("name", "Gw" + NUL + "en")), "name"));
        cases.add(new Case(admin, rectify, Map.of("id", visitorId, "in", Map.of("phone", "+1 415" + NUL + " 555 0142")), "phone"));
        cases.add(new Case(admin, export, Map.of("e", "a@example.com" + NUL), "email"));
        cases.add(new Case(agent, transcripts, Map.of("f", Map.of("email", "a@example.com" + NUL)), "filter.email"));
        cases.add(new Case(agent, transcripts, Map.of("f", Map.of("text", "order" + NUL)), "filter.text"));
        cases.add(new Case(agent, visitors, Map.of("f", Map.of("email", "a@example.com" + NUL)), "filter.email"));
        cases.add(new Case(agent, visitors, Map.of("f", Map.of("visitorKey", "v" + NUL)), "filter.visitorKey"));

        Map<String, String> wrong = new LinkedHashMap<>();
        for (Case c : cases) {
            long before = everything(tenant);
            JsonPath errors = Api.errors(c.token(), c.query(), c.variables());
            String label = c.query().substring(0, Math.min(40, c.query().length())) + " / " + c.field();
            String code = errors.getString("errors[0].extensions.code");
            String message = errors.getString("errors[0].message");
            if (!"BAD_USER_INPUT".equals(code) || message == null || !message.contains("`" + c.field() + "`")) {
                wrong.put(label, code + ": " + message);
            }
            if (everything(tenant) != before) {
                wrong.put(label + " (rows)", "something was written");
            }
        }
        assertThat(wrong).isEmpty();
        // the case stays open and the transcript unheld
        assertThat(Fixtures.count(pool, "select count(*) from data_subject_request where tenant_id = $1 and status = 'OPEN'",
                tenant)).isEqualTo(1);
        assertThat(Fixtures.count(pool, "select count(*) from transcript where tenant_id = $1 and legal_hold", tenant)).isZero();
    }
}
