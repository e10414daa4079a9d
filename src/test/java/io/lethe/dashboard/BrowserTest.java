package io.lethe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * Base of the dashboard's browser tests: one headless Debian Chromium per test class, a fresh
 * context (no shared memory, so no shared sign-in) per test, and the checks every page gets:
 * axe-core (no serious or critical violation), no script error, no dialog, nothing injected ran.
 */
@Tag("browser")
public abstract class BrowserTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "ui-screenshots");

    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    BrowserContext context;
    Page page;
    final List<String> pageErrors = new ArrayList<>();
    final List<String> dialogs = new ArrayList<>();
    final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void launch() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        page.onPageError(e -> pageErrors.add(e));
        page.onDialog(d -> {
            dialogs.add(d.type() + ": " + d.message());
            d.dismiss();
        });
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                consoleErrors.add(m.text());
            }
        });
    }

    @AfterEach
    void closePage() {
        try {
            assertThat(pageErrors).as("uncaught script errors").isEmpty();
            assertThat(dialogs).as("dialogs opened by the page").isEmpty();
            assertThat(consoleErrors).as("CSP violations reported on the console")
                    .noneMatch(m -> m.contains("Content Security Policy"));
        } finally {
            context.close();
        }
    }

    String url(String hash) {
        return root.toString().replaceAll("/$", "") + "/" + hash;
    }

    /** Dev sign-in through the page's own form, as a person does. */
    void signIn(String tenant, String... roles) {
        page.navigate(url(""));
        page.getByLabel("Tenant").fill(tenant);
        for (String role : List.of("privacy-admin", "agent", "auditor", "ingest")) {
            page.getByLabel(role, new Page.GetByLabelOptions().setExact(true)).setChecked(Arrays.asList(roles).contains(role));
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).waitFor();
    }

    /** Navigates inside the app (hash route) and waits for the page's heading. */
    void open(String hash, String heading) {
        page.navigate(url("#/" + hash));
        heading(heading).waitFor();
    }

    Locator heading(String text) {
        return page.locator("main h1").filter(new Locator.FilterOptions().setHasText(text));
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    /** axe-core in the page: no serious or critical violation (WCAG 2.1 A/AA rules and best practices). */
    void assertAccessible(String what) {
        AxeResults results = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")).analyze();
        List<Rule> bad = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
        String described = bad.stream().map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " at "
                + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        System.out.printf("axe %s: %d violations, %d serious or critical%n", what, results.getViolations().size(), bad.size());
        assertThat(bad).as("serious/critical axe violations on " + what + ":\n" + described).isEmpty();
    }

    /** Saves a full-page screenshot under target/ui-screenshots/. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Each visited page: accessible, screenshot saved. */
    void checkPage(String name) {
        assertAccessible(name);
        screenshot(name);
    }

    static int gzipSize(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.size();
    }
}
