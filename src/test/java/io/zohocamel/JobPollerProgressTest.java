package io.zohocamel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.SandboxJobs;
import io.zohocamel.zoho.ZohoClient;
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
            int calls = SandboxJobs.statusCalls(sandbox, job);
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
        assertThat(SandboxJobs.statusCalls(sandbox, job)).isEqualTo(3);
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
        return SandboxJobs.bulkJob(sandbox, zoho, jobStore, dataDir, Long.toString(IDS.getAndIncrement()), rows,
                jobStore.now() + schedule.firstInterval(), schedule.firstInterval());
    }

    /** A scheduled (cvid) mass update of every record of the module, registered as the mass-update flow does. */
    private TrackedJob massUpdateJob() {
        return SandboxJobs.massUpdateJob(sandbox, jobStore, MODULE, Long.toString(IDS.getAndIncrement()), false,
                jobStore.now() + schedule.firstInterval(), schedule.firstInterval());
    }

    private TrackedJob current(TrackedJob job) {
        return jobStore.job(job.id()).orElseThrow();
    }


}
