package io.zohocamel;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.JobTracker;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.SandboxJobs;
import io.zohocamel.zoho.OAuthTokenManager;
import io.zohocamel.zoho.ZohoClient;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job-poller and zoho-callback routes against the sandbox: jobs are created at the sandbox through
 * the client and registered in the job store, as the bulk-write and mass-update flows do; the poller
 * must take each one to its end and then leave it alone.
 */
class JobPollerRouteTest extends RuntimeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong FILE_IDS = new AtomicLong(9100000000000000001L);

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    ZohoClient zoho;

    @BeanInject
    OAuthTokenManager zohoTokens;

    @BeanInject
    JobStore jobStore;

    @BeanInject
    JobTracker jobTracker;

    /** A job that never ends during the class: its polls prove the loop kept turning. */
    private TrackedJob witness;

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "poll.period", "300ms",
                "poll.max-interval", "800ms",
                "zoho.sandbox.job-step", "300ms",
                "zoho.retry-initial-delay", "20ms",
                "zoho.retry-max-delay", "200ms",
                "zoho.max-retries", "2");
    }

    @AfterEach
    void resetFaults() {
        sandbox.setRate429(0);
        sandbox.setRate500(0);
        sandbox.setInProgressSpelling("IN PROGRESS");
        sandbox.setJobStep(Duration.ofMillis(300));
    }

    @Test
    void jobsCompleteThroughBothSpellingsWithGrowingIntervalsAndAreNeverPolledAgain() throws Exception {
        List<TrackedJob> all = new ArrayList<>();
        for (String spelling : List.of("IN PROGRESS", "INPROGRESS")) {
            sandbox.setInProgressSpelling(spelling);
            sandbox.setJobStep(Duration.ofMillis(1000)); // longer than poll.max-interval: every state is seen
            List<TrackedJob> jobs = List.of(bulkJob(3), bulkJob(5));
            all.addAll(jobs);
            Map<Integer, Long> intervalByPoll = new TreeMap<>();
            TrackedJob first = jobs.get(0);
            await("a poll sees Zoho's " + spelling, WAIT, () -> {
                TrackedJob j = current(first);
                intervalByPoll.put(j.polls(), j.pollIntervalMs());
                return spelling.equals(j.zohoStatus());
            });
            assertThat(current(first).status()).isEqualTo(JobState.IN_PROGRESS);
            awaitState(jobs, JobState.COMPLETED);
            intervalByPoll.put(current(first).polls(), current(first).pollIntervalMs());

            // every poll that learnt "not yet" waited longer than the one before, up to poll.max-interval
            List<Long> growing = new ArrayList<>(intervalByPoll.values());
            assertThat(growing).isSorted();
            assertThat(growing.get(0)).isLessThan(growing.get(growing.size() - 1));
            assertThat(growing).allSatisfy(ms -> assertThat(ms).isBetween(300L, 800L));
            for (TrackedJob job : jobs) {
                TrackedJob done = current(job);
                assertThat(done.zohoStatus()).isEqualTo("COMPLETED");
                assertThat(done.counts().total()).isEqualTo(job.rowCount().longValue());
                assertThat(done.counts().added()).isEqualTo(job.rowCount().longValue());
                assertThat(done.downloadUrl()).isNotNull();
                assertThat(done.finishedAt()).isNotNull();
            }
        }
        assertNeverPolledAgain(all);
    }

    @Test
    void aRevokedTokenCostsExactlyOneRefreshAndTheJobsStillComplete() throws Exception {
        sandbox.setJobStep(Duration.ofMillis(800));
        List<TrackedJob> jobs = List.of(bulkJob(2), bulkJob(2), bulkJob(2), massUpdateJob(false));
        await("every job polled once", WAIT, () -> jobs.stream().allMatch(j -> current(j).polls() >= 1));
        long refreshes = zohoTokens.refreshCount();
        int minted = sandbox.tokensMinted();

        sandbox.revokeTokens();
        awaitState(jobs, JobState.COMPLETED);

        assertThat(zohoTokens.refreshCount()).isEqualTo(refreshes + 1);
        assertThat(sandbox.tokensMinted()).isEqualTo(minted + 1);
        assertThat(jobs).allSatisfy(j -> assertThat(current(j).message()).isNull());
        assertThat(jobTracker.authProblem()).isNull();
    }

    @Test
    void aBurstOf429sSlowsTheLoopAndEverythingStillCompletes() throws Exception {
        sandbox.setJobStep(Duration.ofMillis(600));
        long backoffs = jobTracker.throttledCount();
        int sent = sandbox.tooManyRequestsSent();
        List<TrackedJob> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(bulkJob(2));
        }
        jobs.add(massUpdateJob(false));
        sandbox.setRandomSeed(7);
        sandbox.setRate429(0.7); // the client's two retries often fail too: the poller sees TOO_MANY_REQUESTS
        await("the loop backs off after Zoho's TOO_MANY_REQUESTS", WAIT,
                () -> jobTracker.throttledCount() > backoffs);
        sandbox.setRate429(0);

        awaitState(jobs, JobState.COMPLETED);
        assertThat(sandbox.tooManyRequestsSent()).isGreaterThan(sent);
        assertNeverPolledAgain(jobs);
    }

    @Test
    void aJobThatVanishesIsLostAndNotPolledAgain() throws Exception {
        sandbox.setJobStep(Duration.ofHours(1));
        TrackedJob bulk = bulkJob(2);
        TrackedJob mass = massUpdateJob(false);
        await("both polled", WAIT, () -> current(bulk).polls() >= 1 && current(mass).polls() >= 1);

        sandbox.forgetJob(bulk.zohoJobId());
        sandbox.forgetJob(mass.zohoJobId());
        awaitState(List.of(bulk, mass), JobState.LOST);

        assertThat(current(bulk).message()).contains("RESOURCE_NOT_FOUND");
        assertThat(current(mass).message()).contains("NOT_FOUND");
        assertThat(current(bulk).finishedAt()).isNotNull();
        assertNeverPolledAgain(List.of(bulk, mass));
    }

    @Test
    void theCallbackWithTheRightSecretMakesTheJobDueAtOnceAndAWrongOneChangesNothing() throws Exception {
        sandbox.setJobStep(Duration.ofHours(1));
        long inAnHour = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
        TrackedJob job = bulkJob(2, inAnHour); // as if its next poll were far away (a long poll.max-interval)
        String secret = Files.readString(dataDir.resolve("secrets/callback.secret")).trim();

        var wrong = post(httpPort, "/zoho/callback/not-" + secret, "{\"job_id\":\"" + job.zohoJobId() + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(current(job).nextPollAt()).isEqualTo(inAnHour);
        assertThat(current(job).polls()).isZero();
        var huge = post(httpPort, "/zoho/callback/" + secret, "x".repeat(200_000));
        assertThat(huge.statusCode()).as("a body over 64 KB is refused").isEqualTo(413);
        var get = get(httpPort, "/zoho/callback/" + secret);
        assertThat(get.statusCode()).as("only POST").isNotEqualTo(200);
        assertThat(current(job).nextPollAt()).isEqualTo(inAnHour);

        long before = System.currentTimeMillis();
        var right = post(httpPort, "/zoho/callback/" + secret, "{\"job_id\":\"" + job.zohoJobId() + "\",\"status\":\"COMPLETED\"}");
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(current(job).nextPollAt()).isBetween(before, System.currentTimeMillis());
        await("the nudged job is polled", WAIT, () -> current(job).polls() >= 1);
        assertThat(current(job).status()).isEqualTo(JobState.ADDED);
    }

    @Test
    void aScheduledMassUpdateIsTrackedToItsEnd() throws Exception {
        sandbox.setJobStep(Duration.ofMillis(400));
        TrackedJob ok = massUpdateJob(false);
        TrackedJob failing = massUpdateJob(true);
        await("both scheduled mass updates end", WAIT, () -> current(ok).isFinished() && current(failing).isFinished());

        assertThat(current(ok).status()).isEqualTo(JobState.COMPLETED);
        assertThat(current(ok).zohoStatus()).isEqualTo("COMPLETED");
        assertThat(current(failing).status()).isEqualTo(JobState.FAILED);
        assertThat(current(failing).message()).contains("FAILED");
        // the job-finished route stored the request's result for publishing
        await("results recorded", WAIT, () -> jobStore.massUpdateRequest(ok.requestId())
                .map(r -> "COMPLETED".equals(r.status()) && r.result() != null).orElse(false));
        assertThat(jobStore.massUpdateRequest(ok.requestId()).orElseThrow().result()).contains("\"COMPLETED\"");
        assertThat(jobStore.massUpdateRequest(failing.requestId()).orElseThrow().result()).contains("FAILED");
        assertNeverPolledAgain(List.of(ok, failing));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private TrackedJob bulkJob(int rows) {
        return bulkJob(rows, System.currentTimeMillis());
    }

    /** A bulk-write job created at the sandbox and registered as the bulk-write flow does. */
    private TrackedJob bulkJob(int rows, long firstPollAt) {
        return SandboxJobs.bulkJob(sandbox, zoho, jobStore, dataDir, Long.toString(FILE_IDS.getAndIncrement()), rows,
                firstPollAt, 300);
    }

    /** A scheduled (cvid) mass update at the sandbox, registered as the mass-update flow does. */
    private TrackedJob massUpdateJob(boolean fail) {
        return SandboxJobs.massUpdateJob(sandbox, jobStore, "Leads", Long.toString(FILE_IDS.getAndIncrement()), fail,
                System.currentTimeMillis(), 300);
    }

    private TrackedJob current(TrackedJob job) {
        return jobStore.job(job.id()).orElseThrow();
    }

    private void awaitState(List<TrackedJob> jobs, String state) throws InterruptedException {
        await("jobs " + state, WAIT, () -> jobs.stream().allMatch(j -> state.equals(current(j).status())));
    }


    /** Lets the loop turn a few more times (the witness gets polled) and checks the finished jobs were left alone. */
    private void assertNeverPolledAgain(List<TrackedJob> finished) throws InterruptedException {
        Map<Long, Integer> calls = new TreeMap<>();
        for (TrackedJob job : finished) {
            calls.put(job.id(), SandboxJobs.statusCalls(sandbox, job));
            assertThat(current(job).isFinished()).isTrue();
        }
        TrackedJob w = witness();
        int witnessPolls = current(w).polls();
        await("the loop turns twice more", WAIT, () -> current(w).polls() >= witnessPolls + 2);
        for (TrackedJob job : finished) {
            assertThat(SandboxJobs.statusCalls(sandbox, job)).as("calls for finished job %s", job.zohoJobId()).isEqualTo(calls.get(job.id()));
        }
    }

    private synchronized TrackedJob witness() {
        if (witness == null || current(witness).isFinished()) {
            Duration step = Duration.ofMillis(300);
            sandbox.setJobStep(Duration.ofHours(2));
            witness = bulkJob(1);
            sandbox.setJobStep(step);
        }
        return witness;
    }

}
