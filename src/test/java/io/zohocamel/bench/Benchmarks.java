package io.zohocamel.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The performance benchmarks of the README's Performance section, run by bench/run (never by
 * mvn verify). Each scenario runs the packaged jar as a separate process against a Zoho stand-in
 * (a sandbox in this JVM, reached over HTTP), so the runtime's memory is its own, and prints ratios
 * measured within one run.
 */
public final class Benchmarks {

    private static final String ZOHO_STEP = "1h"; // jobs stay unfinished: only submission is measured
    /** The runtime's JVM: a fixed, pre-touched heap, so resident memory shows the bound rather than how far the heap grew. */
    private static final List<String> JVM = List.of(System.getProperty("bench.jvm",
            "-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC").split(" "));

    private static final int REQUESTS = Integer.getInteger("bench.requests", 200);

    private Benchmarks() {
    }

    public static void main(String... args) throws Exception {
        Set<String> which = new LinkedHashSet<>(args.length == 0 ? List.of("csv", "memory", "massupdate", "scaling") : List.of(args));
        Path work = Files.createTempDirectory("zoho-bench");
        System.out.printf("machine: %d cores, %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        if (which.contains("csv")) {
            csvToJobs(work);
        }
        if (which.contains("memory")) {
            memory(work);
        }
        if (which.contains("massupdate")) {
            massUpdateRate();
        }
        if (which.contains("scaling")) {
            scaling(work);
        }
    }

    /** 1. The naive split-and-zip script against the runtime, file landing to 40th job created. */
    static void csvToJobs(Path work) throws Exception {
        Path csv = generate(work.resolve("leads-1m.csv"), 1_000_000);
        double naive = naiveSplitAndZip(csv, work.resolve("naive"));
        Run run = runtimeToJobs(csv, 40);
        System.out.printf(Locale.ROOT, "csv-to-jobs 1,000,000 rows (%d MB): naive split+zip %.2f s, runtime %.2f s to 40 jobs"
                + " -> naive/runtime = %.2fx (goal >= 1.5x); peak RSS %d MiB%n", Files.size(csv) >> 20, naive, run.seconds,
                naive / run.seconds, run.peakRssMib);
    }

    /** 2. Peak resident memory with 1,000,000 and 10,000,000 rows: flat, not growing with the file. */
    static void memory(Path work) throws Exception {
        Run small = runtimeToJobs(generate(work.resolve("leads-1m.csv"), 1_000_000), 40);
        Path big = generate(work.resolve("leads-10m.csv"), 10_000_000);
        Run large = runtimeToJobs(big, 400);
        Files.deleteIfExists(big);
        System.out.printf(Locale.ROOT, "memory: peak RSS %d MiB at 1M rows, %d MiB at 10M rows -> 10M/1M = %.2f"
                + " (goal <= 512 MiB, within 10%%), JVM options %s%n", small.peakRssMib, large.peakRssMib,
                (double) large.peakRssMib / small.peakRssMib, JVM);
    }

    /** 5. CSV to jobs at 100 k, 1 M and 10 M rows: time per row should stay flat. */
    static void scaling(Path work) throws Exception {
        List<String> out = new ArrayList<>();
        double base = 0;
        for (int rows : new int[] {100_000, 1_000_000, 10_000_000}) {
            Path csv = generate(work.resolve("scale-" + rows + ".csv"), rows);
            Run run = runtimeToJobs(csv, (rows + 24_999) / 25_000);
            Files.deleteIfExists(csv);
            double perMillion = run.seconds / rows * 1_000_000;
            base = base == 0 ? perMillion : base;
            out.add(String.format(Locale.ROOT, "%,d rows %.2f s (%.2f s per million, %.2fx of 100k's rate)", rows,
                    run.seconds, perMillion, perMillion / base));
        }
        System.out.println("scaling: " + String.join("; ", out));
    }

