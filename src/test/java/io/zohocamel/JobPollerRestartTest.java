package io.zohocamel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.SandboxJobs;
import io.zohocamel.support.MainRuntime;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.zoho.ZohoClient;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart while jobs are in flight: the first runtime stops with jobs half-way, a second one on the
 * same data dir finishes them all from the job store alone. Zoho (the sandbox) lives on across both
 * runtimes, as the real one would, so it is started by the test and the runtimes use it as a real Zoho.
 */
class JobPollerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong IDS = new AtomicLong(9200000000000000001L);

    private final Path dataDir = Path.of("target", "test-data", getClass().getSimpleName()).toAbsolutePath();
    private final Map<String, String> applied = new LinkedHashMap<>();
    private ZohoSandbox sandbox;
    private Main runtime;

    @AfterEach
    void tearDown() throws Exception {
        if (runtime != null) {
            runtime.stop();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
        applied.keySet().forEach(System::clearProperty);
    }

    @Test
    void aRestartWhileJobsAreInFlightFinishesThemAllAndPollsNoneAfterItsEnd() throws Exception {
        RuntimeTestSupport.deleteTree(dataDir);
        sandbox = new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.ofMillis(2000))).start();

        runtime = start();
        JobStore store = runtime.lookup("jobStore", JobStore.class);
        ZohoClient zoho = runtime.lookup("zohoClient", ZohoClient.class);
        List<TrackedJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(bulkJob(store, zoho, 2 + i));
        }
        jobs.add(massUpdateJob(store));
        await("every job polled, none finished yet", WAIT,
                () -> jobs.stream().allMatch(j -> current(store, j).polls() >= 1));
        assertThat(jobs).noneSatisfy(j -> assertThat(current(store, j).isFinished()).isTrue());

        runtime.stop(); // in flight: ADDED / IN PROGRESS at Zoho, unfinished in the store
        runtime = null;
        assertThat(sandbox.calls("GET", ZohoSandbox.BULK_WRITE_JOB)).isPositive();

        runtime = start();
        JobStore store2 = runtime.lookup("jobStore", JobStore.class);
        await("every job COMPLETED after the restart", WAIT,
                () -> jobs.stream().allMatch(j -> JobState.COMPLETED.equals(current(store2, j).status())));

        // one Zoho call per recorded poll: nothing was polled twice at once or after its end
        ZohoClient zoho2 = runtime.lookup("zohoClient", ZohoClient.class);
        sandbox.setJobStep(Duration.ofHours(1));
        TrackedJob witness = bulkJob(store2, zoho2, 1);
        Map<Long, Integer> calls = new LinkedHashMap<>();
        for (TrackedJob job : jobs) {
            calls.put(job.id(), SandboxJobs.statusCalls(sandbox, job));
        }
        await("the loop turns three more times", WAIT, () -> current(store2, witness).polls() >= 3);
        for (TrackedJob job : jobs) {
            TrackedJob done = current(store2, job);
            assertThat(SandboxJobs.statusCalls(sandbox, job)).as("calls for %s", job.zohoJobId()).isEqualTo(calls.get(job.id()))
                    .isEqualTo(done.polls());
            assertThat(done.zohoStatus()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void refusedCredentialsParkJobsAsAuthErrorWithHealthDownAndARestartResumesThem() throws Exception {
        RuntimeTestSupport.deleteTree(dataDir);
        sandbox = new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.ofMillis(500))).start();
        runtime = start("sandbox-refresh-token");
        JobStore store = runtime.lookup("jobStore", JobStore.class);
        ZohoClient zoho = runtime.lookup("zohoClient", ZohoClient.class);
        int managementPort = Integer.parseInt(System.getProperty("management.port"));
        sandbox.setJobStep(Duration.ofHours(1));
        List<TrackedJob> jobs = List.of(bulkJob(store, zoho, 2), massUpdateJob(store));
        await("every job polled", WAIT, () -> jobs.stream().allMatch(j -> current(store, j).polls() >= 1));

        // the operator's refresh token is revoked: the one refresh after INVALID_TOKEN fails too
        sandbox.revokeRefreshToken("sandbox-refresh-token");
        sandbox.revokeTokens();
        await("jobs parked as AUTH_ERROR", WAIT,
                () -> jobs.stream().allMatch(j -> JobState.AUTH_ERROR.equals(current(store, j).status())));
        int callsWhenParked = sandbox.calls("GET", ZohoSandbox.BULK_WRITE_JOB);
        var health = Http.get(managementPort, "/observe/health?exposureLevel=full");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("zoho-auth").contains("zoho.refresh-token");
        assertThat(current(store, jobs.get(0)).message()).contains("zoho.refresh-token");
        runtime.stop();
        runtime = null;
        assertThat(sandbox.calls("GET", ZohoSandbox.BULK_WRITE_JOB)).isEqualTo(callsWhenParked);

        // fixed and restarted: the parked jobs are followed again, to their end
        sandbox.setJobStep(Duration.ofMillis(300));
        runtime = start("sandbox-refresh-token-2");
        JobStore store2 = runtime.lookup("jobStore", JobStore.class);
        sandbox.advanceTime(Duration.ofHours(3)); // the jobs' hour at Zoho passes
        await("parked jobs resumed and COMPLETED", WAIT,
                () -> jobs.stream().allMatch(j -> JobState.COMPLETED.equals(current(store2, j).status())));
    }

    private Main start() throws Exception {
        return start("sandbox-refresh-token");
    }

    private Main start(String refreshToken) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("data.dir", dataDir.toString());
        props.put("http.port", String.valueOf(RuntimeTestSupport.freePort()));
        props.put("management.port", String.valueOf(RuntimeTestSupport.freePort()));
        props.put("broker.url", "tcp://127.0.0.1:" + RuntimeTestSupport.freePort());
        props.put("poll.period", "300ms");
        props.put("poll.max-interval", "1s");
        props.put("zoho.retry-initial-delay", "20ms");
        props.put("zoho.max-retries", "2");
        // the test's sandbox, used as a real Zoho would be
        props.put("zoho.sandbox", "false");
        props.put("zoho.accounts-url", sandbox.accountsUrl());
        props.put("zoho.api-domain", sandbox.apiDomain());
        props.put("zoho.upload-url", sandbox.uploadUrl("v8"));
        props.put("zoho.client-id", "sandbox-client");
        props.put("zoho.client-secret", "sandbox-secret");
        props.put("zoho.refresh-token", refreshToken);
        return MainRuntime.start(props, applied);
    }

    private TrackedJob bulkJob(JobStore store, ZohoClient zoho, int rows) {
        return SandboxJobs.bulkJob(sandbox, zoho, store, dataDir, Long.toString(IDS.getAndIncrement()), rows, store.now(), 300);
    }

    private TrackedJob massUpdateJob(JobStore store) {
        String jobId = Long.toString(IDS.getAndIncrement());
        sandbox.seedMassUpdateJob(jobId, "Leads", "4150868000000087501", Map.of("Lead_Source", "Web"), false);
        return store.massUpdateJob("Leads", "restart-" + jobId, jobId, store.now(), 300);
    }

    /** GET on the runtime's own HTTP servers. */
    private static final class Http {
        static java.net.http.HttpResponse<String> get(int port, String path) throws Exception {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static TrackedJob current(JobStore store, TrackedJob job) {
        return store.job(job.id()).orElseThrow();
    }

}
