package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxBulkJobTest {

    private static final Duration STEP = Duration.ofSeconds(10);
    private ZohoSandbox sandbox;
    private SandboxHttp http;
    private String token;

    @BeforeEach
    void start() {
        sandbox = new ZohoSandbox(SandboxSettings.defaults().withJobStep(STEP)).start();
        http = new SandboxHttp(sandbox);
        token = sandbox.mintToken();
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private static String job(String operation, String module, String fileId, String findBy, String... fields) {
        StringBuilder mappings = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            mappings.append(i == 0 ? "" : ",").append("{\"api_name\":\"").append(fields[i]).append("\",\"index\":")
                    .append(i).append('}');
        }
        return "{\"operation\":\"" + operation + "\",\"ignore_empty\":true,\"resource\":[{\"type\":\"data\","
                + "\"module\":{\"api_name\":\"" + module + "\"},\"file_id\":\"" + fileId + "\","
                + (findBy == null ? "" : "\"find_by\":\"" + findBy + "\",")
                + "\"field_mappings\":[" + mappings + "]}]}";
    }

    private String createJob(String body) {
        SandboxHttp.Reply r = http.post("/crm/bulk/v8/write", body, token);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.code()).isEqualTo("SUCCESS");
        return r.json().path("details").path("id").asText();
    }

    private JsonNode details(String jobId) {
        SandboxHttp.Reply r = http.get("/crm/bulk/v8/write/" + jobId, token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private List<List<String>> resultRows(JsonNode details) {
        String url = details.path("result").path("download_url").asText();
        assertThat(url).isEqualTo(sandbox.baseUrl() + "/download/bulk-write/" + details.path("id").asText() + ".zip");
        SandboxHttp.Reply zip = http.get(url.substring(sandbox.baseUrl().length()), token);
        assertThat(zip.status()).isEqualTo(200);
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(SandboxHttp.unzipSingle(zip.raw()))) {
            return reader.stream().map(CsvRecord::getFields).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void insertJobWalksItsStatesAndReportsEveryRow() {
        String existing = sandbox.putRecord("Leads", Map.of("Last_Name", "Old", "Email", "taken@example.com"));
        String fileId = http.uploadCsv("leads.csv", String.join("\r\n",
                "Last_Name,Email,Company",
                "Ada,ada@example.com,Acme",
                ",nolast@example.com,Acme",
                "Bad,not-an-email,Acme",
                "Dup,ada@example.com,Acme",
                ",broken@,Acme",
                "Twin,TAKEN@example.com,Acme",
                "\"Smith, Jr\",smith@example.com,\"Quote \"\"Co\"\"\"") + "\r\n", token);
        String jobId = createJob(job("insert", "Leads", fileId, null, "Last_Name", "Email", "Company"));

        assertThat(details(jobId).path("status").asText()).isEqualTo("ADDED");
        sandbox.advanceTime(STEP);
        assertThat(details(jobId).path("status").asText()).isEqualTo("IN PROGRESS");
        sandbox.setInProgressSpelling("INPROGRESS");
        assertThat(details(jobId).path("status").asText()).isEqualTo("INPROGRESS");
        assertThat(sandbox.records("Leads")).hasSize(1); // nothing applied before completion
        sandbox.advanceTime(STEP);

        JsonNode done = details(jobId);
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        JsonNode resource = done.path("resource").get(0);
        assertThat(resource.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(resource.path("module").path("api_name").asText()).isEqualTo("Leads");
        JsonNode file = resource.path("file");
        assertThat(file.path("name").asText()).isEqualTo("leads.csv");
        assertThat(file.path("added_count").asInt()).isEqualTo(2);
        assertThat(file.path("skipped_count").asInt()).isEqualTo(5);
        assertThat(file.path("updated_count").asInt()).isEqualTo(0);
        assertThat(file.path("total_count").asInt()).isEqualTo(7);

        List<List<String>> rows = resultRows(done);
        assertThat(rows.get(0)).containsExactly("Last_Name", "Email", "Company", "STATUS", "RECORD_ID", "ERRORS");
        assertThat(rows).hasSize(8);
        assertThat(rows.get(1).subList(3, 6)).element(0).isEqualTo("ADDED");
        assertThat(rows.get(1).get(4)).matches("\\d{19}");
        assertThat(rows.get(2).subList(3, 6)).containsExactly("SKIPPED", "", "MANDATORY_NOT_FOUND-Last_Name");
        assertThat(rows.get(3).subList(3, 6)).containsExactly("SKIPPED", "", "INVALID_DATA-Email");
        assertThat(rows.get(4).subList(3, 6)).containsExactly("SKIPPED", "", "DUPLICATE_DATA-Email");
        assertThat(rows.get(5).subList(3, 6))
                .containsExactly("SKIPPED", "", "MANDATORY_NOT_FOUND-Last_Name:INVALID_DATA-Email");
        assertThat(rows.get(6).subList(3, 6)).containsExactly("SKIPPED", "", "DUPLICATE_DATA-Email");
        assertThat(rows.get(7)).startsWith("Smith, Jr", "smith@example.com", "Quote \"Co\"", "ADDED");

        List<Map<String, String>> leads = sandbox.records("Leads");
        assertThat(leads).hasSize(3);
        assertThat(leads).extracting(m -> m.get("id")).contains(existing, rows.get(1).get(4), rows.get(7).get(4));
        assertThat(leads).anySatisfy(m -> assertThat(m).containsEntry("Last_Name", "Smith, Jr")
                .containsEntry("Company", "Quote \"Co\""));
    }

    @Test
    void aRunningJobReportsTheRowsGoneThroughSoFarAsZohoDoes() {
        String fileId = http.uploadCsv("ten.csv", "Last_Name\r\n" + "Row\r\n".repeat(10), token);
        sandbox.setJobQueue(Duration.ofSeconds(1));
        String jobId = createJob(job("insert", "Leads", fileId, null, "Last_Name"));
        sandbox.setJobQueue(null);
        assertThat(sandbox.jobEndsAt(jobId)).isBetween(sandbox.now().plus(STEP), sandbox.now().plus(STEP).plusSeconds(1));

        JsonNode queued = details(jobId);
        assertThat(queued.path("status").asText()).isEqualTo("ADDED");
        assertThat(queued.path("resource").get(0).path("file").path("added_count").asInt()).isZero();
        assertThat(queued.path("resource").get(0).path("file").path("total_count").asInt()).isEqualTo(10);

        sandbox.advanceTime(Duration.ofSeconds(1).plus(STEP.multipliedBy(45).dividedBy(100)));
        JsonNode running = details(jobId);
        assertThat(running.path("status").asText()).isEqualTo("IN PROGRESS");
        JsonNode file = running.path("resource").get(0).path("file");
        assertThat(file.path("added_count").asInt()).as("45 %% of the step run: 4 of 10 rows").isEqualTo(4);
        assertThat(file.path("updated_count").asInt()).isZero();
        assertThat(file.path("skipped_count").asInt()).isZero();
        assertThat(file.path("total_count").asInt()).isEqualTo(10);
        assertThat(running.has("result")).isFalse();
        assertThat(sandbox.records("Leads")).isEmpty(); // still nothing applied before completion

        sandbox.setRunningCounts(false); // Zoho documents the counts only once done: the runtime copes without
        JsonNode bare = details(jobId).path("resource").get(0).path("file");
        assertThat(bare.path("name").asText()).isEqualTo("ten.csv");
        assertThat(bare.has("added_count")).isFalse();
        assertThat(bare.has("total_count")).isFalse();

        sandbox.advanceTime(STEP);
        JsonNode done = details(jobId).path("resource").get(0).path("file");
        assertThat(done.path("added_count").asInt()).isEqualTo(10);
        assertThat(done.path("total_count").asInt()).isEqualTo(10);
    }

    @Test
    void upsertUpdatesByFindByAndInsertsTheRest() {
        String old = sandbox.putRecord("Contacts", Map.of("Last_Name", "Old", "Email", "a@example.com", "Phone", "1"));
        String fileId = http.uploadCsv("contacts.csv",
                "Email,Last_Name,Phone\r\nA@example.com,New,\r\nb@example.com,Fresh,2\r\n", token);
        String jobId = createJob(job("upsert", "Contacts", fileId, "Email", "Email", "Last_Name", "Phone"));
        sandbox.advanceTime(STEP.multipliedBy(2));

        JsonNode done = details(jobId);
        assertThat(done.path("operation").asText()).isEqualTo("upsert");
        assertThat(done.path("resource").get(0).path("file").path("updated_count").asInt()).isEqualTo(1);
        assertThat(done.path("resource").get(0).path("file").path("added_count").asInt()).isEqualTo(1);
        List<List<String>> rows = resultRows(done);
        assertThat(rows.get(1).subList(3, 6)).containsExactly("UPDATED", old, "");
        assertThat(rows.get(2).get(3)).isEqualTo("ADDED");

        List<Map<String, String>> contacts = sandbox.records("Contacts");
        assertThat(contacts).hasSize(2);
        // ignore_empty: the blank Phone did not wipe the stored one
        assertThat(contacts.get(0)).containsEntry("id", old).containsEntry("Last_Name", "New").containsEntry("Phone", "1");
        assertThat(contacts.get(1)).containsEntry("Email", "b@example.com").containsEntry("Last_Name", "Fresh");
    }

    @Test
    void updateWithoutMatchSkipsTheRow() {
        sandbox.putRecord("Accounts", Map.of("Account_Name", "Acme"));
        String fileId = http.uploadCsv("acc.csv", "Account_Name,Phone\r\nAcme,9\r\nNobody,8\r\n", token);
        String jobId = createJob(job("update", "Accounts", fileId, "Account_Name", "Account_Name", "Phone"));
        sandbox.advanceTime(STEP.multipliedBy(2));

        List<List<String>> rows = resultRows(details(jobId));
        assertThat(rows.get(1).get(2)).isEqualTo("UPDATED");
        assertThat(rows.get(2).subList(2, 5)).containsExactly("SKIPPED", "", "NOT_FOUND-Account_Name");
        assertThat(sandbox.records("Accounts")).singleElement().satisfies(m -> assertThat(m).containsEntry("Phone", "9"));
    }

    @Test
    void createJobValidation() {
        String fileId = http.uploadCsv("d.csv", "Deal_Name,Amount\r\nBig,10\r\n", token);

        SandboxHttp.Reply unknownModule = http.post("/crm/bulk/v8/write",
                job("insert", "Dealz", fileId, null, "Deal_Name"), token);
        assertThat(unknownModule.status()).isEqualTo(400);
        assertThat(unknownModule.code()).isEqualTo("INVALID_MODULE");

        SandboxHttp.Reply notMapped = http.post("/crm/bulk/v8/write",
                job("insert", "Deals", fileId, null, "Deal_Name", "Amount"), token);
        assertThat(notMapped.code()).isEqualTo("MANDATORY_FIELDS_NOT_MAPPED");
        assertThat(notMapped.json().path("message").asText())
                .isEqualTo("All mandatory fields are not mapped for the layout [Stage]");

        SandboxHttp.Reply noFindBy = http.post("/crm/bulk/v8/write",
                job("update", "Deals", fileId, null, "Deal_Name"), token);
        assertThat(noFindBy.code()).isEqualTo("MISSING_REQUIRED_KEY");

        SandboxHttp.Reply badIndex = http.post("/crm/bulk/v8/write",
                job("insert", "Deals", fileId, null, "Deal_Name", "Amount", "Stage"), token);
        assertThat(badIndex.status()).isEqualTo(400);
        assertThat(badIndex.code()).isEqualTo("INVALID_DATA");

        SandboxHttp.Reply badOperation = http.post("/crm/bulk/v8/write",
                job("merge", "Deals", fileId, null, "Deal_Name"), token);
        assertThat(badOperation.code()).isEqualTo("INVALID_DATA");

        String badCallback = job("insert", "Leads", fileId, null, "Last_Name")
                .replace("{\"operation\"", "{\"callback\":{\"url\":\"ftp://x\",\"method\":\"post\"},\"operation\"");
        assertThat(http.post("/crm/bulk/v8/write", badCallback, token).code()).isEqualTo("INVALID_CALLBACK_URL");
        String privateCallback = badCallback.replace("ftp://x", "http://10.1.2.3/hook");
        SandboxHttp.Reply ssrf = http.post("/crm/bulk/v8/write", privateCallback, token);
        assertThat(ssrf.code()).isEqualTo("INVALID_CALLBACK_URL");
        assertThat(ssrf.json().path("details").path("reason").asText()).isEqualTo("possible ssrf attempt");
    }

    @Test
    void forgottenJobIsNotFoundAndUnknownPathsAndMethodsAreRefused() {
        String fileId = http.uploadCsv("l.csv", "Last_Name\r\nX\r\n", token);
        String jobId = createJob(job("insert", "Leads", fileId, null, "Last_Name"));
        assertThat(sandbox.forgetJob(jobId)).isTrue();

        SandboxHttp.Reply gone = http.get("/crm/bulk/v8/write/" + jobId, token);
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.code()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(http.send("DELETE", "/crm/bulk/v8/write/" + jobId, null, token).code())
                .isEqualTo("INVALID_REQUEST_METHOD");
        SandboxHttp.Reply badPath = http.get("/crm/bulk/v8/writes/" + jobId, token);
        assertThat(badPath.status()).isEqualTo(404);
        assertThat(badPath.code()).isEqualTo("INVALID_URL_PATTERN");
    }

    @Test
    void completedJobCallsBack() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            sandbox.setJobStep(Duration.ofMillis(100));
            String fileId = http.uploadCsv("l.csv", "Last_Name\r\nX\r\n", token);
            String body = job("insert", "Leads", fileId, null, "Last_Name").replace("{\"operation\"",
                    "{\"callback\":{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                            + "/hook\",\"method\":\"post\"},\"operation\"");
            String jobId = createJob(body);

            // nobody polls: the completion timer applies the job and calls back
            JsonNode callback = SandboxHttp.JSON.readTree(received.get(10, TimeUnit.SECONDS));
            assertThat(callback.path("job_id").asText()).isEqualTo(jobId);
            assertThat(callback.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(sandbox.records("Leads")).hasSize(1);
            assertThat(sandbox.bulkJobStatus(jobId)).isEqualTo("COMPLETED");
        } finally {
            receiver.stop(0);
        }
    }
}
