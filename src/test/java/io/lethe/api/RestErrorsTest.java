package io.lethe.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** REST errors that need the dev/test build (the token route) or a job run (a destroyed file). */
@QuarkusTest
class RestErrorsTest {
    @Inject
    Jobs jobs;

    @Test
    void devTokenRejectsBadParametersNamingTheRoles() {
        for (Response response : new Response[] { given().get("/dev/token"), given().queryParam("tenant", " ").get("/dev/token"),
                given().queryParam("tenant", "x".repeat(101)).get("/dev/token"),
                given().queryParam("tenant", "acme").queryParam("roles", "agent,root").get("/dev/token") }) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
            assertThat(response.contentType()).contains("application/json");
            assertThat(response.jsonPath().getString("code")).isEqualTo("BAD_USER_INPUT");
            assertThat(response.jsonPath().getString("message")).contains("agent, auditor, ingest, privacy-admin");
        }
        given().queryParam("tenant", "acme").queryParam("roles", "agent, auditor").get("/dev/token").then().statusCode(200);
    }

    @Test
    void aDestroyedAttachmentIs410WithACodedBody() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String transcript = Chat.start(ingest, "v-gone", null, null);
        String file = Chat.upload(ingest, transcript, "a.txt", new byte[] { 1, 2, 3 });
        Api.ok(Api.token(tenant, "privacy-admin"), "mutation($id: ID!) { redactTranscript(id: $id) { id } }",
                Map.of("id", transcript));
        jobs.drain();
        Response gone = given().header("Authorization", "Bearer " + Api.token(tenant, "agent")).get("/attachments/" + file);
        ErrorSurfaceTest.assertRestError(gone.statusCode(), gone.contentType(), gone.asString(), 410, "GONE");
        assertThat(gone.jsonPath().getString("message")).contains("destroyed by redaction");
    }
}
