package io.lethe.attachment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.support.Fixtures;
import io.lethe.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/** Files uploaded through the chat box: stored, listed, served back byte for byte, and bounded. */
@QuarkusTest
class AttachmentTest {
    private static final int LIMIT = 10 * 1024 * 1024;

    @Inject
    Pool pool;

    @Test
    void uploadListAndDownloadByteForByte() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-files");
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);

        Response created = given().header("Authorization", "Bearer " + ingest).header("X-File-Name", "scan of receipt.pdf")
                .contentType("application/pdf").body(bytes).post("/transcripts/" + id + "/attachments");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonPath json = created.jsonPath();
        String attachmentId = json.getString("id");
        assertThat(attachmentId).isNotBlank();
        assertThat(json.getLong("size")).isEqualTo(bytes.length);
        assertThat(json.getString("sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        Fixtures.upload(ingest, id, "empty.txt", "text/plain", new byte[0]);

        for (String role : new String[] { "agent", "privacy-admin" }) {
            JsonPath read = Fixtures.read(Api.token(tenant, role), id);
            assertThat(read.getList("data.transcript.attachments.fileName", String.class)).containsExactly("scan of receipt.pdf", "empty.txt");
            assertThat(read.getString("data.transcript.attachments[0].id")).isEqualTo(attachmentId);
            assertThat(read.getString("data.transcript.attachments[0].contentType")).startsWith("application/pdf");
            assertThat(read.getInt("data.transcript.attachments[0].size")).isEqualTo(bytes.length);
            assertThat(read.getInt("data.transcript.attachments[1].size")).isZero();
            assertThat(read.getBoolean("data.transcript.attachments[0].destroyed")).isFalse();

            Response download = given().header("Authorization", "Bearer " + Api.token(tenant, role)).get("/attachments/" + attachmentId);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.contentType()).startsWith("application/pdf");
            assertThat(download.asByteArray()).isEqualTo(bytes);
            // uploaded content is never rendered by a browser as our page
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(download.header("Content-Disposition")).startsWith("attachment");
        }
    }

    @Test
    void overTheSizeLimitIs413AndStoresNothing() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-big");
        Response tooBig = given().header("Authorization", "Bearer " + ingest).header("X-File-Name", "big.bin")
                .contentType("application/octet-stream").body(new byte[LIMIT + 1]).post("/transcripts/" + id + "/attachments");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(errorCode(tooBig)).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(tooBig.jsonPath().getString("message")).contains(String.valueOf(LIMIT));
        assertThat(Fixtures.count(pool, "select count(*) from attachment where tenant_id = $1", tenant)).isZero();
        // the limit itself is accepted
        Fixtures.upload(ingest, id, "exact.bin", "application/octet-stream", new byte[LIMIT]);
    }

    @Test
    void unknownTranscriptOrAttachmentIs404() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        for (String transcript : new String[] { UUID.randomUUID().toString(), "nope" }) {
            Response upload = given().header("Authorization", "Bearer " + ingest).header("X-File-Name", "a.txt")
                    .contentType("text/plain").body("a".getBytes()).post("/transcripts/" + transcript + "/attachments");
            assertThat(upload.statusCode()).as(transcript).isEqualTo(404);
            assertThat(errorCode(upload)).isEqualTo("NOT_FOUND");
        }
        for (String attachment : new String[] { UUID.randomUUID().toString(), "nope" }) {
            Response download = given().header("Authorization", "Bearer " + Api.token(tenant, "agent"))
                    .get("/attachments/" + attachment);
            assertThat(download.statusCode()).as(attachment).isEqualTo(404);
            assertThat(errorCode(download)).isEqualTo("NOT_FOUND");
        }
        assertThat(Fixtures.tenantRows(pool, tenant)).isZero();
    }

    @Test
    void aFileNameIsRequired() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-name");
        for (String name : new String[] { null, " ", "n".repeat(256) }) {
            var request = given().header("Authorization", "Bearer " + ingest).contentType("text/plain").body("a".getBytes());
            if (name != null) {
                request = request.header("X-File-Name", name);
            }
            Response refused = request.post("/transcripts/" + id + "/attachments");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(errorCode(refused)).isEqualTo("BAD_USER_INPUT");
            assertThat(refused.jsonPath().getString("message")).contains("X-File-Name");
        }
        assertThat(Fixtures.count(pool, "select count(*) from attachment where tenant_id = $1", tenant)).isZero();
        assertThat(Fixtures.read(Api.token(tenant, "agent"), id).getList("data.transcript.attachments")).isEmpty();
    }

    @Test
    void attachmentsOfEachTranscriptStayWithIt() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String one = Fixtures.start(ingest, "v-one");
        String two = Fixtures.start(ingest, "v-two");
        Fixtures.upload(ingest, one, "one.txt", "text/plain", "1".getBytes());
        Fixtures.upload(ingest, two, "two.txt", "text/plain", "2".getBytes());
        JsonPath page = Api.ok(Api.token(tenant, "agent"), "{ transcripts { edges { node { id attachments { fileName } } } } }");
        Map<String, Object> byId = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            byId.put(page.getString("data.transcripts.edges[" + i + "].node.id"),
                    page.getList("data.transcripts.edges[" + i + "].node.attachments.fileName"));
        }
        assertThat(byId).containsEntry(one, java.util.List.of("one.txt")).containsEntry(two, java.util.List.of("two.txt"));
    }

    @Test
    void anyContentTypeIsStoredAsRawBytesEvenAFormOne() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-types");
        byte[] bytes = "a=1&b=%20two\n+c\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a plain HTTP client: RestAssured would re-encode form bodies itself
        var client = java.net.http.HttpClient.newHttpClient();
        // curl --data-binary sends application/x-www-form-urlencoded unless told otherwise
        for (String type : new String[] { "application/x-www-form-urlencoded", "image/png", "text/plain; charset=UTF-8" }) {
            var upload = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                    + io.restassured.RestAssured.port + "/transcripts/" + id + "/attachments"))
                    .header("Authorization", "Bearer " + ingest).header("X-File-Name", "f").header("Content-Type", type)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            var response = client.send(upload, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(type).isEqualTo(201);
            String fileId = new JsonPath(response.body()).getString("id");
            byte[] back = given().header("Authorization", "Bearer " + Api.token(tenant, "agent"))
                    .get("/attachments/" + fileId).then().statusCode(200).extract().asByteArray();
            assertThat(back).as(type).isEqualTo(bytes);
        }
    }

    @Test
    void aRedactedTranscriptTakesNoMoreFilesWithACodedConflict() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-late");
        Fixtures.upload(ingest, id, "before.txt", "text/plain", "before".getBytes());
        pool.preparedQuery("update transcript set redacted_at = now() where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenant, UUID.fromString(id))).await().indefinitely();

        Response late = given().header("Authorization", "Bearer " + ingest).header("X-File-Name", "late.txt")
                .contentType("text/plain").body("late".getBytes()).post("/transcripts/" + id + "/attachments");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(errorCode(late)).isEqualTo("CONFLICT");
        assertThat(Fixtures.count(pool, "select count(*) from attachment where tenant_id = $1", tenant)).isEqualTo(1);
    }

    /**
     * An upload racing a redaction: while the redaction holds the transcript, the upload waits;
     * once the redaction commits, the upload is refused, so no file survives next to redacted text.
     */
    @Test
    void anUploadWaitsForARunningRedactionAndIsThenRefused() throws Exception {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String id = Fixtures.start(ingest, "v-race");
        SqlConnection redaction = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = redaction.begin().await().indefinitely();
            redaction.preparedQuery("select id from transcript where tenant_id = $1 and id = $2 for update")
                    .execute(Tuple.of(tenant, UUID.fromString(id))).await().indefinitely();

            var client = java.net.http.HttpClient.newHttpClient();
            var upload = client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                    + io.restassured.RestAssured.port + "/transcripts/" + id + "/attachments"))
                    .header("Authorization", "Bearer " + ingest).header("X-File-Name", "racing.txt")
                    .header("Content-Type", "text/plain")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray("racing".getBytes())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1_000);
            assertThat(upload).as("the upload waits for the transcript lock").isNotDone();

            redaction.preparedQuery("update transcript set redacted_at = now() where tenant_id = $1 and id = $2")
                    .execute(Tuple.of(tenant, UUID.fromString(id))).await().indefinitely();
            tx.commit().await().indefinitely();

            var response = upload.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(new JsonPath(response.body()).getString("code")).isEqualTo("CONFLICT");
        } finally {
            redaction.close().await().indefinitely();
        }
        assertThat(Fixtures.count(pool, "select count(*) from attachment where tenant_id = $1", tenant)).isZero();
    }

    /** A refused request answers JSON {code, message}, the message safe to show. */
    private static String errorCode(Response response) {
        assertThat(response.contentType()).startsWith("application/json");
        JsonPath body = response.jsonPath();
        Fixtures.assertSafe(body.getString("message"));
        return body.getString("code");
    }
}