    /** 3. 200 requests of 500 ids at 100 ms latency and a concurrency cap of 10: ideal 100 calls/s. */
    static void massUpdateRate() throws Exception {
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(100))
                .withConcurrencyCap(10).withJobStep(Duration.ofHours(1))).start();
             PackagedService service = new PackagedService(realZoho(zoho), JVM)) {
            warmUp(zoho);
            service.awaitUp(Duration.ofSeconds(60));
            String password = Files.readString(service.workDir.resolve("data/secrets/broker.password")).trim();
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + service.brokerPort + "?blockOnDurableSend=false",
                    "zoho", password);
            Random random = new Random(42);
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("zoho.mass-update"));
                MessageConsumer results = session.createConsumer(session.createQueue("zoho.mass-update.results"));
                List<String> bodies = new ArrayList<>();
                for (int r = 0; r < REQUESTS; r++) {
                    StringBuilder ids = new StringBuilder();
                    for (int i = 0; i < 500; i++) {
                        ids.append(i == 0 ? "\"" : ",\"").append(4_150_868_000_000_000L + random.nextInt(1_000_000_000)).append('"');
                    }
                    bodies.add("{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],\"ids\":[" + ids + "],\"request_id\":\"bench-" + r + "\"}");
                }
                long start = System.nanoTime();
                Instant startedAt = Instant.now();
                for (String body : bodies) {
                    producer.send(session.createTextMessage(body));
                }
                for (int r = 0; r < REQUESTS; r++) {
                    if (results.receive(120_000) == null) {
                        throw new IllegalStateException("only " + r + " results within 2 minutes");
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double callsPerSecond = REQUESTS / seconds;
                List<Instant> calls = zoho.requestLog().stream().filter(r -> ZohoSandbox.MASS_UPDATE.equals(r.pattern()))
                        .map(r -> r.at()).sorted().toList();
                System.out.printf(Locale.ROOT, "mass-update: first call %d ms after the first send, last call answered %d ms before the last result;"
                        + " calls per half second %s%n", Duration.between(startedAt, calls.get(0)).toMillis(),
                        Duration.between(calls.get(calls.size() - 1), startedAt.plusNanos(System.nanoTime() - start)).toMillis(), timeline(zoho));
                System.out.printf(Locale.ROOT, "mass-update: %d x 500 ids in %.2f s = %.1f calls/s; ideal 100 calls/s"
                        + " -> achieved/ideal = %.2f (goal >= 0.8); 429s = %d; max in flight at Zoho %d%n", REQUESTS, seconds,
                        callsPerSecond, callsPerSecond / 100, zoho.tooManyRequestsSent(), zoho.maxInFlight());
            }
        }
    }

    /** Zoho is a warm service: the stand-in answers a few hundred calls before it is measured. */
    static void warmUp(ZohoSandbox zoho) throws Exception {
        String token = zoho.mintToken();
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            ids.append(i == 0 ? "\"" : ",\"").append(4_150_868_000_000_000L + i).append('"');
        }
        String body = "{\"data\":[{\"Lead_Source\":\"Web\"}],\"ids\":[" + ids + "]}";
        URI uri = URI.create(zoho.apiDomain() + "/crm/v8/Leads/actions/mass_update");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            done.add(pool.submit(() -> http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Zoho-oauthtoken " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding())));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        zoho.resetObservations();
    }

    /** Mass-update calls the sandbox answered in each half second, from the first one: warm-up shows at the start. */
    static List<Integer> timeline(ZohoSandbox zoho) {
        List<Instant> at = zoho.requestLog().stream().filter(r -> ZohoSandbox.MASS_UPDATE.equals(r.pattern()))
                .map(r -> r.at()).sorted().toList();
        List<Integer> buckets = new ArrayList<>();
        for (Instant t : at) {
            int b = (int) (Duration.between(at.get(0), t).toMillis() / 500);
            while (buckets.size() <= b) {
                buckets.add(0);
            }
            buckets.set(b, buckets.get(b) + 1);
        }
        return buckets;
    }

    record Run(double seconds, long peakRssMib) {
    }

    /** Starts the jar, drops the file and waits for the given number of bulk-write jobs at Zoho. */
    static Run runtimeToJobs(Path csv, int jobs) throws Exception {
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.parse("PT" + ZOHO_STEP)))
                .start();
             PackagedService service = new PackagedService(realZoho(zoho), JVM)) {
            service.awaitUp(Duration.ofSeconds(60));
            awaitInboxWatched(service);
            Path inbox = service.workDir.resolve("data/inbox/Leads/insert");
            Files.createDirectories(inbox);
            Path staged = service.workDir.resolve(csv.getFileName());
            Files.copy(csv, staged);
            // an export written earlier and moved in complete: older than bulk.read-lock-min-age
            Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(60)));
            long start = System.nanoTime();
            Files.move(staged, inbox.resolve(csv.getFileName()));
            long deadline = start + TimeUnit.MINUTES.toNanos(30);
            while (zoho.calls("POST", ZohoSandbox.BULK_WRITE) < jobs) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no " + jobs + " jobs after 30 minutes; log " + service.log());
                }
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run(seconds, service.peakRssMib());
        }
    }

    /** UP comes before the leader election that starts the inbox consumer: files land on a started service. */
    static void awaitInboxWatched(PackagedService service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!service.output().contains("Consumer started: file:")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the inbox consumer did not start; log " + service.log());
            }
            Thread.sleep(50);
        }
    }

    static Map<String, String> realZoho(ZohoSandbox zoho) {
        return Map.of("ZOHO_SANDBOX", "false", "ZOHO_ACCOUNTS_URL", zoho.accountsUrl(), "ZOHO_API_DOMAIN", zoho.apiDomain(),
                "ZOHO_UPLOAD_URL", zoho.uploadUrl("v8"), "ZOHO_CLIENT_ID", "bench", "ZOHO_CLIENT_SECRET", "bench",
                "ZOHO_REFRESH_TOKEN", "bench", "POLL_PERIOD", "1h");
    }

    /** split -l 25000 then zip each part: what a user would script (it even breaks quoted newlines). */
    static double naiveSplitAndZip(Path csv, Path dir) throws Exception {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "split -l 25000 -d -a 3 '" + csv + "' part_ && for f in part_*; do "
                + "zip -q \"$f.zip\" \"$f\"; done").directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("split/zip failed (is zip installed?)");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A 7-column CSV of about 80 bytes a row, 1 % of rows with a quoted comma and newline. */
    static Path generate(Path file, int rows) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Random random = new Random(rows);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Last_Name,First_Name,Email,Company,Phone,City,Description\n");
            for (int i = 1; i <= rows; i++) {
                w.write("Name" + i + ",First" + (i % 977) + ",lead" + i + "@example.com,Company " + (i % 5003) + ",+1-555-"
                        + (1_000_000 + random.nextInt(8_999_999)) + ",City" + (i % 313) + ","
                        + (i % 100 == 0 ? "\"multi-line, quoted\nnote " + i + "\"" : "note " + i) + "\n");
            }
        }
        return file;
    }
}
