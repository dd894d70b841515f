package io.zohocamel.zoho;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's requests against a fake Zoho: paths, headers, bodies, and how answers are read and counted. */
class ZohoClientTest extends ZohoClientTestBase {

    @Test
    void sendsTheTokenAndNormalises() {
        ZohoClient c = client();
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.jobStatus()).isEqualTo("COMPLETED");
        assertThat(apiRequests).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.pathAndQuery()).isEqualTo("/crm/bulk/v8/write/77");
            assertThat(s.header("Authorization")).isEqualTo("Zoho-oauthtoken tok-1");
        });
        assertThat(c.callsByCode()).containsEntry("SUCCESS", 1L);
    }

    @Test
    void createJobAndMassUpdatePostJsonToTheRightPaths() throws Exception {
        handler = (req, n) -> req.pathAndQuery().contains("bulk")
                ? Answer.json(201, "{\"status\":\"success\",\"code\":\"SUCCESS\",\"message\":\"success\",\"details\":{\"id\":\"55\"}}")
                : Answer.json(200, "{\"data\":[{\"code\":\"SUCCESS\",\"details\":{\"job_id\":\"66\"},\"message\":\"ok\",\"status\":\"success\"}]}");
        ZohoClient c = client();
        ObjectNode job = MAPPER.createObjectNode().put("operation", "insert");
        assertThat(c.createBulkWriteJob(job).jobId()).contains("55");
        assertThat(c.massUpdate("Leads", MAPPER.createObjectNode().put("cvid", "9")).jobId()).contains("66");
        assertThat(apiRequests.get(0).pathAndQuery()).isEqualTo("/crm/bulk/v8/write");
        assertThat(apiRequests.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(MAPPER.readTree(apiRequests.get(0).body()).path("operation").asText()).isEqualTo("insert");
        assertThat(apiRequests.get(1).pathAndQuery()).isEqualTo("/crm/v8/Leads/actions/mass_update");
    }

    @Test
    void massUpdateStatusOfUnknownJobIsNotFound() {
        handler = (req, n) -> new Answer(404, null, Map.of());
        ZohoClient c = client();
        ZohoResponse r = c.massUpdateStatus("Accounts", "554023000000506003");
        assertThat(r.code()).isEqualTo("NOT_FOUND");
        assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(apiRequests.get(0).pathAndQuery()).isEqualTo("/crm/v8/Accounts/actions/mass_update?job_id=554023000000506003");
    }

    @Test
    void gzipAnswersAreAskedForAndDecompressed() throws Exception {
        // 500 updated records are about 165 KB of JSON a call: compressed, a tenth of it crosses the network
        String json = "{\"data\":[{\"code\":\"SUCCESS\",\"details\":{\"id\":\"4150868000000224001\"},"
                + "\"message\":\"record updated\",\"status\":\"success\"}]}";
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        handler = (req, n) -> new Answer(200, new String(zipped.toByteArray(), StandardCharsets.ISO_8859_1),
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"));
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("ids").add("4150868000000224001");
        ZohoResponse r = client().massUpdate("Leads", body);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.data()).extracting(ZohoResponse.Entry::id).containsExactly("4150868000000224001");
        assertThat(apiRequests.get(0).header("Accept-Encoding")).contains("gzip");
    }

    @Test
    void uploadSendsMultipartFileWithBulkWriteHeaders() {
        handler = (req, n) -> Answer.json(200, "{\"status\":\"success\",\"code\":\"FILE_UPLOAD_SUCCESS\","
                + "\"message\":\"file uploaded.\",\"details\":{\"file_id\":\"4150868000005364001\",\"created_time\":\"x\"}}");
        byte[] zip = {'P', 'K', 3, 4, 1, 2, 3, (byte) 0xff};
        ZohoClient c = client();

        ZohoResponse r = c.upload("leads.zip", zip);

        assertThat(r.fileId()).contains("4150868000005364001");
        Seen seen = apiRequests.get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.pathAndQuery()).isEqualTo("/crm/v8/upload");
        assertThat(seen.header("feature")).isEqualTo("bulk-write");
        assertThat(seen.header("X-CRM-ORG")).isEqualTo("org-42");
        assertThat(seen.header("Authorization")).isEqualTo("Zoho-oauthtoken tok-1");
        String contentType = seen.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        String body = new String(seen.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith("--" + boundary + "\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"leads.zip\"\r\n")
                .contains("Content-Type: application/zip\r\n\r\n" + new String(zip, StandardCharsets.ISO_8859_1) + "\r\n--"
                        + boundary + "--");
    }

    @Test
    void uploadOmitsOrgHeaderWhenOrgIdIsEmpty() {
        handler = (req, n) -> Answer.json(200, "{\"status\":\"success\",\"code\":\"FILE_UPLOAD_SUCCESS\",\"details\":{\"file_id\":\"1\"}}");
        ZohoClient c = client(settings(5).toBuilder().orgId("").build());
        assertThat(c.upload("a.zip", new byte[] {1}).isSuccess()).isTrue();
        assertThat(apiRequests.get(0).header("X-CRM-ORG")).isNull();
    }

    @Test
    void uploadFileNameCannotBreakOutOfItsHeader() {
        handler = (req, n) -> Answer.json(200, "{\"status\":\"success\",\"code\":\"FILE_UPLOAD_SUCCESS\",\"details\":{\"file_id\":\"1\"}}");
        client().upload("a\"b\\c\r\nX-Evil: 1.zip", new byte[] {1});
        String body = new String(apiRequests.get(0).body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("filename=\"a_b_c__X-Evil: 1.zip\"\r\n").doesNotContain("\r\nX-Evil");
    }

    @Test
    void countersByCode() {
        handler = (req, n) -> n == 1 ? Answer.json(400, "{\"code\":\"INVALID_DATA\",\"status\":\"error\",\"message\":\"x\"}")
                : Answer.json(200, OK_JOB);
        ZohoClient c = client();
        c.bulkWriteJob("1");
        c.bulkWriteJob("2");
        assertThat(c.callsByCode()).containsEntry("INVALID_DATA", 1L).containsEntry("SUCCESS", 1L);
    }
}
