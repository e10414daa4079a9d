package io.lethe.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;

import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Sign-in, what each role sees, the security headers, the bundle's size, keyboard and phone use. */
@QuarkusTest
class DashboardShellTest extends BrowserTest {

    List<String> nav() {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).getByRole(AriaRole.LINK).allTextContents();
    }

    @Test
    void devSignInShowsOnlyWhatTheRolesAllowAndKeepsTheTokenInMemory() {
        page.navigate(url(""));
        page.getByLabel("Tenant").waitFor();
        checkPage("signin");

        String tenant = Api.newTenant();
        signIn(tenant, "agent");
        assertThat(nav()).containsExactly("Overview", "Transcripts", "Visitors");
        assertThat(page.locator(".who").textContent()).contains(tenant).contains("agent");
        checkPage("overview-agent");

        open("audit", "Not available with your roles");
        assertThat(page.locator("main").textContent()).contains("privacy-admin, auditor");

        // memory only: nothing in web storage or cookies, and a reload signs out
        Object stored = page.evaluate("() => localStorage.length + sessionStorage.length + document.cookie.length");
        assertThat(((Number) stored).intValue()).isZero();
        page.reload();
        page.getByLabel("Tenant").waitFor();

        signIn(tenant, "auditor", "privacy-admin");
        assertThat(nav()).containsExactly("Overview", "Transcripts", "Visitors", "Requests", "Retention & settings", "Jobs", "Audit");
        button("Sign out").click();
        page.getByLabel("Tenant").waitFor();
        assertThat(page.locator("nav").count()).isZero();
    }

    @Test
    void aPastedTokenSignsInAndARefusedOneSaysSo() {
        page.navigate(url(""));
        page.getByLabel("Token", new Page.GetByLabelOptions().setExact(true)).fill("not a token");
        button("Use this token").click();
        assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("not a JSON Web Token");

        page.getByLabel("Token", new Page.GetByLabelOptions().setExact(true)).fill(Api.token(Api.newTenant(), "auditor"));
        button("Use this token").click();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).waitFor();
        assertThat(nav()).containsExactly("Overview", "Requests", "Jobs", "Audit");
        button("Sign out").click();

        // well-formed but not signed by Lethe: the service refuses it and the page says what to do
        String token = Api.token(Api.newTenant(), "agent");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        page.getByLabel("Token", new Page.GetByLabelOptions().setExact(true)).fill(forged);
        button("Use this token").click();
        open("transcripts", "Sign in to Lethe");
        assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Sign in again");
    }

    @Test
    void theDashboardIsServedWithAStrictPolicyAndASmallFirstLoad() {
        List<Response> scripts = new ArrayList<>();
        page.onResponse(r -> {
            if ("script".equals(r.request().resourceType())) {
                scripts.add(r);
            }
        });
        Response doc = page.navigate(url(""));
        page.getByLabel("Tenant").waitFor();

        Map<String, String> h = doc.headers();
        String csp = h.get("content-security-policy");
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
                .doesNotContain("*").doesNotContain("https://");
        String host = root.getHost() + ":" + root.getPort();
        assertThat(csp).contains("connect-src 'self' ws://" + host + " wss://" + host + ";");
        assertThat(h).containsEntry("x-content-type-options", "nosniff").containsEntry("referrer-policy", "no-referrer")
                .containsEntry("x-frame-options", "DENY");

        assertThat(scripts).isNotEmpty();
        int raw = 0;
        int gzipped = 0;
        for (Response r : scripts) {
            assertThat(r.url()).startsWith(root.toString().replaceAll("/$", "")); // no third-party script
            byte[] body = r.body();
            raw += body.length;
            gzipped += gzipSize(body);
        }
        System.out.printf("dashboard first load: %d script(s), %d bytes of JavaScript, %d bytes gzipped%n", scripts.size(), raw, gzipped);
        assertThat(gzipped).as("gzipped JavaScript of the first load").isLessThanOrEqualTo(250 * 1024);

        // the service's other routes are untouched
        given().get("/q/health/live").then().statusCode(200);
        given().header("Authorization", "Bearer " + Api.token(Api.newTenant(), "agent")).get("/graphql/schema.graphql")
                .then().statusCode(200).body(containsString("type Query"));
        given().get("/dashboard/config").then().statusCode(200).body(containsString("\"devSignIn\":true"));
    }

    @Test
    void everythingWorksByKeyboardAtPhoneWidth() {
        page.setViewportSize(390, 844);
        page.navigate(url(""));
        page.getByLabel("Tenant").waitFor();
        page.keyboard().press("Tab");
        assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("tenant");
        page.keyboard().press("Control+A");
        page.keyboard().type(Api.newTenant());
        page.keyboard().press("Tab"); // privacy-admin, checked
        page.keyboard().press("Tab"); // agent
        page.keyboard().press("Space");
        page.keyboard().press("Enter"); // submits the form
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).waitFor();

        // from the top of the page: skip link first, then the navigation
        page.evaluate("() => document.activeElement.blur()");
        page.keyboard().press("Tab");
        assertThat(page.evaluate("() => document.activeElement.textContent.trim()")).isEqualTo("Skip to content");
        Locator transcripts = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Transcripts").setExact(true));
        for (int i = 0; i < 6 && !Boolean.TRUE.equals(transcripts.evaluate("a => a === document.activeElement")); i++) {
            page.keyboard().press("Tab");
        }
        page.keyboard().press("Enter");
        heading("Transcripts").waitFor();
        assertThat(page.evaluate("() => document.activeElement.tagName")).isEqualTo("H1"); // focus follows the route

        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
        checkPage("transcripts-390px");

        // every other page fits the phone's width too
        for (String[] p : new String[][] { { "overview", "Overview" }, { "visitors", "Visitors" }, { "requests", "Data-subject requests" },
                { "retention", "Retention & settings" }, { "jobs", "Jobs" }, { "audit", "Audit log" } }) {
            open(p[0], p[1]);
            page.locator("main .muted, main [role=status], main form").first().waitFor();
            Object wider = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) wider).intValue()).as("horizontal overflow of " + p[0] + " at 390 px").isLessThanOrEqualTo(0);
            screenshot(p[0] + "-390px");
        }
    }

    @Test
    void errorsFromTheApiAreSentencesWithWhatToDo() {
        signIn(Api.newTenant(), "agent");
        open("transcripts/no-such-transcript", "Transcript");
        String alert = page.getByRole(AriaRole.ALERT).textContent();
        assertThat(alert).containsAnyOf("does not exist", "was not accepted").doesNotContain("{").doesNotContain("extensions");
        checkPage("error");
    }
}
