package io.lethe.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The application's (reactive) connections point at a port where no database listens; Flyway's
 * JDBC connection still reaches the embedded PostgreSQL, so the application starts. Every route
 * then says the service is unavailable, with a code, instead of an internal error.
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.UnreachableDatabase.class)
class DatabaseDownTest {

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closedPort() + "/lethe",
                    // fail fast instead of waiting for a pooled connection
                    "quarkus.datasource.reactive.idle-timeout", "1s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort(); // free now, and nothing listens there once closed
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void restRoutesAnswer503WithACodedBody() {
        String tenant = Api.newTenant();
        String id = UUID.randomUUID().toString();
        assertUnavailable(given().header("Authorization", "Bearer " + Api.token(tenant, "agent")).get("/attachments/" + id));
        assertUnavailable(given().header("Authorization", "Bearer " + Api.token(tenant, "privacy-admin")).get("/exports/" + id));
        assertUnavailable(given().header("Authorization", "Bearer " + Api.token(tenant, "ingest")).header("X-File-Name", "a.txt")
                .contentType("text/plain").body("x").post("/transcripts/" + id + "/attachments"));
    }

    @Test
    void graphqlSaysUnavailable() {
        for (String query : new String[] { "{ transcripts { totalCount } }", "{ retentionPolicy { redactAfterDays } }",
                "mutation { startTranscript(input: {visitorKey: \"v\"}) { id } }" }) {
            JsonPath errors = Api.errors(Api.token(Api.newTenant(), "agent", "privacy-admin", "ingest"), query, Map.of());
            assertThat(errors.getList("errors.extensions.code", String.class)).as(query + " -> " + errors.prettify())
                    .containsOnly("UNAVAILABLE");
            assertThat(errors.getString("errors[0].message")).contains("unavailable").doesNotContain("127.0.0.1");
        }
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).contains("application/json");
        assertThat(response.jsonPath().getString("code")).isEqualTo("UNAVAILABLE");
        assertThat(response.jsonPath().getString("message")).contains("retry").doesNotContain("127.0.0.1");
        assertThat(response.header("Retry-After")).isNotBlank();
    }
}
