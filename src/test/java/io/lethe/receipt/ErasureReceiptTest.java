package io.lethe.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The receipt of an erasure: the counts per store, the held transcripts and the audit event's hash,
 * signed so that the public JWKS alone verifies it; it names no one and outlives the erased data.
 */
@QuarkusTest
class ErasureReceiptTest {
    private static final String RECEIPT = "query($id: ID!) { erasureReceipt(jobId: $id) { jobId requestId subjectHash"
            + " finishedAt transcriptsRedacted messagesRedacted formValuesRedacted filesDestroyed visitorsErased"
            + " exportLinksRevoked retainedOnHold residueFound auditHash jws } }";

    @Inject
    Jobs jobs;

    @TestHTTPResource("/receipts/jwks.json")
    URL jwks;

    @Test
    void anErasureLeavesASignedReceiptThatTheJwksAloneVerifies() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String auditor = Api.token(tenant, "auditor");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "receipt." + suffix + "@example.org";
        String held = Chat.start(ingest, "vk-receipt-held-" + suffix, null, null);
        Chat.form(ingest, held, Map.of("email", email));
        Chat.say(ingest, held, null, "about the contract, mail " + email);
        String free = Chat.start(ingest, "vk-receipt-held-" + suffix, null, null);
        Chat.say(ingest, free, null, "write to " + email, "thanks");
        Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: true, reason: \"court\") { id } }",
                Map.of("id", held));
        Api.ok(admin, "mutation($e: String!) { exportVisitorData(email: $e) { id } }", Map.of("e", email));
        String caseId = Api.ok(admin, "mutation($e: String!) { openDataSubjectRequest(input: {type: ERASURE, email: $e})"
                + " { id } }", Map.of("e", email)).getString("data.openDataSubjectRequest.id");
        String jobId = Api.ok(admin, "query($id: ID!) { dataSubjectRequest(id: $id) { jobs { id } } }",
                Map.of("id", caseId)).getString("data.dataSubjectRequest.jobs[0].id");
        // nothing to prove before the job has succeeded
        assertThat(Api.ok(admin, RECEIPT, Map.of("id", jobId)).getString("data.erasureReceipt")).isNull();
        jobs.drain();

        JsonPath receipt = Api.ok(auditor, RECEIPT, Map.of("id", jobId)).setRootPath("data.erasureReceipt");
        assertThat(receipt.getString("jobId")).isEqualTo(jobId);
        assertThat(receipt.getString("requestId")).isEqualTo(caseId);
        assertThat(receipt.getString("subjectHash")).startsWith("hmac:");
        assertThat(receipt.getInt("transcriptsRedacted")).isEqualTo(1);
        assertThat(receipt.getInt("messagesRedacted")).isEqualTo(1);
        assertThat(receipt.getInt("exportLinksRevoked")).isEqualTo(1);
        assertThat(receipt.getList("retainedOnHold", String.class)).containsExactly(held);
        assertThat(receipt.getInt("residueFound")).isZero();
        // the hash of the audit event that records the erasure, as the audit log shows it
        JsonPath audit = Api.ok(auditor, "query($t: String!) { auditLog(first: 10, filter: {targetId: $t,"
                + " action: \"erasure.succeeded\"}) { edges { node { hash } } } }", Map.of("t", jobId));
        assertThat(receipt.getString("auditHash")).isEqualTo(audit.getString("data.auditLog.edges[0].node.hash"));
        String whole = receipt.prettify();
        assertThat(whole).doesNotContainIgnoringCase(email).doesNotContain("vk-receipt");

        // verified with nothing but the published keys; the signed claims are the receipt's other fields
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwks.toString())))
                .setSkipDefaultAudienceValidation().build();
        JwtClaims claims = consumer.processToClaims(receipt.getString("jws"));
        for (String field : List.of("jobId", "requestId", "subjectHash", "finishedAt", "auditHash")) {
            assertThat(claims.getClaimValue(field)).as(field).isEqualTo(receipt.getString(field));
        }
        for (String field : List.of("transcriptsRedacted", "messagesRedacted", "formValuesRedacted", "filesDestroyed",
                "visitorsErased", "exportLinksRevoked", "residueFound")) {
            assertThat(claims.getClaimValue(field, Long.class)).as(field).isEqualTo((long) receipt.getInt(field));
        }
        assertThat(claims.getStringListClaimValue("retainedOnHold")).containsExactly(held);

        // another tenant, a job that is not an erasure, an id that is not one: no receipt
        String stranger = Api.token(Api.newTenant(), "privacy-admin");
        assertThat(Api.ok(stranger, RECEIPT, Map.of("id", jobId)).getString("data.erasureReceipt")).isNull();
        assertThat(Api.ok(admin, RECEIPT, Map.of("id", "not-an-id")).getString("data.erasureReceipt")).isNull();
        String redaction = Api.ok(admin, "mutation($id: ID!) { redactTranscript(id: $id) { id } }", Map.of("id", free))
                .getString("data.redactTranscript.id");
        jobs.drain();
        assertThat(Api.ok(admin, RECEIPT, Map.of("id", redaction)).getString("data.erasureReceipt")).isNull();
        // agents cannot read receipts
        assertThat(Api.errorCode(Api.token(tenant, "agent"), RECEIPT, Map.of("id", jobId))).isEqualTo("FORBIDDEN");
    }
}
