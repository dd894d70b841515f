package io.zohocamel.bulk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.JobStoreDataSource;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a completed file keeps its totals: the poller's write for the last job can come after
 * the timer merged the results (seen in CI as a COMPLETED report without its "result").
 */
class BulkReportsTest {

    @Test
    void aLateProgressWriteKeepsTheCompletedTotals() throws Exception {
        Path dir = Path.of("target", "test-data", "BulkReportsTest").toAbsolutePath();
        RuntimeTestSupport.deleteTree(dir);
        BulkFolders folders = BulkFolders.of(dir.resolve("inbox").toString(), dir.resolve("done").toString(),
                dir.resolve("error").toString(), dir.resolve("reports").toString());
        Path original = Files.createDirectories(dir.resolve("done/Leads/insert")).resolve("leads.csv");
        Files.writeString(original, "Last_Name,Email\nA,a@example.com\nB,b@example.com\n");
        try (HikariDataSource ds = JobStoreDataSource.create("jdbc:h2:file:" + dir.resolve("jobs"), null, null, dir)) {
            JobStore store = new JobStore(ds, Clock.systemUTC());
            BulkReports reports = new BulkReports(store, folders, new ResultMerger(), 1 << 20, 10_000);
            BulkFile file = store.bulkFile("sum", "Leads", "insert", "leads.csv", original.toString(), "leads", null);
            store.chunkJobCreated(file.id(), "Leads", 0, 1, 2, "upload-1", "zoho-1", store.now(), 1000);
            TrackedJob job = store.chunkJob(file.id(), 0).orElseThrow();
            store.updateBulkFile(file.id(), BulkFile.SUBMITTED, 2L, 1, null, null);
            store.recordPoll(job.id(), JobState.FAILED, "FAILED", null, null, "INVALID_FILE", null, 1000);

            // what the bulk-results route does for a ready file with no result to download
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                for (BulkFile ready : reports.readyFiles()) {
                    Exchange exchange = new DefaultExchange(camel);
                    exchange.getMessage().setBody(ready);
                    assertThat(reports.downloads(exchange)).isEmpty();
                    reports.merge(exchange);
                    reports.completed(exchange); // after the event is published (bulk-results)
                }
            }
            reports.jobFinished(store.job(job.id()).orElseThrow());

            JsonNode report = new ObjectMapper().readTree(dir.resolve("reports/Leads/insert/leads.report.json").toFile());
            assertThat(report.path("status").asText()).isEqualTo(BulkFile.COMPLETED);
            assertThat(report.path("result").path("total").asLong()).isEqualTo(2);
            assertThat(report.path("result").path("failed").asLong()).isEqualTo(2);
            assertThat(store.bulkFile(file.id()).orElseThrow().status()).isEqualTo(BulkFile.COMPLETED);
        }
    }
}
