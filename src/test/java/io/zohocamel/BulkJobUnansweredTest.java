package io.zohocamel;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zoho makes an insert's bulk-write job and its answer is lost (500 after the fact). Creating it again would
 * insert the chunk's rows twice, so it is not created again, neither by the client nor by the route's
 * redelivery: the chunk ends OUTCOME_UNKNOWN, the other chunk becomes its job, and the file completes with the
 * unanswered chunk's rows in failed.csv, saying to look them up in Zoho.
 */
class BulkJobUnansweredTest extends RuntimeTestSupport {

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @Override
    protected java.util.Map<String, String> settings() {
        return QUICK_BULK;
    }

    @Test
    void anInsertJobWhoseCreationWentUnansweredIsReportedNotCreatedTwice() throws Exception {
        sandbox.resetObservations();
        sandbox.loseAnswers("POST", ZohoSandbox.BULK_WRITE, 1);
        dropLeads("Leads/insert/lost-job.csv", 30_000, "lost"); // two chunks

        await("lost-job.csv completed", Duration.ofSeconds(90), () -> jobStore.recentBulkFiles(20).stream()
                .anyMatch(f -> f.fileName().equals("lost-job.csv") && BulkFile.COMPLETED.equals(f.status())));

        assertThat(sandbox.calls("POST", ZohoSandbox.BULK_WRITE)).as("one creation per chunk, the unanswered one not repeated")
                .isEqualTo(2);
        BulkFile file = jobStore.recentBulkFiles(20).stream().filter(f -> f.fileName().equals("lost-job.csv")).findFirst()
                .orElseThrow();
        List<TrackedJob> jobs = jobStore.jobsOfFile(file.id());
        assertThat(jobs).extracting(TrackedJob::status).containsExactlyInAnyOrder(JobState.COMPLETED, JobState.OUTCOME_UNKNOWN);
        TrackedJob unknown = jobs.stream().filter(j -> JobState.OUTCOME_UNKNOWN.equals(j.status())).findFirst().orElseThrow();
        assertThat(unknown.zohoJobId()).isNull();

        List<String> result = Files.readAllLines(dataDir.resolve("reports/Leads/insert/lost-job.result.csv"));
        assertThat(result).hasSize(30_001);
        List<String> failed = Files.readAllLines(dataDir.resolve("reports/Leads/insert/lost-job.failed.csv"));
        assertThat(failed).hasSize(unknown.rowCount() + 1);
        assertThat(failed.get(1)).contains("OUTCOME_UNKNOWN", "INTERNAL_ERROR", "look them up in Zoho");
        assertThat(Files.readString(dataDir.resolve("reports/Leads/insert/lost-job.report.json")))
                .contains("OUTCOME_UNKNOWN");
    }
}
