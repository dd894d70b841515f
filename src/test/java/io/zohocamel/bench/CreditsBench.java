package io.zohocamel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.zoho.ZohoCallCosts;

/**
 * A day's mixed load in API credits (issue 20, bench line 3): 200 files of 500 rows and 10 of 100,000 rows
 * (4 bulk-write jobs each), dropped together into {@code Leads/insert} of a fresh service, the stand-in at no
 * latency with jobs of a few seconds, poll.period 1 s. Run twice: "today" (bulk.records-api-max-rows 0, every
 * file bulk-write jobs) and "after" (5000, the default: the small files through the Records API). Measured,
 * once every file has its result.csv: the credits the service booked, {@code zoho_credits_used_total{api}} on
 * its /observe/metrics, cross-checked with the stand-in's request log priced by {@link ZohoCallCosts} (token
 * calls, 401 and 429 answers are free). Not a time: the two totals and their ratio.
 */
final class CreditsBench {

    private static final int SMALL_FILES = Integer.getInteger("bench.credits.small-files", 200);
    private static final int SMALL_ROWS = 500;
    private static final int LARGE_FILES = Integer.getInteger("bench.credits.large-files", 10);
    private static final int LARGE_ROWS = 100_000;
    private static final Pattern USED = Pattern.compile("^zoho_credits_used_total\\{[^}]*api=\"([^\"]+)\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);

    private CreditsBench() {
    }

    private record Day(long booked, long priced, Map<String, Long> byApi, double seconds) {
    }

    static void run(Path work, BenchGoals goals) throws Exception {
        Path files = Files.createDirectories(work.resolve("credits"));
        List<Path> load = new ArrayList<>();
        int large = 0;
        for (int i = 0; i < SMALL_FILES; i++) { // a large file among every 20 small ones
            if (i % Math.max(1, SMALL_FILES / Math.max(1, LARGE_FILES)) == 0 && large < LARGE_FILES) {
                load.add(BenchFiles.generate(files.resolve("large-" + large + ".csv"), LARGE_ROWS, 40_000_000 + large * LARGE_ROWS));
                large++;
            }
            load.add(BenchFiles.generate(files.resolve("small-" + i + ".csv"), SMALL_ROWS, 60_000_000 + i * SMALL_ROWS));
        }
        for (; large < LARGE_FILES; large++) {
            load.add(BenchFiles.generate(files.resolve("large-" + large + ".csv"), LARGE_ROWS, 40_000_000 + large * LARGE_ROWS));
        }
        try {
            Day today = day(load, "0");
            Day after = day(load, "5000");
            String what = String.format(Locale.ROOT, "a day: %,d files × %,d rows + %,d × %,d rows", SMALL_FILES, SMALL_ROWS,
                    LARGE_FILES, LARGE_ROWS);
            print(what, "today (every file bulk-write jobs)", today);
            print(what, "after (Records API up to 5,000 rows)", after);
            boolean agree = today.booked == today.priced && after.booked == after.priced;
            goals.add("API credits, " + what + ", today → after",
                    String.format(Locale.ROOT, "%,d → %,d credits (%.2f× fewer)%s", today.booked, after.booked,
                            (double) today.booked / after.booked, agree ? ", as the stand-in's log prices them"
                                    : String.format(Locale.ROOT, "; the stand-in's log prices them %,d → %,d", today.priced, after.priced)),
                    "after < today", after.booked < today.booked);
        } finally {
            RuntimeTestSupport.deleteTree(files);
        }
    }

    private static void print(String what, String which, Day d) {
        System.out.printf(Locale.ROOT, "credits, %s, %s: %,d booked by the service %s; the stand-in's log × Zoho's prices:"
                + " %,d; all result.csv in %.1f s%n", what, which, d.booked, d.byApi, d.priced, d.seconds);
    }

    /** One fresh service and stand-in, the whole load dropped at once, credits read once every file has its result.csv. */
    private static Day day(List<Path> load, String recordsApiMaxRows) throws Exception {
        Path workDir = null;
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withMaxJobs(1_000)).start()) {
            Map<String, String> env = new HashMap<>(RuntimeRuns.realZoho(zoho));
            env.put("POLL_PERIOD", "1s");
            env.put("BULK_RECORDS_API_MAX_ROWS", recordsApiMaxRows);
            try (PackagedService service = new PackagedService(env, RuntimeRuns.JVM)) {
                workDir = service.workDir;
                service.awaitUp(Duration.ofSeconds(60));
                RuntimeRuns.awaitInboxWatched(service);
                Path inbox = Files.createDirectories(service.workDir.resolve("data/inbox/Leads/insert"));
                Path reports = service.workDir.resolve("data/reports/Leads/insert");
                zoho.resetObservations();
                Map<String, Long> before = booked(service);
                long start = System.nanoTime();
                for (Path csv : load) {
                    RuntimeRuns.moveIn(service, inbox, csv);
                }
                long deadline = start + TimeUnit.MINUTES.toNanos(10);
                while (results(reports) < load.size()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(results(reports) + " of " + load.size() + " result.csv after 10 minutes; log "
                                + service.log());
                    }
                    Thread.sleep(200);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Long> used = booked(service);
                before.forEach((api, n) -> used.merge(api, -n, Long::sum));
                long total = used.values().stream().mapToLong(Long::longValue).sum();
                return new Day(total, priced(zoho), used, seconds);
            }
        } finally {
            if (workDir != null) {
                RuntimeTestSupport.deleteTree(workDir.resolve("data"));
            }
        }
    }

    private static long results(Path reports) throws Exception {
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".result.csv")).count();
        }
    }

    /** zoho_credits_used_total by api, as the service's /observe/metrics says now. */
    private static Map<String, Long> booked(PackagedService service) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.managementPort + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Long> used = new TreeMap<>();
        Matcher m = USED.matcher(metrics.body());
        while (m.find()) {
            used.merge(m.group(1), Math.round(Double.parseDouble(m.group(2))), Long::sum);
        }
        return used;
    }

    /** The stand-in's request log priced as Zoho charges (the runtime's own table, {@link ZohoCallCosts}). */
    private static long priced(ZohoSandbox zoho) throws Exception {
        int logged = zoho.callCounts().values().stream().mapToInt(Integer::intValue).sum();
        List<SandboxLoggedRequest> log = zoho.requestLog();
        if (log.size() < logged) {
            throw new IllegalStateException("the stand-in's log kept " + log.size() + " of " + logged + " calls");
        }
        ObjectMapper json = new ObjectMapper();
        long credits = 0;
        for (SandboxLoggedRequest r : log) {
            if (ZohoSandbox.TOKEN.equals(r.pattern()) || r.status() == 401 || r.status() == 429) {
                continue;
            }
            boolean recordsCall = ZohoSandbox.RECORDS.equals(r.pattern()) || ZohoSandbox.RECORDS_UPSERT.equals(r.pattern());
            int records = recordsCall && r.body() != null ? json.readTree(r.body()).path("data").size() : 0;
            credits += ZohoCallCosts.of(r.method(), r.path(), records).credits();
        }
        return credits;
    }
}
