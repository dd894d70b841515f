package io.zohocamel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
import io.zohocamel.support.RuntimeTestSupport;

/**
 * Job creation with Zoho at 250 ms a call (issue 20 item 4): the stand-in answers every API call after 250 ms,
 * 10 in flight at most, and its jobs never end. On a running service (one small file first, unmeasured), a
 * 1,000,000-row upsert file ({@code find_by} Email) is timed from its move into the inbox to its 40th job
 * created at the stand-in, against the pipeline's limit: (uploads + job creations) × 0.25 s / 10 calls in
 * flight, plus the CPU seconds the service spent in that time. Then a plain-insert file of as many other rows.
 * For both: the most job creations ({@code POST /crm/bulk/v8/write}) in flight at once, counted at a
 * pass-through in front of the stand-in's API domain (call in to answer out: an upper bound of the stand-in's)
 * and from the stand-in's own log (each answer less its 250 ms: a lower bound). Insert must stay at one,
 * upsert may go up to bulk.parallel-job-creation (3).
 */
final class LatencyBench {

    private static final Duration LATENCY = Duration.ofMillis(250);
    private static final int CALLS_IN_FLIGHT = 10;
    private static final int ROWS = 1_000_000;
    private static final int JOBS = 40;
    private static final double GOAL = 1.5;
    private static final String CREATE = "/crm/bulk/[^/]+/write";

    private LatencyBench() {
    }

    static void run(Path work, BenchGoals goals) throws Exception {
        Path upsertCsv = BenchFiles.generate(work.resolve("latency-upsert-1m.csv"), ROWS, 20_000_000);
        Path insertCsv = BenchFiles.generate(work.resolve("latency-insert-1m.csv"), ROWS, 30_000_000);
        Path workDir = null;
        // jobs stay unfinished (as in RuntimeRuns): only submission is measured; the warm-up uploads at no latency
        try (ZohoSandbox zoho = RuntimeRuns.warmUpUploads(new ZohoSandbox(SandboxSettings.defaults()
                .withJobStep(Duration.ofHours(1))).start());
             TimedPassThrough api = new TimedPassThrough(zoho.apiDomain())) {
            zoho.setLatency(LATENCY);
            Map<String, String> env = new HashMap<>(RuntimeRuns.realZoho(zoho));
            env.put("ZOHO_API_DOMAIN", api.url());
            try (PackagedService service = new PackagedService(env, RuntimeRuns.JVM)) {
                workDir = service.workDir;
                service.awaitUp(Duration.ofSeconds(60));
                RuntimeRuns.awaitInboxWatched(service);
                Path insert = Files.createDirectories(service.workDir.resolve("data/inbox/Leads/insert"));
                Path upsert = Files.createDirectories(service.workDir.resolve("data/inbox/Leads/upsert"));
                Files.writeString(upsert.resolve("job.json"), "{\"find_by\": \"Email\"}");
                RuntimeRuns.firstFile(service, zoho, insert, work);

                Measured up = measure(service, zoho, api, upsert, upsertCsv);
                Measured in = measure(service, zoho, api, insert, insertCsv);
                double limit = (up.uploads + up.creations) * LATENCY.toMillis() / 1000.0 / CALLS_IN_FLIGHT + up.cpuSeconds;
                double ratio = up.seconds / limit;
                System.out.printf(Locale.ROOT, "latency: upsert 1,000,000 rows → %d jobs in %.2f s (%d uploads + %d creations at"
                        + " 250 ms / 10 in flight = %.2f s, runtime CPU %.2f s: limit %.2f s, %.2f×); creations in flight at"
                        + " once: %d (stand-in's log, lower bound) to %d (pass-through, upper bound)%n", JOBS, up.seconds,
                        up.uploads, up.creations, limit - up.cpuSeconds, up.cpuSeconds, limit, ratio, up.overlapLow, up.overlapHigh);
                System.out.printf(Locale.ROOT, "latency: plain insert 1,000,000 rows → %d jobs in %.2f s (runtime CPU %.2f s);"
                        + " creations in flight at once: %d (stand-in's log) to %d (pass-through)%n", JOBS, in.seconds,
                        in.cpuSeconds, in.overlapLow, in.overlapHigh);
                goals.add("1,000,000 upsert rows → 40 jobs, Zoho at 250 ms, 10 in flight",
                        String.format(Locale.ROOT, "%.2f s against a limit of %.2f s (%.2f s of calls + runtime CPU %.2f s): %.2f×;"
                                + " %d–%d creations at once", up.seconds, limit, limit - up.cpuSeconds, up.cpuSeconds, ratio,
                                up.overlapLow, up.overlapHigh),
                        "<= " + GOAL + "× limit", ratio <= GOAL);
                goals.add("1,000,000 plain-insert rows → 40 jobs, Zoho at 250 ms",
                        String.format(Locale.ROOT, "%.2f s, %d–%d creations at once", in.seconds, in.overlapLow, in.overlapHigh),
                        "one creation at a time", in.overlapHigh == 1);
            }
        } finally {
            if (workDir != null) {
                RuntimeTestSupport.deleteTree(workDir.resolve("data"));
            }
            Files.deleteIfExists(upsertCsv);
            Files.deleteIfExists(insertCsv);
        }
    }

