package io.lethe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Production sign-in: OIDC authorization code + PKCE against the configured issuer. The identity
 * provider is played by the test (Playwright answers its URLs), and it checks the PKCE proof.
 */
@QuarkusTest
@TestProfile(DashboardOidcTest.WithIssuer.class)
class DashboardOidcTest extends BrowserTest {
    static final String ISSUER = "https://idp.example.test/realms/lethe";

    public static class WithIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lethe.oidc.issuer-url", ISSUER, "lethe.oidc.client-id", "privacy-dashboard");
        }
    }

    @Test
    void signsInWithAuthorizationCodeAndPkce() throws Exception {
        String tenant = Api.newTenant();
        AtomicReference<String> challenge = new AtomicReference<>();
        AtomicReference<String> verifier = new AtomicReference<>();
        String home = url("");
        page.route(ISSUER + "/**", route -> idp(route, home, tenant, challenge, verifier));

        Page.NavigateOptions none = new Page.NavigateOptions();
        var doc = page.navigate(home, none);
        assertThat(doc.headers().get("content-security-policy")).contains("connect-src 'self' ").contains(" https://idp.example.test;");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with single sign-on")).click();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).waitFor();

        assertThat(page.locator(".who").textContent()).contains(tenant).contains("auditor");
        // the verifier sent to the token endpoint hashes to the challenge sent with the redirect
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.get().getBytes(StandardCharsets.US_ASCII)));
        assertThat(challenge.get()).isEqualTo(expected);
        // the code left the address bar, and nothing of the exchange stayed in storage
        assertThat(page.url()).doesNotContain("code=").doesNotContain("state=");
        assertThat(((Number) page.evaluate("() => localStorage.length + sessionStorage.length")).intValue()).isZero();
        checkPage("signin-oidc");
    }

    private static void idp(Route route, String home, String tenant, AtomicReference<String> challenge, AtomicReference<String> verifier) {
        String url = route.request().url();
        Map<String, String> cors = Map.of("Access-Control-Allow-Origin", "*", "Content-Type", "application/json");
        if (url.endsWith("/.well-known/openid-configuration")) {
            route.fulfill(new Route.FulfillOptions().setHeaders(cors).setBody("{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\""
                    + ISSUER + "/auth\",\"token_endpoint\":\"" + ISSUER + "/token\"}"));
        } else if (url.startsWith(ISSUER + "/auth?")) {
            Map<String, String> q = query(url.substring(url.indexOf('?') + 1));
            assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "privacy-dashboard")
                    .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", home);
            challenge.set(q.get("code_challenge"));
            route.fulfill(new Route.FulfillOptions().setStatus(302)
                    .setHeaders(Map.of("Location", home + "?code=one-time-code&state=" + q.get("state"))));
        } else if (url.equals(ISSUER + "/token")) {
            Map<String, String> form = query(route.request().postData());
            assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", "one-time-code");
            verifier.set(form.get("code_verifier"));
            route.fulfill(new Route.FulfillOptions().setHeaders(cors)
                    .setBody("{\"access_token\":\"" + Api.token(tenant, "auditor") + "\",\"token_type\":\"Bearer\"}"));
        } else {
            route.fulfill(new Route.FulfillOptions().setStatus(404));
        }
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
