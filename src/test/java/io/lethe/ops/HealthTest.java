package io.lethe.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What Kubernetes and Prometheus call: unauthenticated, and telling the truth about the database. */
@QuarkusTest
class HealthTest {

    @Test
    void livenessIsUp() {
        JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertThat(live.getString("status")).isEqualTo("UP");
    }

    @Test
    void readinessIsUpAndChecksTheDatabase() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getList("checks.name", String.class)).anySatisfy(name -> assertThat(name).containsIgnoringCase("database"));
        assertThat(ready.getList("checks.status", String.class)).containsOnly("UP");
    }

    @Test
    void metricsArePrometheusText() {
        // a read first, so the statement counter exists whatever ran before
        Api.ok(Api.token(Api.newTenant(), "agent"), "{ transcripts { totalCount } }");
        Response metrics = given().get("/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.contentType()).matches("(text/plain|application/openmetrics-text).*");
        String body = metrics.asString();
        assertThat(body).contains("# TYPE ").contains("jvm_memory_used_bytes").contains("lethe_db_read_statements");
    }
}
