package io.lethe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Fixtures;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard's flows end to end against the real service, as a privacy officer or agent uses them. */
@QuarkusTest
class DashboardFlowsTest extends BrowserTest {
    static final String HOSTILE_IMG = "<img src=x onerror=\"window.__pwned=1\">";
    static final String HOSTILE_LINK = "<a href=\"javascript:window.__pwned=3\">click me</a>";
    static final String HOSTILE_SCRIPT = "<script>window.__pwned=2</script>";

    @Inject
    Jobs jobs;

    String tenant;
    String ingest;

    void seedTenant() {
        tenant = Api.newTenant();
        ingest = Api.token(tenant, "ingest");
    }

    /**
     * A visitor with a form, three messages, a consent click and one file; returns the transcript id.
     * Its name, phone and IP are its own: other tests scan the whole database for theirs.
     */
    String gwen(String email) {
        return gwen(email, "2026-01-10T09:00:00Z", null);
    }

    String gwen(String email, String startedAt, String sentAt) {
        String t = Chat.start(ingest, "v-" + UUID.randomUUID(), startedAt, "198.51.100.23");
        Chat.say(ingest, t, sentAt, "Hi, my order 5521 never arrived. Mail me at " + email, "Sorry! Can I call you?", "Sure, +1 415 555 0199");
        Chat.form(ingest, t, Map.of("name", "Wren Halloway", "email", email));
        Map<String, Object> consent = Fixtures.consent(visitorKeyOf(t), t, "chat-transcripts", true, "We keep this chat for 90 days.");
        if (sentAt != null) {
            // the consent click is noted in the chat as a message: at "now" it would make the transcript active today
            consent.put("occurredAt", sentAt);
        }
        Api.ok(ingest, Fixtures.CONSENT, Map.of("in", consent));
        Fixtures.upload(ingest, t, "receipt.pdf", "application/pdf", "%PDF-1.4 receipt 5521".getBytes(StandardCharsets.UTF_8));
        return t;
    }

    String visitorKeyOf(String transcriptId) {
        return Api.ok(Api.token(tenant, "agent"), "query($id: ID!) { transcript(id: $id) { visitor { visitorKey } } }",
                Map.of("id", transcriptId)).getString("data.transcript.visitor.visitorKey");
    }

    String visitorIdOf(String transcriptId) {
        return Api.ok(Api.token(tenant, "agent"), "query($id: ID!) { transcript(id: $id) { visitor { id } } }",
                Map.of("id", transcriptId)).getString("data.transcript.visitor.id");
    }

    void assertNothingRan() {
        assertThat(page.evaluate("() => window.__pwned === undefined")).as("injected script ran").isEqualTo(true);
        assertThat(page.locator("main img, main script, main svg, main iframe").count()).as("elements made from stored text").isZero();
        assertThat(page.locator("a[href^='javascript:']").count()).isZero();
    }

