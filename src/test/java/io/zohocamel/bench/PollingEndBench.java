package io.zohocamel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;

/**
 * When the end of a job is noticed (issue 20 item 3): a file dropped into the packaged runtime, default
 * settings (poll.period 10 s, poll.max-interval 5 m), its job at the stand-in queued 2 s and then running
 * 58 s with its rows counted as they go. Measured: seconds from the job's creation to the status answer
 * that said COMPLETED, and the status calls it took, against the doubling backoff's figure for the same job.
 */
final class PollingEndBench {

    private static final Duration QUEUE = Duration.ofSeconds(2);
    private static final Duration RUN = Duration.ofSeconds(58);

    private PollingEndBench() {
    }

    static void run(BenchGoals goals) throws Exception {
        Path work = Files.createTempDirectory("zoho-bench-polling-end");
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withJobStep(RUN)).start()) {
            zoho.setJobQueue(QUEUE);
            Map<String, String> env = new HashMap<>(RuntimeRuns.realZoho(zoho));
            env.remove("POLL_PERIOD"); // the defaults of config/application.properties
            try (PackagedService service = new PackagedService(env, RuntimeRuns.JVM)) {
                service.awaitUp(Duration.ofSeconds(90));
                RuntimeRuns.awaitInboxWatched(service);
                Path inbox = service.workDir.resolve("data/inbox/Leads/insert");
                Files.createDirectories(inbox);
                Path csv = BenchFiles.generate(work.resolve("sixty-seconds.csv"), 5_000);
                Path staged = service.workDir.resolve(csv.getFileName());
                Files.copy(csv, staged);
                Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(60)));
                Files.move(staged, inbox.resolve(csv.getFileName()));

                String jobId = null;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (jobId == null || noticedAt(zoho, jobId, zoho.jobEndsAt(jobId)) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the job's end was not noticed in 5 minutes; log " + service.log());
                    }
                    Thread.sleep(200);
                    jobId = jobId != null ? jobId : statusCalls(zoho, null).stream().findFirst()
                            .map(r -> r.path().substring(r.path().lastIndexOf('/') + 1)).orElse(null);
                }
                Instant end = zoho.jobEndsAt(jobId);
                Instant created = end.minus(QUEUE).minus(RUN);
                Instant noticed = noticedAt(zoho, jobId, end);
                long calls = statusCalls(zoho, jobId).stream().filter(r -> !r.at().isAfter(noticed)).count();
                double runSeconds = Duration.between(created, end).toMillis() / 1000.0;
                double noticedSeconds = Duration.between(created, noticed).toMillis() / 1000.0;

                // the doubling backoff of the same settings: asked at 10, 30, 70 s ... after creation
                PollSchedule defaults = new PollSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(24));
                long at = defaults.firstInterval();
                long interval = at;
                int backoffCalls = 1;
                while (at < Duration.between(created, end).toMillis()) {
                    interval = defaults.nextInterval(interval);
                    at += interval;
                    backoffCalls++;
                }
                System.out.printf(Locale.ROOT, "polling-end: a job the stand-in ends %.1f s after creation (queued %d s, rows counted"
                        + " as they go), default settings: noticed at %.1f s (%.1f s late) with %d status calls; the doubling"
                        + " backoff alone: %.0f s with %d calls (plus up to one 10-s timer period before this change)%n",
                        runSeconds, QUEUE.toSeconds(), noticedSeconds, noticedSeconds - runSeconds, calls, at / 1000.0,
                        backoffCalls);
                goals.add(String.format(Locale.ROOT, "job end noticed (a %.0f-s job, default poll settings)", runSeconds),
                        String.format(Locale.ROOT, "at %.1f s with %d status calls (doubling backoff: %.0f s, %d calls)",
                                noticedSeconds, calls, at / 1000.0, backoffCalls),
                        "within 10 % of run time, no more calls",
                        noticedSeconds <= runSeconds * 1.1 && calls <= backoffCalls);
            }
        } finally {
            io.zohocamel.support.RuntimeTestSupport.deleteTree(work);
        }
    }

    /** The job's status calls (all of them when jobId is null), oldest first. */
    private static List<SandboxLoggedRequest> statusCalls(ZohoSandbox zoho, String jobId) {
        return zoho.requestLog().stream().filter(r -> ZohoSandbox.BULK_WRITE_JOB.equals(r.pattern()))
                .filter(r -> jobId == null || r.path().endsWith("/" + jobId)).toList();
    }

    /** The first status call at or after the job's end: the one that answered COMPLETED; null before it. */
    private static Instant noticedAt(ZohoSandbox zoho, String jobId, Instant end) {
        return statusCalls(zoho, jobId).stream().map(SandboxLoggedRequest::at).filter(t -> !t.isBefore(end))
                .findFirst().orElse(null);
    }
}
