package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small dropped file goes through Zoho's Records API (bulk.records-api-max-rows): calls of at most 100
 * records, no bulk-write job, and result.csv, failed.csv, the report and the file's end event as soon as the
 * calls are answered. job.json may send a small file to a bulk-write job, and refuses what the Records API
 * cannot carry.
 */
class BulkRecordsApiTest extends RuntimeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(QUICK_BULK);
        settings.put("bulk.records-api-max-rows", "5000");
        settings.put("poll.period", "1h"); // nothing here may need the poller or bulk-results
        return settings;
    }

    @Test
    void aSmallFileBecomesRecordsCallsOfAtMost100WithEveryRowInResultCsv() throws Exception {
        StringBuilder csv = new StringBuilder("Last_Name,Email,Company\n");
        for (int i = 1; i <= 300; i++) {
            // row 150 lacks the mandatory Last_Name: Zoho refuses that record only
            csv.append(i == 150 ? "" : "Small" + i).append(",small").append(i).append("@example.com,Acme\n");
        }
        sandbox.resetObservations();
        drop("Leads/insert/small.csv", csv);

        Path result = dataDir.resolve("reports/Leads/insert/small.result.csv");
        await("small.csv completed", Duration.ofSeconds(60), () -> jobStore.recentBulkFiles(10).stream()
                .anyMatch(f -> f.fileName().equals("small.csv") && BulkFile.COMPLETED.equals(f.status())));

        List<SandboxLoggedRequest> inserts = sandbox.requestLog().stream()
                .filter(r -> r.method().equals("POST") && r.pattern().equals(ZohoSandbox.RECORDS)).toList();
        assertThat(inserts).hasSize(3);
        for (SandboxLoggedRequest insert : inserts) {
            JsonNode body = JSON.readTree(insert.body());
            assertThat(body.path("data").size()).isLessThanOrEqualTo(100);
            assertThat(body.path("trigger").isArray() && body.path("trigger").isEmpty()).as("no workflow fires unasked").isTrue();
        }
        assertThat(sandbox.calls("POST", ZohoSandbox.UPLOAD)).as("no upload").isZero();
        assertThat(sandbox.calls("POST", ZohoSandbox.BULK_WRITE)).as("no bulk-write job").isZero();

        List<String> rows = Files.readAllLines(result);
        assertThat(rows).hasSize(301);
        assertThat(rows.get(0)).isEqualTo("Last_Name,Email,Company,STATUS,RECORD_ID,ERRORS");
        assertThat(rows.get(1)).startsWith("Small1,small1@example.com,Acme,ADDED,").doesNotEndWith("ADDED,,");
        assertThat(rows.get(150)).isEqualTo(",small150@example.com,Acme,SKIPPED,,MANDATORY_NOT_FOUND-Last_Name");
        assertThat(rows.get(300)).startsWith("Small300,small300@example.com,Acme,ADDED,");
        List<String> ids = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            if (cells[3].equals("ADDED")) {
                ids.add(cells[4]);
            }
        }
        assertThat(ids).hasSize(299).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9]+"));
        assertThat(sandbox.records("Leads")).extracting(r -> r.get("id")).containsAll(ids);

        assertThat(Files.readAllLines(dataDir.resolve("reports/Leads/insert/small.failed.csv")))
                .containsExactly("Last_Name,Email,Company,ERRORS", ",small150@example.com,Acme,MANDATORY_NOT_FOUND-Last_Name");
        assertThat(dataDir.resolve("done/Leads/insert/small.csv")).exists();
        JsonNode report = JSON.readTree(dataDir.resolve("reports/Leads/insert/small.report.json").toFile());
        assertThat(report.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.path("api").asText()).isEqualTo("records");
        assertThat(report.path("calls").asInt()).isEqualTo(3);
        assertThat(report.path("result").path("added").asInt()).isEqualTo(299);
        assertThat(report.path("result").path("failed").asInt()).isEqualTo(1);

        JsonNode event = endEvent("small.csv");
        assertThat(event.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(event.path("rows").asInt()).isEqualTo(300);
        assertThat(event.path("added").asInt()).isEqualTo(299);
    }

    @Test
    void anUpsertMatchesOnFindByAndTellsAddedFromUpdated() throws Exception {
        String existing = sandbox.putRecord("Contacts", Map.of("Last_Name", "Old", "Email", "known@example.com"));
        Files.createDirectories(dataDir.resolve("inbox/Contacts/upsert"));
        Files.writeString(dataDir.resolve("inbox/Contacts/upsert/job.json"), "{\"find_by\": \"Email\"}");
        drop("Contacts/upsert/people.csv", "Last_Name,Email\nNew,known@example.com\nFresh,fresh@example.com\n");

        await("people.csv completed", Duration.ofSeconds(60), () -> jobStore.recentBulkFiles(20).stream()
                .anyMatch(f -> f.fileName().equals("people.csv") && BulkFile.COMPLETED.equals(f.status())));
        SandboxLoggedRequest upsert = sandbox.requestLog().stream()
                .filter(r -> r.pattern().equals(ZohoSandbox.RECORDS_UPSERT)).findFirst().orElseThrow();
        assertThat(JSON.readTree(upsert.body()).path("duplicate_check_fields").toString()).isEqualTo("[\"Email\"]");
        List<String> rows = Files.readAllLines(dataDir.resolve("reports/Contacts/upsert/people.result.csv"));
        assertThat(rows.get(1)).isEqualTo("New,known@example.com,UPDATED," + existing + ",");
        assertThat(rows.get(2)).startsWith("Fresh,fresh@example.com,ADDED,");
    }

    @Test
    void jobJsonSendsASmallFileToABulkJobOrRefusesWhatTheRecordsApiCannotCarry() throws Exception {
        Files.createDirectories(dataDir.resolve("inbox/Accounts/insert"));
        Files.writeString(dataDir.resolve("inbox/Accounts/insert/job.json"), "{\"api\": \"bulk\"}");
        int jobs = sandbox.calls("POST", ZohoSandbox.BULK_WRITE);
        drop("Accounts/insert/two.csv", "Account_Name\nOne\nTwo\n");
        await("two.csv as a bulk-write job", Duration.ofSeconds(60), () -> sandbox.calls("POST", ZohoSandbox.BULK_WRITE) == jobs + 1);

        Files.createDirectories(dataDir.resolve("inbox/Deals/insert"));
        Files.writeString(dataDir.resolve("inbox/Deals/insert/job.json"), "{\"api\": \"records\"}");
        drop("Deals/insert/deals.csv", "Deal_Name,Stage,Account_Name.Account_Name\nBig,Closed Won,Acme\n");
        Path error = dataDir.resolve("error/Deals/insert/deals.error.json");
        await("deals.csv refused", Duration.ofSeconds(60), () -> Files.exists(error));
        JsonNode refusal = JSON.readTree(error.toFile());
        assertThat(refusal.path("code").asText()).isEqualTo("INVALID_JOB_JSON");
        assertThat(refusal.path("message").asText()).contains("Account_Name.Account_Name", "bulk-write job");
    }

    @Test
    void anInsertWithoutAnAnswerIsReportedNotSentTwice() throws Exception {
        StringBuilder csv = new StringBuilder("Last_Name,Email\n");
        for (int i = 1; i <= 150; i++) {
            csv.append("Lost").append(i).append(",lost").append(i).append("@example.com\n");
        }
        sandbox.resetObservations();
        sandbox.setRate500(1.0); // Zoho breaks after taking the request: the rows may be in
        try {
            drop("Leads/insert/lost.csv", csv);
            await("lost.csv completed", Duration.ofSeconds(60), () -> jobStore.recentBulkFiles(20).stream()
                    .anyMatch(f -> f.fileName().equals("lost.csv") && BulkFile.COMPLETED.equals(f.status())));
        } finally {
            sandbox.setRate500(0);
        }
        assertThat(sandbox.calls("POST", ZohoSandbox.RECORDS)).as("each insert sent once, never again").isEqualTo(2);
        List<String> failed = Files.readAllLines(dataDir.resolve("reports/Leads/insert/lost.failed.csv"));
        assertThat(failed).hasSize(151);
        assertThat(failed.get(1)).startsWith("Lost1,lost1@example.com,OUTCOME_UNKNOWN-Zoho gave no answer (INTERNAL_ERROR)")
                .contains("look it up in Zoho");
    }

    private JsonNode endEvent(String file) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "zoho",
                brokerPassword()); JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer events = jms.createConsumer(jms.createQueue("zoho.bulk-write.events"))) {
            for (TextMessage m = (TextMessage) events.receive(10_000); m != null; m = (TextMessage) events.receive(1_000)) {
                JsonNode event = JSON.readTree(m.getText());
                if (event.path("file").asText().equals(file)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no end event for " + file);
    }
}
