package io.zohocamel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zoho refuses a file's second job after its first was made: the file is refused (error/, error.json), and once
 * the job that was made has ended, result.csv and failed.csv still list every row: that job's rows with Zoho's
 * outcome, the others not sent, with the refusal's code. The file stays refused.
 */
class BulkRefusedAfterJobsTest extends RuntimeTestSupport {

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @Override
    protected Map<String, String> settings() {
        return QUICK_BULK;
    }

    @Test
    void aFileRefusedAfterOneOfItsJobsWasMadeStillListsEveryRowOnceThatJobEnds() throws Exception {
        sandbox.resetObservations();
        sandbox.refuseCalls("POST", ZohoSandbox.BULK_WRITE, 1, "INVALID_DATA");
        dropLeads("Leads/insert/half.csv", 60_000, "half"); // three chunks

        Path result = dataDir.resolve("reports/Leads/insert/half.result.csv");
        // the report is written last, after result.csv and failed.csv, with their totals
        Path report = dataDir.resolve("reports/Leads/insert/half.report.json");
        Path error = dataDir.resolve("error/Leads/insert/half.error.json");
        await("half.csv refused, with its result files", Duration.ofSeconds(90), () -> Files.exists(error) && hasTotals(report));

        BulkFile file = jobStore.recentBulkFiles(10).stream().filter(f -> f.fileName().equals("half.csv")).findFirst()
                .orElseThrow();
        assertThat(file.status()).isEqualTo(BulkFile.ERROR);
        List<TrackedJob> jobs = jobStore.jobsOfFile(file.id());
        assertThat(jobs).hasSize(1);
        int madeRows = jobs.get(0).rowCount();
        List<String> rows = Files.readAllLines(result);
        assertThat(rows).hasSize(60_001);
        for (int i = 0; i < 60_000; i++) { // every row, in input order
            assertThat(rows.get(i + 1)).startsWith("L" + i + ",half" + i + "@example.com,");
        }
        assertThat(rows).filteredOn(row -> row.contains(",ADDED,")).hasSize(madeRows);
        assertThat(rows).filteredOn(row -> row.contains(",NOT_PROCESSED,,INVALID_DATA-not sent: the file was refused"))
                .hasSize(60_000 - madeRows);
        assertThat(Files.readString(error))
                .contains("already went to Zoho", "must not be dropped again");
        assertThat(Files.readString(report))
                .containsPattern("\"status\" *: *\"ERROR\"").contains("\"added\" : " + madeRows);

        // merged once: the file is not looked at again
        long written = Files.getLastModifiedTime(result).toMillis();
        Thread.sleep(1_500);
        assertThat(Files.getLastModifiedTime(result).toMillis()).isEqualTo(written);
        assertThat(jobStore.filesReadyForResults()).noneMatch(f -> f.id() == file.id());
    }

    private static boolean hasTotals(Path report) {
        try {
            return Files.readString(report).contains("\"result\"");
        } catch (IOException e) {
            return false; // not written yet
        }
    }
}