    @Test
    void searchPagesWithLoadMoreAndKeepsTheSearchOutOfTheAddressBar() {
        seedTenant();
        String email = "page-" + UUID.randomUUID() + "@example.net";
        for (int i = 0; i < 60; i++) {
            String t = Chat.start(ingest, "visitor-" + i + "-" + UUID.randomUUID(), "2026-02-01T10:%02d:00Z".formatted(i), null);
            Chat.form(ingest, t, Map.of("email", email, "name", "Visitor " + i));
        }
        List<String> requestUrls = new ArrayList<>();
        page.onRequest(r -> requestUrls.add(r.url()));
        signIn(tenant, "agent");
        open("transcripts", "Transcripts");
        page.getByLabel("Visitor email").fill(email);
        button("Search").click();
        page.getByText("60 transcripts found, 50 shown.").waitFor();
        Locator rows = page.locator("table.transcripts tbody tr");
        assertThat(rows.count()).isEqualTo(50);

        // response-to-screen time of a page of 50, measured in the page (reported, not asserted)
        Object ms = page.evaluate("""
                () => {
                  const marks = performance.getEntriesByName('lethe:transcripts-rendered');
                  const mark = marks[marks.length - 1];
                  const calls = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/graphql') && e.responseEnd <= mark.startTime);
                  return mark.startTime - calls[calls.length - 1].responseEnd;
                }""");
        System.out.printf("50 transcripts on screen %.1f ms after their response arrived%n", ((Number) ms).doubleValue());

        button("Load more").click();
        page.getByText("60 transcripts found.").waitFor();
        assertThat(rows.count()).isEqualTo(60);
        assertThat(button("Load more").count()).isZero();
        checkPage("transcripts");

        // the email went in POST bodies only: not in the address bar, the history or any URL requested
        assertThat(page.url()).doesNotContain(email).doesNotContain("example.net");
        assertThat(requestUrls).noneMatch(u -> u.contains("example.net") || u.contains("page-"));

        // back from a transcript, the results are still there (kept in memory)
        rows.first().getByRole(AriaRole.LINK).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the search")).waitFor();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the search")).click();
        page.getByText("60 transcripts found.").waitFor();
        assertThat(page.getByLabel("Visitor email").inputValue()).isEqualTo(email);
    }

    @Test
    void visitorsAreFoundByEmailOrKeyAndTheSearchStaysOutOfTheAddressBar() {
        seedTenant();
        String email = "find-" + UUID.randomUUID() + "@example.net";
        String t = gwen(email);
        gwen("someone-else-" + UUID.randomUUID() + "@example.net");
        String key = visitorKeyOf(t);
        List<String> requestUrls = new ArrayList<>();
        page.onRequest(r -> requestUrls.add(r.url()));

        signIn(tenant, "agent");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Visitors")).click();
        heading("Visitors").waitFor();
        page.getByLabel("Email address").fill(email.toUpperCase());
        button("Find visitors").click();
        page.getByText("1 visitor found.").waitFor();
        Locator rows = page.locator("table.visitors tbody tr");
        assertThat(rows.count()).isEqualTo(1);
        assertThat(rows.first().textContent()).contains("Wren Halloway").contains(email);
        checkPage("visitors");

        rows.first().getByRole(AriaRole.LINK).click();
        heading("Visitor Wren Halloway").waitFor();
        assertThat(page.url()).endsWith("#/visitors/" + visitorIdOf(t));
        page.goBack();
        page.getByText("1 visitor found.").waitFor(); // kept in memory, not in the URL
        assertThat(page.getByLabel("Email address").inputValue()).isEqualTo(email.toUpperCase());

        page.getByLabel("Email address").fill("");
        page.getByLabel("Visitor key").fill(key);
        button("Find visitors").click();
        page.getByText("1 visitor found.").waitFor();
        page.getByLabel("Visitor key").fill("no-such-visitor");
        button("Find visitors").click();
        page.getByText("0 visitors found.").waitFor();
        page.getByText("No visitor matches.").waitFor();
        page.getByLabel("Visitor key").fill(""); // both empty: every visitor of the tenant
        button("Find visitors").click();
        page.getByText("2 visitors found.").waitFor();

        assertThat(page.url()).doesNotContain("example").doesNotContain(key);
        assertThat(requestUrls).noneMatch(u -> u.contains("example") || u.contains(key));
    }

    @Test
    void storedTextIsShownAsTextAndNeverRuns() {
        seedTenant();
        String key = "<svg onload=window.__pwned=5>";
        String t = Chat.start(ingest, key, "2026-01-10T09:00:00Z", null);
        Chat.say(ingest, t, null, HOSTILE_IMG, HOSTILE_LINK, "javascript:window.__pwned=4");
        Chat.form(ingest, t, Map.of("name", HOSTILE_SCRIPT, "order", HOSTILE_LINK));
        Fixtures.upload(ingest, t, "<img src=x onerror=window.__pwned=6>.pdf", "application/pdf", new byte[] { 1, 2, 3 });

        signIn(tenant, "privacy-admin");
        open("transcripts", "Transcripts");
        page.locator("table.transcripts tbody tr").first().waitFor();
        assertThat(page.locator("table.transcripts").textContent()).contains(HOSTILE_SCRIPT);
        assertNothingRan();

        open("visitors/" + visitorIdOf(t), "Visitor " + HOSTILE_SCRIPT);
        assertThat(page.locator("main").textContent()).contains(key);
        assertNothingRan();

        if (ServedSchema.has("Transcript.legalHoldReason")) {
            open("transcripts/" + t, "Transcript of");
            Locator thread = page.locator("ol.thread");
            assertThat(thread.textContent()).contains(HOSTILE_IMG).contains(HOSTILE_LINK).contains("javascript:window.__pwned=4");
            assertThat(page.locator("main").textContent()).contains("<img src=x onerror=window.__pwned=6>.pdf");
            thread.getByText(HOSTILE_LINK).click(); // text, not a link: clicking does nothing
            assertNothingRan();
        }
        page.waitForTimeout(300); // an onerror/onload would have fired by now
        assertNothingRan();
    }

    @Test
    void visitorPageShowsConsentAndExportsRectifiesAndRestricts() throws Exception {
        seedTenant();
        String email = "gwen-" + UUID.randomUUID() + "@example.net";
        String t = gwen(email);
        Api.ok(ingest, Fixtures.CONSENT, Map.of("in", Fixtures.consent(visitorKeyOf(t), t, "marketing-email", false, "No newsletters.")));
        String visitorId = visitorIdOf(t);

        signIn(tenant, "privacy-admin");
        open("visitors/" + visitorId, "Visitor Wren Halloway");
        Locator consent = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Consent"));
        consent.getByText("chat-transcripts", new Locator.GetByTextOptions().setExact(true)).waitFor();
        assertThat(consent.locator("li").filter(new Locator.FilterOptions().setHasText("chat-transcripts")).first().textContent()).contains("Granted");
        assertThat(consent.locator("li").filter(new Locator.FilterOptions().setHasText("marketing-email")).first().textContent()).contains("Withdrawn");
        consent.getByText("History (2)").click();
        assertThat(consent.textContent()).contains("We keep this chat for 90 days.");
        checkPage("visitor");

        Download csv = page.waitForDownload(() -> button("Download CSV").click());
        String csvText = Files.readString(csv.path());
        assertThat(csv.suggestedFilename()).isEqualTo("lethe-export-" + visitorId + ".csv").doesNotContain("example");
        assertThat(csvText).contains("transcript_id").contains("Hi, my order 5521 never arrived");
        page.getByText("Export downloaded: 1 transcript as CSV.").waitFor();
        Download json = page.waitForDownload(() -> button("Download JSON").click());
        assertThat(Files.readString(json.path())).contains("Sorry! Can I call you?");

        Locator rectify = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Rectify"));
        rectify.getByLabel("Name").fill("Wren H. Halloway");
        rectify.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save corrections")).click();
        page.getByText("Profile corrected.").waitFor();
        String agent = Api.token(tenant, "agent");
        assertThat(Api.ok(agent, "query($id: ID!) { visitor(id: $id) { name } }", Map.of("id", visitorId)).getString("data.visitor.name"))
                .isEqualTo("Wren H. Halloway");

        button("Restrict processing").click();
        page.getByText("Processing restricted: agents no longer see this visitor.").waitFor();
        assertThat(Api.ok(agent, "query($id: ID!) { visitor(id: $id) { id } }", Map.of("id", visitorId)).getString("data.visitor")).isNull();
        button("Lift the restriction").click();
        page.getByText("Restriction lifted.").waitFor();
    }

    @Test
    void eraseNamesWhatGoesThenShowsTheJobUntilItSucceeds() {
        ServedSchema.assume(ServedSchema.JOBS);
        seedTenant();
        String email = "erase-" + UUID.randomUUID() + "@example.net";
        String t = gwen(email);
        List<String> frames = new ArrayList<>();
        page.onWebSocket(ws -> ws.onFrameReceived(f -> frames.add(f.text())));

        signIn(tenant, "privacy-admin");
        open("visitors/" + visitorIdOf(t), "Visitor Wren Halloway");
        button("Erase this person…").click();
        Locator confirm = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Erase everything Lethe holds about " + email + "?"));
        assertThat(confirm.textContent()).contains("1 transcript").contains("1 uploaded file, destroyed").contains("name, email, phone and IP address");
        checkPage("erase-confirm");
        button("Yes, erase " + email).click();
        Locator job = page.locator("job-progress");
        job.getByText("QUEUED").or(job.getByText("RUNNING")).or(job.getByText("SUCCEEDED")).first().waitFor();

        assertThat(jobs.drain()).isGreaterThanOrEqualTo(1);
        job.getByText("SUCCEEDED").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertThat(job.textContent()).contains("Transcripts redacted1");
        if (ServedSchema.has("Subscription.redactionJobProgress")) {
            assertThat(frames).as("progress came over graphql-transport-ws").anyMatch(f -> f.contains("redactionJobProgress"));
        }
        if (ServedSchema.has("Query.erasureReceipt")) {
            Locator receipt = page.locator("erasure-receipt");
            receipt.getByText("Signature verifies").waitFor();
            assertThat(receipt.textContent()).contains("Residue foundnone").doesNotContain(email);
        }
        checkPage("erase-done");
        assertThat(page.locator("main").textContent()).doesNotContain("Wren Halloway");
    }

    @Test
    void transcriptThreadFilesHoldAndRedactNow() {
        ServedSchema.assume("Transcript.legalHoldReason", ServedSchema.JOBS[0], ServedSchema.JOBS[1]);
        seedTenant();
        String email = "thread-" + UUID.randomUUID() + "@example.net";
        String t = gwen(email);

        signIn(tenant, "privacy-admin");
        open("transcripts/" + t, "Transcript of");
        Locator thread = page.locator("ol.thread");
        assertThat(thread.locator("li").count()).isGreaterThanOrEqualTo(4); // three messages and the consent note
        assertThat(String.join(" ", thread.locator("li.sender-system").allTextContents())).contains("chat-transcripts");
        assertThat(page.locator("main").textContent()).contains("Wren Halloway").contains("receipt.pdf");

        Download file = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download receipt.pdf")).click());
        assertThat(file.suggestedFilename()).isEqualTo("receipt.pdf");
        assertThat(file.url()).startsWith("blob:"); // fetched with the bearer token, no token in any URL
        checkPage("transcript");

        page.getByLabel("Reason for the legal hold").fill("Litigation 2026-114");
        button("Put on legal hold").click();
        page.getByText("Legal hold is on").waitFor();
        Locator about = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("About this transcript"));
        assertThat(about.locator(".facts").textContent()).contains("On hold").contains("Litigation 2026-114");
        button("Lift legal hold").click();
        page.getByText("Legal hold lifted.").waitFor();

        button("Redact now…").click();
        button("Yes, redact it").click();
        page.locator("job-progress").waitFor();
        jobs.drain();
        about.locator("dd .badge.redacted").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertThat(about.textContent()).doesNotContain("Litigation 2026-114");
        assertThat(thread.textContent()).contains("Mail me at <redacted>").doesNotContain(email);
        assertThat(page.locator("main").textContent()).contains("File destroyed");
    }

    /** Opens a case through the page's own form and waits for its case page. */
    void openCase(String type, String email) {
        open("requests", "Data-subject requests");
        button("Open a case…").click();
        page.getByLabel("Type of request").selectOption(type);
        page.getByLabel("Email of the data subject").fill(email);
        button("Open case").click();
        heading(type + " request").waitFor();
        assertThat(page.url()).doesNotContain(email).doesNotContain("example.net");
    }

    @Test
    void requestsOpenACaseFollowItsJobAndCloseIt() {
        ServedSchema.assume("DataSubjectRequest.retainedOnHold", ServedSchema.JOBS[0], ServedSchema.JOBS[1]);
        seedTenant();
        String email = "case-" + UUID.randomUUID() + "@example.net";
        gwen(email);
        signIn(tenant, "privacy-admin");

        // access: the exports are ready at once and the case is completed
        openCase("ACCESS", email);
        Locator facts = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Case details"));
        assertThat(facts.textContent()).contains("COMPLETED");
        Locator exports = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Exports"));
        Download csv = page.waitForDownload(() -> exports.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download CSV")).click());
        assertThat(csv.suggestedFilename()).startsWith("lethe-case-").endsWith(".csv");
        checkPage("request");

        // rectification: stays open until closed by hand, with a note
        openCase("RECTIFICATION", email);
        page.getByLabel("Outcome").selectOption("COMPLETED");
        page.getByLabel("Note for the file").fill("Corrected the name by phone.");
        button("Close case").click();
        page.getByText("Case closed as COMPLETED.").waitFor();
        assertThat(button("Close case").count()).isZero();

        // erasure: the job runs, the page follows it to its receipt and the case completes by itself
        openCase("ERASURE", email);
        Locator job = page.locator("job-progress");
        job.first().waitFor();
        assertThat(jobs.drain()).isGreaterThanOrEqualTo(1);
        job.getByText("SUCCEEDED").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        if (ServedSchema.has("Query.erasureReceipt")) {
            page.locator("erasure-receipt").getByText("Signature verifies").waitFor();
        }
        facts.locator(".badge.status-completed").waitFor();
        assertThat(facts.textContent()).contains("Kept on legal hold0 transcripts");
        assertThat(page.locator("main").textContent()).doesNotContain(email);
        checkPage("request-erasure");

        // the list by status; a case opened from it (not just created on this tab) reads the same
        open("requests", "Data-subject requests");
        page.getByLabel("Status").selectOption("COMPLETED");
        button("Show").click();
        page.getByText("3 cases.").waitFor();
        checkPage("requests");
        page.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText("RECTIFICATION")).click();
        heading("RECTIFICATION request").waitFor();
        assertThat(facts.textContent()).contains("COMPLETED");
    }

    @Test
    void retentionShowsThePreviewBeforeSavingAndSettingsSave() {
        ServedSchema.assume("Query.previewRetention", "Query.privacySettings", "RetentionPolicy.forgetIpAfterDays");
        seedTenant();
        gwen("old-" + UUID.randomUUID() + "@example.net", "2025-01-10T09:00:00Z", "2025-01-10T09:05:00Z");

        signIn(tenant, "privacy-admin");
        open("retention", "Retention & settings");
        page.getByLabel("Redact whole transcripts after (days)").fill("30");
        assertThat(button("Save policy").isDisabled()).isTrue();
        button("Preview").click();
        Locator preview = page.locator(".preview");
        preview.waitFor();
        assertThat(preview.textContent()).contains("Transcripts to redact1").contains("<redacted>");
        assertThat(button("Save policy").isEnabled()).isTrue();
        checkPage("retention");
        button("Save policy").click();
        page.getByText("Retention policy saved.").waitFor();
        assertThat(Api.ok(Api.token(tenant, "privacy-admin"), "{ retentionPolicy { redactAfterDays } }").getInt("data.retentionPolicy.redactAfterDays")).isEqualTo(30);

        page.getByLabel("Phone regions (ISO codes, comma-separated; the first is the default)").fill("DE, GB");
        button("Save settings").click();
        page.getByText("Privacy settings saved.").waitFor();
        page.getByLabel("Phone regions (ISO codes, comma-separated; the first is the default)").fill("XX");
        button("Save settings").click();
        assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("The input was not accepted").doesNotContain("{");
    }

    @Test
    void jobsListAndCancel() {
        ServedSchema.assume(ServedSchema.JOBS);
        seedTenant();
        gwen("job-" + UUID.randomUUID() + "@example.net");
        String admin = Api.token(tenant, "privacy-admin");
        Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 90}) { redactAfterDays } }");
        Api.ok(admin, "mutation { applyRetentionPolicy { id } }");

        signIn(tenant, "privacy-admin");
        open("jobs", "Jobs");
        page.getByText("1 job.").waitFor();
        page.locator("job-progress").getByText("QUEUED").waitFor();
        checkPage("jobs");
        button("Cancel this job").click();
        page.getByText("Job cancelled.").waitFor();
        page.getByLabel("Status").selectOption("CANCELLED");
        button("Show").click();
        page.getByText("1 job.").waitFor();
    }

    @Test
    void overviewAndAuditLog() throws Exception {
        ServedSchema.assume("Query.auditLog(filter)", ServedSchema.JOBS[0], ServedSchema.JOBS[1], "RetentionPolicy.forgetIpAfterDays");
        seedTenant();
        String email = "audit-" + UUID.randomUUID() + "@example.net";
        gwen(email);
        String admin = Api.token(tenant, "privacy-admin");
        Api.ok(admin, "mutation($in: DataSubjectRequestInput!) { openDataSubjectRequest(input: $in) { id } }",
                Map.of("in", Map.of("type", "RECTIFICATION", "email", email, "receivedAt", "2025-01-01T00:00:00Z")));

        signIn(tenant, "privacy-admin");
        open("overview", "Overview");
        Locator cases = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Open cases"));
        cases.getByText("Overdue", new Locator.GetByTextOptions().setExact(true)).waitFor();
        assertThat(cases.textContent()).contains("1 open case; 1 overdue.").contains("RECTIFICATION");
        // every section arrives, whichever answer comes first
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Audit chain")).getByText("Intact").waitFor();
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Running jobs")).getByText("0 jobs running, 0 queued.").waitFor();
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Retention policy")).getByText("Whole transcripts").waitFor();
        assertThat(page.locator("main").textContent()).doesNotContain("Loading");
        checkPage("overview");

        // the overdue case from the list too, filtered to overdue ones
        Api.ok(admin, "mutation($in: DataSubjectRequestInput!) { openDataSubjectRequest(input: $in) { id } }",
                Map.of("in", Map.of("type", "OBJECTION", "email", email)));
        open("requests", "Data-subject requests");
        page.getByText("2 cases.").waitFor();
        page.getByLabel("Overdue only").check();
        button("Show").click();
        page.getByText("1 case.").waitFor();
        assertThat(page.locator("tbody tr").allTextContents()).hasSize(1).allMatch(r -> r.contains("RECTIFICATION") && r.contains("Overdue"));

        open("audit", "Audit log");
        page.getByText("Chain intact").waitFor();
        page.getByLabel("Action").fill("dsr.opened");
        button("Show").click();
        page.getByText("2 events.").waitFor(); // the two cases
        assertThat(page.locator("tbody tr").allTextContents()).hasSize(2).allMatch(row -> row.contains("dsr.opened"));
        Download ndjson = page.waitForDownload(() -> button("Download NDJSON").click());
        assertThat(ndjson.suggestedFilename()).isEqualTo("lethe-audit-log.ndjson");
        List<String> lines = Files.readAllLines(ndjson.path());
        assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("{") && l.contains("\"hash\""))
                .anyMatch(l -> l.contains("\"dsr.opened\""));
        assertThat(String.join("\n", lines)).doesNotContain(email);
        page.getByText("Audit log downloaded as NDJSON").waitFor();
        checkPage("audit");
    }

    /**
     * The README's two pictures, from the current pages with neutral sample data (viewport-sized so
     * each stays small): target/ui-screenshots/readme-transcripts.png and readme-visitor.png.
     */
    @Test
    void readmeScreenshots() throws Exception {
        tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        ingest = Api.token(tenant, "ingest");
        String[][] people = {
                { "Alex Morgan", "alex.morgan@example.com", "Hello, my parcel 2291 has not arrived yet.", "2026-03-02T09:14:00Z" },
                { "Jordan Lee", "jordan.lee@example.com", "Can I change the delivery address?", "2026-03-02T10:02:00Z" },
                { "Robin Park", "robin.park@example.org", "The discount code does not work at checkout.", "2026-03-03T15:40:00Z" },
                { "Casey Brooks", "casey.brooks@example.org", "Do you ship to Norway?", "2026-03-04T08:25:00Z" },
                { "Sam Taylor", "sam.taylor@example.net", "I would like a refund for order 7310.", "2026-03-05T13:05:00Z" },
        };
        String alex = null;
        for (String[] p : people) {
            String t = Chat.start(ingest, "widget-" + UUID.randomUUID(), p[3], "192.0.2.44");
            String sentAt = java.time.Instant.parse(p[3]).plusSeconds(120).toString();
            Chat.say(ingest, t, sentAt, p[2], "Thanks for reaching out, let me check that for you.");
            Chat.form(ingest, t, Map.of("name", p[0], "email", p[1]));
            if (alex == null) {
                alex = t;
                for (Map<String, Object> c : List.of(Fixtures.consent(visitorKeyOf(t), t, "chat-transcripts", true, "We keep this chat for 90 days."),
                        Fixtures.consent(visitorKeyOf(t), t, "marketing-email", false, "Send me offers by email."))) {
                    c.put("occurredAt", sentAt);
                    Api.ok(ingest, Fixtures.CONSENT, Map.of("in", c));
                }
                Fixtures.upload(ingest, t, "delivery-note.pdf", "application/pdf", "%PDF-1.4 note".getBytes(StandardCharsets.UTF_8));
            }
        }
        page.setViewportSize(1280, 720);
        signIn(tenant, "privacy-admin");
        open("transcripts", "Transcripts");
        page.getByText("5 transcripts found.").waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("readme-transcripts.png")));
        open("visitors/" + visitorIdOf(alex), "Visitor Alex Morgan");
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Consent")).getByText("marketing-email", new Locator.GetByTextOptions().setExact(true)).waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("readme-visitor.png")));
        for (String name : List.of("readme-transcripts.png", "readme-visitor.png")) {
            System.out.printf("%s: %d bytes%n", name, Files.size(SCREENSHOTS.resolve(name)));
        }
    }
}