    private record Measured(double seconds, double cpuSeconds, int uploads, int creations, int overlapLow, int overlapHigh) {
    }

    /**
     * Drops the file, waits for its 40 jobs created (answered by the stand-in: the call counters count a call as it
     * comes in, 250 ms before), and reads what the calls since the drop did.
     */
    private static Measured measure(PackagedService service, ZohoSandbox zoho, TimedPassThrough api, Path inbox, Path csv)
            throws Exception {
        int creations = zoho.calls("POST", ZohoSandbox.BULK_WRITE);
        while (created(zoho, Instant.MIN).size() < creations) { // the file before: its last job's answer is on its way
            Thread.sleep(5);
        }
        int uploads = zoho.calls("POST", ZohoSandbox.UPLOAD);
        long jobs = creations + JOBS;
        long cpu = service.cpuMillis();
        long start = RuntimeRuns.moveIn(service, inbox, csv);
        Instant from = Instant.now().minusNanos(System.nanoTime() - start);
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (created(zoho, Instant.MIN).size() < jobs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + JOBS + " jobs after 10 minutes; log " + service.log());
            }
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (service.cpuMillis() - cpu) / 1000.0;
        List<TimedPassThrough.Call> calls = passed(api, start);
        while (calls.stream().filter(c -> "POST".equals(c.method()) && c.path().matches(CREATE)).count() < JOBS) {
            Thread.sleep(5); // the last answers are on their way back through the pass-through
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pass-through saw " + calls.size() + " calls");
            }
            calls = passed(api, start);
        }
        List<Instant> uploaded = zoho.requestLog().stream().filter(r -> ZohoSandbox.UPLOAD.equals(r.pattern())
                && r.at().isAfter(from)).map(SandboxLoggedRequest::at).toList();
        System.out.printf(Locale.ROOT, "latency: %s: uploads answered from %.2f s to %.2f s after the drop, at least %d in"
                + " flight at once%n", csv.getFileName(), Duration.between(from, uploaded.get(0)).toMillis() / 1000.0,
                Duration.between(from, uploaded.get(uploaded.size() - 1)).toMillis() / 1000.0, lowerBound(uploaded));
        return new Measured(seconds, cpuSeconds, zoho.calls("POST", ZohoSandbox.UPLOAD) - uploads,
                zoho.calls("POST", ZohoSandbox.BULK_WRITE) - creations, lowerBound(created(zoho, from)),
                TimedPassThrough.maxOverlap(calls, "POST", CREATE));
    }

    private static List<TimedPassThrough.Call> passed(TimedPassThrough api, long since) {
        return api.calls().stream().filter(c -> c.startNanos() >= since).toList();
    }

    /** When the stand-in answered each job creation it made (201) since {@code from}. */
    private static List<Instant> created(ZohoSandbox zoho, Instant from) {
        return zoho.requestLog().stream().filter(r -> ZohoSandbox.BULK_WRITE.equals(r.pattern()) && "POST".equals(r.method())
                && r.status() == 201 && r.at().isAfter(from)).map(SandboxLoggedRequest::at).toList();
    }

    /** Calls that surely overlapped at the stand-in: each was inside for at least the 250 ms before its answer. */
    private static int lowerBound(List<Instant> answered) {
        List<TimedPassThrough.Call> calls = new ArrayList<>();
        for (Instant at : answered) {
            long end = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            calls.add(new TimedPassThrough.Call("POST", "/", end - LATENCY.toNanos() + 1, end));
        }
        return TimedPassThrough.maxOverlap(calls, "POST", "/");
    }
}
