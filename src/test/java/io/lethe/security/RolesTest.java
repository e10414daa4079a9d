package io.lethe.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lethe.support.Fixtures;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Who may do what: every ingest/read operation against every role (and none), plus the ways a
 * request can fail to authenticate, on GraphQL and on the attachment endpoints.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesTest {
    private static final List<String> ROLES = List.of("privacy-admin", "agent", "auditor", "ingest", "none");
    private static final String READERS = "agent privacy-admin";

    @Inject
    Pool pool;

    private String tenant;
    private String transcriptId;
    private String visitorId;
    private String attachmentId;

    /** operation name, the query, who may run it (space separated). */
    private record Operation(String name, String query, String allowed) {
    }

    /** Once per class; in @BeforeEach because RestAssured knows the test port only there. */
    @BeforeEach
    void seed() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        transcriptId = Fixtures.start(ingest, "roles-visitor");
        visitorId = Fixtures.read(Api.token(tenant, "agent"), transcriptId).getString("data.transcript.visitor.id");
        attachmentId = Fixtures.upload(ingest, transcriptId, "r.txt", "text/plain", "roles".getBytes());
    }

    private List<Operation> operations() {
        String t = '"' + transcriptId + '"';
        String v = '"' + visitorId + '"';
        return List.of(
                new Operation("transcripts", "{ transcripts { totalCount } }", READERS),
                new Operation("transcript", "{ transcript(id: " + t + ") { id } }", READERS),
                new Operation("visitors", "{ visitors { totalCount } }", READERS),
                new Operation("visitor", "{ visitor(id: " + v + ") { id } }", READERS),
                new Operation("consentEvents", "{ consentEvents(visitorId: " + v + ") { id } }", "privacy-admin auditor"),
                new Operation("startTranscript", "mutation { startTranscript(input: {visitorKey: \"roles-visitor\"}) { id } }", "ingest"),
                new Operation("appendMessages", "mutation { appendMessages(transcriptId: " + t
                        + ", messages: [{sender: VISITOR, body: \"hi\"}]) { id } }", "ingest"),
                new Operation("submitForm", "mutation { submitForm(transcriptId: " + t
                        + ", fields: [{name: \"name\", value: \"Bob\"}]) { id } }", "ingest"),
                new Operation("endTranscript", "mutation { endTranscript(transcriptId: " + t + ") { id } }", "ingest"),
                new Operation("recordConsent", "mutation { recordConsent(input: {visitorKey: \"roles-visitor\", transcriptId: " + t
                        + ", purpose: \"chat\", granted: true, consentText: \"ok\"}) { id } }", "ingest"));
    }

    @Test
    void everyOperationAgainstEveryRole() {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Operation op : operations()) {
            for (String role : ROLES) {
                String token = role.equals("none") ? Api.token(tenant) : Api.token(tenant, role);
                long before = Fixtures.tenantRows(pool, tenant);
                JsonPath json = Api.post(token, op.query(), Map.of()).then().statusCode(200).extract().jsonPath();
                boolean allowed = Set.of(op.allowed().split(" ")).contains(role);
                List<Map<String, Object>> errors = json.getList("errors");
                String outcome = errors == null || errors.isEmpty() ? "ok" : json.getString("errors[0].extensions.code");
                String expected = allowed ? "ok" : "FORBIDDEN";
                if (!outcome.equals(expected)) {
                    wrong.put(op.name() + " as " + role, "expected " + expected + ", got " + json.prettify());
                }
                if (!allowed) {
                    assertThat(json.getString("data." + op.name())).as(op.name() + " as " + role).isNull();
                    assertThat(Fixtures.tenantRows(pool, tenant)).as("nothing written by " + op.name() + " as " + role).isEqualTo(before);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aForbiddenFieldDoesNotHideAllowedOnes() {
        // an auditor may read consent history but not transcripts (a nullable field, so data survives)
        JsonPath json = Api.post(Api.token(tenant, "auditor"), "{ consentEvents(visitorId: \"" + visitorId + "\") { id }"
                + " transcript(id: \"" + transcriptId + "\") { id } }", Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("data.consentEvents")).isNotNull();
        assertThat(json.getString("data.transcript")).isNull();
        assertThat(json.getList("errors.extensions.code", String.class)).containsExactly("FORBIDDEN");
        assertThat(json.getList("errors.path[0]", String.class)).containsExactly("transcript");
    }

    @Test
    void graphqlWithoutAValidTokenIs401() throws Exception {
        String query = "{ transcripts { totalCount } }";
        assertThat(postWith(null, query)).isEqualTo(401);
        assertThat(postWith("Bearer", query)).isEqualTo(401);
        assertThat(postWith("Bearer garbage", query)).isEqualTo(401);
        assertThat(postWith("Bearer a.b.c", query)).isEqualTo(401);
        assertThat(postWith("Basic dXNlcjpwYXNz", query)).isEqualTo(401);
        assertThat(postWith("Bearer " + expiredToken(), query)).isEqualTo(401);
        assertThat(postWith("Bearer " + foreignKeyToken(), query)).isEqualTo(401);
        assertThat(postWith("Bearer " + wrongIssuerToken(), query)).isEqualTo(401);
        // the schema download is no more public than the API
        assertThat(given().get("/graphql/schema.graphql").statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutTenantIsUnauthenticated() {
        String token = Api.tokenWithoutTenant("agent", "ingest", "privacy-admin");
        for (Operation op : operations()) {
            var response = Api.post(token, op.query(), Map.of());
            if (response.statusCode() == 401) {
                continue;
            }
            JsonPath json = response.then().statusCode(200).extract().jsonPath();
            assertThat(json.getString("errors[0].extensions.code")).as(op.name()).isEqualTo("UNAUTHENTICATED");
            assertThat(json.getString("data." + op.name())).isNull();
        }
        assertThat(given().header("Authorization", "Bearer " + token).get("/attachments/" + attachmentId).statusCode())
                .isEqualTo(401);
        assertThat(given().header("Authorization", "Bearer " + token).header("X-File-Name", "x.txt").contentType("text/plain")
                .body("x".getBytes()).post("/transcripts/" + transcriptId + "/attachments").statusCode()).isEqualTo(401);
    }

    @Test
    void attachmentRoles() {
        List<String> wrong = new ArrayList<>();
        for (String role : ROLES) {
            String token = role.equals("none") ? Api.token(tenant) : Api.token(tenant, role);
            int download = given().header("Authorization", "Bearer " + token).get("/attachments/" + attachmentId).statusCode();
            int expectedDownload = READERS.contains(role) ? 200 : 403;
            if (download != expectedDownload) {
                wrong.add("download as " + role + ": " + download);
            }
            int upload = given().header("Authorization", "Bearer " + token).header("X-File-Name", "up.txt").contentType("text/plain")
                    .body("x".getBytes()).post("/transcripts/" + transcriptId + "/attachments").statusCode();
            int expectedUpload = role.equals("ingest") ? 201 : 403;
            if (upload != expectedUpload) {
                wrong.add("upload as " + role + ": " + upload);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(Fixtures.count(pool, "select count(*) from attachment where tenant_id = $1 and file_name = 'up.txt'", tenant))
                .isEqualTo(1);
    }

    @Test
    void attachmentsWithoutAValidTokenAre401() throws Exception {
        for (String auth : new String[] { null, "Bearer garbage", "Bearer " + expiredToken(), "Bearer " + foreignKeyToken() }) {
            var download = given();
            var upload = given().header("X-File-Name", "x.txt").contentType("text/plain").body("x".getBytes());
            if (auth != null) {
                download = download.header("Authorization", auth);
                upload = upload.header("Authorization", auth);
            }
            assertThat(download.get("/attachments/" + attachmentId).statusCode()).as("download with %s", auth).isEqualTo(401);
            assertThat(upload.post("/transcripts/" + transcriptId + "/attachments").statusCode()).as("upload with %s", auth)
                    .isEqualTo(401);
        }
    }

    @Test
    void devTokensWorkInDevAndTestOnly() {
        // the route is left out of production builds (@UnlessBuildProfile("prod")); here it mints tokens
        String token = given().queryParam("tenant", tenant).queryParam("roles", "agent").get("/dev/token")
                .then().statusCode(200).extract().asString();
        assertThat(Api.ok(token, "{ transcripts { totalCount } }").getInt("data.transcripts.totalCount")).isEqualTo(1);
        assertThat(given().queryParam("tenant", tenant).queryParam("roles", "root").get("/dev/token").statusCode()).isEqualTo(400);
        assertThat(given().queryParam("roles", "agent").get("/dev/token").statusCode()).isEqualTo(400);
    }

    private static int postWith(String authorization, String query) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query));
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post("/graphql").statusCode();
    }

    private String expiredToken() {
        return Jwt.subject("late").claim("tenant", tenant).groups("agent")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
    }

    private String foreignKeyToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        return Jwt.subject("forger").claim("tenant", tenant).groups("agent").sign(keys.getPrivate());
    }

    private String wrongIssuerToken() {
        return Jwt.issuer("https://attacker.example").subject("x").claim("tenant", tenant).groups("agent").sign();
    }
}
