package io.lethe.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** TranscriptFilter.lastActivityBefore and .legalHold, Transcript.lastActivityAt and .legalHoldReason. */
@QuarkusTest
class TranscriptFilterTest {
    private static final String PAGE = "query($f: TranscriptFilter, $after: String) { transcripts(filter: $f, first: 2,"
            + " after: $after) { totalCount edges { cursor node { id legalHold legalHoldReason lastActivityAt } }"
            + " pageInfo { hasNextPage endCursor } } }";

    @Test
    void filtersByLastActivityAndLegalHoldAndPagesThroughEveryMatchOnce() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String agent = Api.token(tenant, "agent");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> held = new ArrayList<>();
        List<String> oldHeld = new ArrayList<>();
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // started long ago; last activity i days ago (0..9)
            String id = Chat.start(ingest, "v" + i, now.minusDays(30).toString(), null);
            Chat.say(ingest, id, now.minusDays(i).toString(), "message " + i);
            if (i % 2 == 0) {
                Api.ok(admin, "mutation($id: ID!, $r: String) { setLegalHold(transcriptId: $id, hold: true, reason: $r) { id } }",
                        Map.of("id", id, "r", "litigation " + i));
                held.add(id);
                if (i > 4) {
                    oldHeld.add(id);
                }
            }
            if (i > 4) {
                old.add(id);
            }
        }
        String cutoff = now.minusDays(4).minusHours(12).toString();

        assertThat(all(agent, Map.of("legalHold", true))).containsExactlyInAnyOrderElementsOf(held);
        assertThat(all(agent, Map.of("legalHold", false))).hasSize(5).doesNotContainAnyElementsOf(held);
        assertThat(all(agent, Map.of("lastActivityBefore", cutoff))).containsExactlyInAnyOrderElementsOf(old);
        assertThat(all(agent, Map.of("lastActivityBefore", cutoff, "legalHold", true)))
                .containsExactlyInAnyOrderElementsOf(oldHeld);
        assertThat(Api.ok(agent, PAGE, vars(Map.of("legalHold", true), null)).getInt("data.transcripts.totalCount"))
                .isEqualTo(5);

        // agents see the hold and its reason, as privacy admins do; lastActivityAt is the last message's time
        JsonPath one = Api.ok(agent, "query($id: ID!) { transcript(id: $id) { legalHold legalHoldReason lastActivityAt } }",
                Map.of("id", held.get(1))).setRootPath("data.transcript");
        assertThat(one.getBoolean("legalHold")).isTrue();
        assertThat(one.getString("legalHoldReason")).isEqualTo("litigation 2");
        assertThat(OffsetDateTime.parse(one.getString("lastActivityAt")).toInstant())
                .isEqualTo(now.minusDays(2).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        JsonPath lifted = Api.ok(admin, "mutation($id: ID!) { setLegalHold(transcriptId: $id, hold: false) { legalHold"
                + " legalHoldReason } }", Map.of("id", held.get(1))).setRootPath("data.setLegalHold");
        assertThat(lifted.getBoolean("legalHold")).isFalse();
        assertThat(lifted.getString("legalHoldReason")).isNull();
        assertThat(all(agent, Map.of("legalHold", true))).hasSize(4).doesNotContain(held.get(1));

        // the bound is checked like every filter time
        for (String bad : List.of("0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            assertThat(Api.errorCode(agent, PAGE, vars(Map.of("lastActivityBefore", bad), null))).isEqualTo("BAD_USER_INPUT");
        }
        // another tenant sees none of it
        assertThat(Api.ok(Api.token(Api.newTenant(), "agent"), PAGE, vars(Map.of("legalHold", true), null))
                .getInt("data.transcripts.totalCount")).isZero();
    }

    /** Every id the filter matches, two per page: each exactly once, newest start first. */
    private static List<String> all(String token, Map<String, Object> filter) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = Api.ok(token, PAGE, vars(filter, after)).setRootPath("data.transcripts");
            ids.addAll(page.getList("edges.node.id"));
            after = page.getBoolean("pageInfo.hasNextPage") ? page.getString("pageInfo.endCursor") : null;
        } while (after != null);
        assertThat(ids).doesNotHaveDuplicates();
        return ids;
    }

    private static Map<String, Object> vars(Map<String, Object> filter, String after) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", filter);
        vars.put("after", after);
        return vars;
    }
}
