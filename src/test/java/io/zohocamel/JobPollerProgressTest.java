package io.zohocamel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoResponse;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results as soon as Zoho has them (issue 20 item 3): the job-poller route against the sandbox, whose running
 * jobs report the records gone through so far. A job is asked about near its expected end instead of on the
 * doubling backoff, and its end is noticed within 10 % of its run time with no more status calls than the
 * backoff makes; without counts the backoff alone decides. Bounds are on call counts and on the recorded
 * notice time against the sandbox's end time, not on how long the test takes.
 */
class JobPollerProgressTest extends RuntimeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicLong IDS = new AtomicLong(9200000000000000001L);
    private static final String MODULE = "Poll_Progress";

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    ZohoClient zoho;

    @BeanInject
    JobStore jobStore;

    @BeanInject
    PollSchedule schedule;

    @Override
    protected Map<String, String> settings() {
        return Map.of("poll.period", "1s", "poll.max-interval", "5m", "zoho.sandbox.job-step", "1s");
    }

    @AfterEach
    void reset() {
        sandbox.setJobQueue(null);
        sandbox.setJobStep(Duration.ofSeconds(1));
        sandbox.setRunningCounts(true);
    }

    @Test
    void runningJobsAreNoticedWithinTenPercentOfTheirRunTimeWithNoMoreCallsThanTheBackoff() throws Exception {
        // 20 s jobs: queued half a second, then their records at an even rate. The backoff from poll.period 1 s
        // asks at 1, 3, 7, 15 and 31 s: it would notice them 11 s (55 %) late.
        sandbox.setJobQueue(Duration.ofMillis(500));
        sandbox.setJobStep(Duration.ofMillis(19_500));
        sandbox.addModule(MODULE);
        for (int i = 0; i < 200; i++) {
            sandbox.putRecord(MODULE, Map.of("Last_Name", "P" + i));
        }
        List<TrackedJob> jobs = List.of(bulkJob(2000), massUpdateJob());
        await("both jobs finished", WAIT, () -> jobs.stream().allMatch(j -> current(j).isFinished()));

        for (TrackedJob job : jobs) {
            TrackedJob done = current(job);
            assertThat(done.status()).isEqualTo(JobState.COMPLETED);
            Instant end = sandbox.jobEndsAt(job.zohoJobId());
            long runMs = end.toEpochMilli() - done.createdAt();
            long lateMs = done.finishedAt() - end.toEpochMilli();
            int calls = callsFor(job);
            int backoffCalls = backoffCalls(runMs);
            System.out.printf("%s: run %d ms, noticed %d ms after its end, %d status calls (backoff: %d)%n",
                    job.kind(), runMs, lateMs, calls, backoffCalls);
            assertThat(lateMs).as("%s noticed %d ms after its end (run time %d ms, calls %d)", job.kind(), lateMs, runMs, calls)
                    .isBetween(0L, runMs / 10);
            assertThat(calls).as("%s status calls against the backoff's %d", job.kind(), backoffCalls)
                    .isEqualTo(done.polls()).isLessThanOrEqualTo(backoffCalls);
        }
    }

    @Test
    void withoutCountsTheBackoffAloneDecides() throws Exception {
        // Zoho documents a bulk-write job's counts only once it is done: then the backoff (1, 3, 7 s) decides
        sandbox.setRunningCounts(false);
        sandbox.setJobQueue(Duration.ofMillis(500));
        sandbox.setJobStep(Duration.ofMillis(5_000));
        TrackedJob job = bulkJob(50);
        await("the job finished", WAIT, () -> current(job).isFinished());

        TrackedJob done = current(job);
        assertThat(done.status()).isEqualTo(JobState.COMPLETED);
        assertThat(done.counts().added()).isEqualTo(50);
        assertThat(callsFor(job)).isEqualTo(3);
        assertThat(done.finishedAt() - done.createdAt()).as("asked at 1, 3 and 7 s").isGreaterThanOrEqualTo(7_000);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** How many status calls the doubling backoff alone makes for a job that runs {@code runMs}. */
    private int backoffCalls(long runMs) {
        long at = schedule.firstInterval();
        long interval = schedule.firstInterval();
        int calls = 1;
        while (at < runMs) {
            interval = schedule.nextInterval(interval);
            at += interval;
            calls++;
        }
        return calls;
    }

    /** A bulk-write job created at the sandbox and registered as the bulk-write flow does (first poll a period on). */
    private TrackedJob bulkJob(int rows) {
        String fileId = Long.toString(IDS.getAndIncrement());
        List<List<String>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(List.of("Progress" + fileId + "-" + i));
        }
        sandbox.seedFile(fileId, "chunk.csv", List.of("Last_Name"), data);
        ZohoResponse created = zoho.createBulkWriteJob(json("{\"operation\":\"insert\",\"resource\":[{\"type\":\"data\","
                + "\"module\":{\"api_name\":\"Leads\"},\"file_id\":\"" + fileId + "\","
                + "\"field_mappings\":[{\"api_name\":\"Last_Name\",\"index\":0}]}]}"));
        assertThat(created.isSuccess()).as(created.toString()).isTrue();
        String jobId = created.jobId().orElseThrow();
        BulkFile file = jobStore.bulkFile(UUID.randomUUID().toString(), "Leads", "insert", "f" + fileId + ".csv",
                dataDir.resolve("done/f" + fileId + ".csv").toString(), null, null);
        jobStore.chunkJobCreated(file.id(), "Leads", 0, 1, rows, fileId, jobId,
                jobStore.now() + schedule.firstInterval(), schedule.firstInterval());
        return jobStore.chunkJob(file.id(), 0).orElseThrow();
    }

    /** A scheduled (cvid) mass update of every record of the module, registered as the mass-update flow does. */
    private TrackedJob massUpdateJob() {
        String jobId = Long.toString(IDS.getAndIncrement());
        String requestId = "progress-" + jobId;
        Map<String, String> values = new HashMap<>(Map.of("Lead_Source", "Web"));
        sandbox.seedMassUpdateJob(jobId, MODULE, "4150868000000087501", values, false);
        jobStore.startMassUpdate(requestId, MODULE, "cvid");
        jobStore.updateMassUpdate(requestId, "SCHEDULED", jobId, null);
        return jobStore.massUpdateJob(MODULE, requestId, jobId, jobStore.now() + schedule.firstInterval(),
                schedule.firstInterval());
    }

    private TrackedJob current(TrackedJob job) {
        return jobStore.job(job.id()).orElseThrow();
    }

    private int callsFor(TrackedJob job) {
        return (int) sandbox.requestLog().stream()
                .filter(r -> "GET".equals(r.method()))
                .filter(r -> r.path().endsWith("/" + job.zohoJobId())
                        || (r.query() != null && r.query().contains("job_id=" + job.zohoJobId())))
                .count();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
