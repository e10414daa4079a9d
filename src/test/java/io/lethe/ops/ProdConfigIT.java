package io.lethe.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged application in the prod profile: developer tools are gone, operations endpoints
 * are there, and a token signed with the configured key is accepted.
 */
@QuarkusIntegrationTest
@WithTestResource(ProdAppResource.class)
class ProdConfigIT {

    @Test
    void devTokenRouteDoesNotExist() {
        given().queryParam("tenant", "t").queryParam("roles", "privacy-admin").get("/dev/token")
                .then().statusCode(404);
    }

    @Test
    void graphqlUiIsNotServed() {
        given().get("/q/graphql-ui").then().statusCode(404);
        given().get("/q/graphql-ui/").then().statusCode(404);
        given().get("/q/dev-ui").then().statusCode(404);
    }

    @Test
    void schemaDocumentIsNotServed() {
        given().header("Authorization", "Bearer " + Api.token(Api.newTenant(), "agent"))
                .get("/graphql/schema.graphql").then().statusCode(404);
    }

    @Test
    void introspectionIsRejected() {
        String token = Api.token(Api.newTenant(), "agent");
        for (String query : new String[] { "{ __schema { queryType { name } types { name } } }",
                "{ __type(name: \"Query\") { name fields { name } } }" }) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                    .body(Map.of("query", query)).post("/graphql")
                    .then().statusCode(200)
                    .body("errors", notNullValue())
                    .body("data.__schema", nullValue())
                    .body("data.__type", nullValue());
        }
        // ordinary queries still work (and __typename is not introspection)
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("query", "{ __typename }")).post("/graphql")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
    }

    @Test
    void graphqlNeedsAToken() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{ __typename }")).post("/graphql")
                .then().statusCode(401);
    }

    @Test
    void healthAndMetricsEndpointsAnswer() {
        for (String probe : new String[] { "/q/health/started", "/q/health/ready", "/q/health/live" }) {
            given().get(probe).then().statusCode(200).body("status", equalTo("UP"));
        }
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }
}
