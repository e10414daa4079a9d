package io.lethe.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/** Test client for the GraphQL API: signed tokens and requests, as a dashboard or script would. */
public final class Api {
    private Api() {
    }

    /** A fresh tenant id per test keeps tests independent in one database. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID();
    }

    public static String token(String tenant, String... roles) {
        return Jwt.subject("user-" + tenant).claim("tenant", tenant)
                .groups(new HashSet<>(Arrays.asList(roles))).expiresIn(Duration.ofHours(1)).sign();
    }

    public static Response post(String token, String query, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.body(Map.of("query", query, "variables", variables == null ? Map.of() : variables))
                .post("/graphql");
    }

    /** Runs a query that must succeed and returns its JSON. */
    public static JsonPath ok(String token, String query, Map<String, Object> variables) {
        Response response = post(token, query, variables);
        JsonPath json = response.then().statusCode(200).extract().jsonPath();
        if (json.get("errors") != null) {
            throw new AssertionError("unexpected errors: " + response.asString());
        }
        return json;
    }

    public static JsonPath ok(String token, String query) {
        return ok(token, query, Map.of());
    }

    /** Runs a request that must fail (HTTP 200, `errors` present) and returns its JSON. */
    public static JsonPath errors(String token, String query, Map<String, Object> variables) {
        Response response = post(token, query, variables);
        JsonPath json = response.then().statusCode(200).extract().jsonPath();
        if (json.getList("errors") == null || json.getList("errors").isEmpty()) {
            throw new AssertionError("expected errors, got: " + response.asString());
        }
        return json;
    }

    /** A correctly signed token whose `tenant` claim is missing. */
    public static String tokenWithoutTenant(String... roles) {
        return Jwt.subject("no-tenant").groups(new HashSet<>(Arrays.asList(roles))).expiresIn(Duration.ofHours(1)).sign();
    }

    /** Runs a query that must fail and returns the first error's extensions.code. */
    public static String errorCode(String token, String query, Map<String, Object> variables) {
        JsonPath json = post(token, query, variables).then().statusCode(200).extract().jsonPath();
        Object code = json.get("errors[0].extensions.code");
        if (code == null) {
            throw new AssertionError("expected an error with a code, got: " + json.prettify());
        }
        return code.toString();
    }
}
