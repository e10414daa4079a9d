package io.lethe.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.tenant.PrivacySettings;
import io.quarkus.test.junit.QuarkusTest;

/** Art. 15 exports list the tenant's processing purposes exactly as its privacy settings hold them. */
@QuarkusTest
class ExportPurposesTest {
    private static final String EXPORT = "mutation($e: String!) { exportVisitorData(email: $e, format: JSON) { downloadPath } }";

    @Test
    void theJsonExportListsEachPurposeAsOneItem() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String email = "p-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        String chat = Chat.start(ingest, "v-purposes", null, null);
        Chat.form(ingest, chat, Map.of("email", email));

        assertThat(purposes(admin, email)).containsExactlyElementsOf(PrivacySettings.DEFAULT_PURPOSES);

        // a `;` or a line break inside a purpose no longer splits it
        List<String> mine = List.of("Support; quality review", "Fraud prevention\nand abuse handling", "Billing");
        Api.ok(admin, "mutation($p: [String!]) { updatePrivacySettings(input: {processingPurposes: $p}) {"
                + " processingPurposes } }", Map.of("p", mine));
        assertThat(purposes(admin, email)).containsExactlyElementsOf(mine);

        Api.ok(admin, "mutation { updatePrivacySettings(input: {processingPurposes: []}) { processingPurposes } }");
        assertThat(purposes(admin, email)).isEmpty();
    }

    private static List<String> purposes(String admin, String email) throws Exception {
        String path = Api.ok(admin, EXPORT, Map.of("e", email)).getString("data.exportVisitorData.downloadPath");
        byte[] body = given().header("Authorization", "Bearer " + admin).get(path).then().statusCode(200).extract()
                .asByteArray();
        JsonNode doc = new ObjectMapper().readTree(body);
        List<String> out = new ArrayList<>();
        doc.path("controller").path("processingPurposes").forEach(p -> out.add(p.asText()));
        return out;
    }
}
