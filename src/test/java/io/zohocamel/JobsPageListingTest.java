package io.zohocamel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /jobs lists every dropped file and every mass-update request, those refused before anything reached Zoho
 * too, with their codes, newest first and a page at a time; the error file of a refused file is served
 * from error/ only; and the page says when the runtime talks to the built-in sandbox.
 */
class JobsPageListingTest extends RuntimeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString("admin:pa55-word".getBytes(StandardCharsets.UTF_8));
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Rows the paging test adds: arrived long before anything the other tests drop, so they never push those off page 1. */
    private static final int ROWS = 10_000;
    private static final long LONG_AGO = 1_000_000_000_000L; // 2001-09-09

    @BeanInject
    JobStore jobStore;

    @BeanInject
    CamelContext context;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(QUICK_BULK);
        settings.put("http.auth.password", "pa55-word");
        return settings;
    }

    @Test
    void aCsvRefusedAtValidationIsListedWithItsCodeAndItsErrorFileDownloads() throws Exception {
        drop("Leads/insert/broken.csv", "Last_Name,Email\nAda,ada@example.com\n\"Unclosed,bob@example.com\n");
        Path errorJson = dataDir.resolve("error/Leads/insert/broken.error.json");
        await("broken.error.json", WAIT, () -> Files.exists(errorJson));

        AtomicReference<JsonNode> listed = new AtomicReference<>();
        await("broken.csv on /jobs", WAIT, () -> {
            listed.set(file(jobs("/jobs"), "broken.csv"));
            return listed.get() != null;
        });
        JsonNode file = listed.get();
        assertThat(file.path("status").asText()).isEqualTo("ERROR");
        assertThat(file.path("code").asText()).isEqualTo("INVALID_CSV");
        assertThat(file.path("module").asText()).isEqualTo("Leads");
        assertThat(file.path("arrived_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(file.path("took_ms").isNumber()).as("a refused file is over: how long it took").isTrue();
        String link = file.path("links").path("error.json").asText();
        assertThat(link).isEqualTo("/jobs/files/" + file.path("id").asLong() + "/error.json");

        HttpResponse<String> error = send(link, LOGIN, "*/*");
        assertThat(error.statusCode()).isEqualTo(200);
        assertThat(error.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(error.body()).path("code").asText()).isEqualTo("INVALID_CSV");
        assertThat(error.body()).isEqualTo(Files.readString(errorJson));
        assertThat(send(link, null, "*/*").statusCode()).as("behind the login").isEqualTo(401);

        String html = send("/jobs", LOGIN, "text/html").body();
        assertThat(html).contains("broken.csv").contains("<code>INVALID_CSV</code>").contains("href=\"" + link + "\"");
    }

    @Test
    void anErrorFileIsServedFromTheErrorFolderOnlyWhateverTheRecordSays() throws Exception {
        // what an attacker holding the console login (and a way to change a record) would aim at
        Path outside = Files.createDirectories(dataDir.resolve("elsewhere"));
        Files.writeString(outside.resolve("stolen.error.json"), "{\"secret\":\"outside error/\"}");
        Path planted = Files.createDirectories(dataDir.resolve("error/Leads/insert")).resolve("planted.error.json");
        Files.createSymbolicLink(planted, dataDir.resolve("secrets/broker.password"));
        long outsideId = insertFile("stolen.csv", outside.resolve("stolen.csv"));
        long plantedId = insertFile("planted.csv", planted.resolveSibling("planted.csv"));

        for (long id : new long[] {outsideId, plantedId}) {
            HttpResponse<String> answer = send("/jobs/files/" + id + "/error.json", LOGIN, "*/*");
            assertThat(answer.statusCode()).as("file %d", id).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("outside error/").doesNotContain(brokerPassword());
        }
        JsonNode page = jobs("/jobs?limit=500");
        assertThat(file(page, "stolen.csv").path("links").has("error.json")).isFalse();
        assertThat(file(page, "planted.csv").path("links").has("error.json")).isFalse();
    }

    @Test
    void aMassUpdateRequestDeadLetteredBeforeAnyCallIsListedWithItsCode() throws Exception {
        addProducerComponent(context);
        ProducerTemplate producer = context.createProducerTemplate();
        try {
            String queue = PRODUCER + ":queue:zoho.mass-update?includeSentJMSMessageID=true";
            producer.sendBody(queue, "{\"module\":\"Leeds\",\"request_id\":\"listing-bad-module\","
                    + "\"data\":[{\"Rating\":\"Hot\"}],\"ids\":[\"4150868000000000001\"]}");
            String notJson = producer.send(queue, e -> e.getMessage().setBody("module=Leads&ids=1,2"))
                    .getMessage().getHeader("JMSMessageID", String.class);
            // over 10 MiB as the broker keeps it: dead-lettered by the broker, unread
            String huge = "{\"module\":\"Leads\",\"data\":[{\"Rating\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}]}";
            String tooLarge = producer.send(queue, e -> e.getMessage().setBody(huge))
                    .getMessage().getHeader("JMSMessageID", String.class);

            Map<String, JsonNode> shown = new HashMap<>();
            await("the refused requests on /jobs", WAIT, () -> {
                shown.clear();
                jobs("/jobs").path("mass_updates").forEach(r -> shown.put(r.path("request_id").asText(), r));
                return shown.containsKey("listing-bad-module") && shown.containsKey(notJson) && shown.containsKey(tooLarge);
            });
            assertThat(shown.get(tooLarge).path("code").asText()).isEqualTo("BODY_TOO_LARGE");
            assertThat(shown.get("listing-bad-module").path("status").asText()).isEqualTo("DEAD_LETTERED");
            assertThat(shown.get("listing-bad-module").path("code").asText()).isEqualTo("UNKNOWN_MODULE");
            assertThat(shown.get(notJson).path("code").asText()).isEqualTo("INVALID_JSON");
            assertThat(shown.get(notJson).path("message").asText()).isNotBlank();
            assertThat(shown.get(notJson).path("took_ms").isNumber()).isTrue();

            String html = send("/jobs", LOGIN, "text/html").body();
            assertThat(html).contains("listing-bad-module").contains("<code>UNKNOWN_MODULE</code>")
                    .contains("<code>INVALID_JSON</code>");
        } finally {
            producer.stop();
        }
    }

    @Test
    void tenThousandFilesAndRequestsArePagedNewestFirst() throws Exception {
        insertOldRows();

        JsonNode first = jobs("/jobs");
        assertThat(first.path("files")).as("one page of files, not 10,000").hasSize(50);
        assertThat(first.path("mass_updates")).as("one page of requests").hasSize(50);
        List<String> files = names(first.path("files"), "file");
        List<String> requests = names(first.path("mass_updates"), "request_id");
        String older = first.path("page").path("older").asText();
        assertThat(older).isEqualTo("/jobs?page=2&limit=50");

        JsonNode second = jobs(older);
        assertThat(second.path("files")).hasSize(50);
        assertThat(second.path("page").path("newer").asText()).isEqualTo("/jobs?page=1&limit=50");
        files.addAll(names(second.path("files"), "file"));
        requests.addAll(names(second.path("mass_updates"), "request_id"));
        // whatever the other tests of this class dropped arrived later: the old rows follow, newest first, none twice
        List<String> oldFiles = files.stream().filter(n -> n.startsWith("old-")).toList();
        List<String> oldRequests = requests.stream().filter(n -> n.startsWith("old-")).toList();
        assertThat(oldFiles).hasSizeGreaterThan(50).isEqualTo(expectedNewestFirst(oldFiles.size(), ".csv"));
        assertThat(oldRequests).hasSizeGreaterThan(50).isEqualTo(expectedNewestFirst(oldRequests.size(), ""));
        assertThat(files).doesNotHaveDuplicates();

        JsonNode capped = jobs("/jobs?limit=100000");
        assertThat(capped.path("page").path("limit").asInt()).isEqualTo(500);
        assertThat(capped.path("files")).hasSize(500);
        JsonNode beyond = jobs("/jobs?page=999999");
        assertThat(beyond.path("files")).isEmpty();
        assertThat(beyond.path("page").path("older").isNull()).as("no older page after the last").isTrue();
        assertThat(jobs("/jobs?page=-3&limit=x").path("page").path("number").asInt()).isEqualTo(1);

        String html = send("/jobs", LOGIN, "text/html").body();
        assertThat(html.split("<tr>", -1)).as("header rows and 2 x 50 rows").hasSize(1 + 2 + 100);
        assertThat(html).contains("href=\"/jobs?page=2&amp;limit=50\"");
    }

    @Test
    void withoutCredentialsThePageSaysItIsTheBuiltInSandbox() throws Exception {
        assertThat(jobs("/jobs").path("sandbox").asBoolean()).isTrue();
        assertThat(send("/jobs", LOGIN, "text/html").body()).contains("id=\"sandbox\"")
                .contains("This runtime is talking to the built-in Zoho sandbox").contains("not a real Zoho org");
        HttpResponse<String> health = get(managementPort, "/observe/health?exposureLevel=full");
        assertThat(health.body()).contains("\"name\":\"zoho-auth\",\"status\":\"UP\",\"message\":\"the built-in Zoho sandbox on 127.0.0.1:")
                .contains("not a real Zoho org");
    }

    /** A file's record as a changed row would have it: pointing at {@code location}. */
    private long insertFile(String name, Path location) throws Exception {
        try (Connection c = jobStore.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("insert into bulk_file (checksum, module, operation, file_name, status, "
                     + "location, report_name, created_at, updated_at) values (?, 'Leads', 'insert', ?, 'ERROR', ?, ?, ?, ?)",
                     new String[] {"id"})) {
            long now = System.currentTimeMillis();
            insert.setString(1, "made-up-" + name);
            insert.setString(2, name);
            insert.setString(3, location.toString());
            insert.setString(4, name.replace(".csv", ""));
            insert.setLong(5, now);
            insert.setLong(6, now);
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void insertOldRows() throws Exception {
        try (Connection c = jobStore.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement files = c.prepareStatement("insert into bulk_file (checksum, module, operation, file_name, "
                    + "status, created_at, updated_at) values (?, 'Leads', 'insert', ?, 'COMPLETED', ?, ?)");
                 PreparedStatement requests = c.prepareStatement("insert into mass_update_request (request_id, module, kind, "
                         + "status, created_at, updated_at) values (?, 'Leads', 'ids', 'COMPLETED', ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    long arrived = LONG_AGO + i * 1000L;
                    files.setString(1, "old-checksum-" + i);
                    files.setString(2, String.format("old-%05d.csv", i));
                    files.setLong(3, arrived);
                    files.setLong(4, arrived + 500);
                    files.addBatch();
                    requests.setString(1, String.format("old-%05d", i));
                    requests.setLong(2, arrived);
                    requests.setLong(3, arrived + 500);
                    requests.addBatch();
                }
                files.executeBatch();
                requests.executeBatch();
            }
            c.commit();
        }
    }

    private static List<String> expectedNewestFirst(int count, String suffix) {
        List<String> names = new ArrayList<>();
        for (int i = ROWS - 1; names.size() < count; i--) {
            names.add(String.format("old-%05d%s", i, suffix));
        }
        return names;
    }

    private static List<String> names(JsonNode rows, String field) {
        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.path(field).asText()));
        return names;
    }

    private static JsonNode file(JsonNode page, String name) {
        for (JsonNode f : page.path("files")) {
            if (name.equals(f.path("file").asText())) {
                return f;
            }
        }
        return null;
    }

    private JsonNode jobs(String path) {
        try {
            HttpResponse<String> answer = send(path, LOGIN, "application/json");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> send(String path, String authorization, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
