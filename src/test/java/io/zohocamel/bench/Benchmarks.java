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
import io.zohocamel.support.TestPostgres;
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
    /**
     * The runtime's JVM: the README's quick start, a fixed, pre-touched heap, so resident memory shows the
     * bound rather than how far the heap grew.
     */
    private static final List<String> JVM = List.of(System.getProperty("bench.jvm",
            String.join(" ", PackagedService.QUICK_START_JVM)).split(" +"));

    private static final int REQUESTS = Integer.getInteger("bench.requests", 200);
    /** Bursts sent one after the other to the same runtime: the first meets a just-started JVM, later ones a running service. */
    private static final int BURSTS = Integer.getInteger("bench.bursts", 2);

    private Benchmarks() {
    }

    public static void main(String... args) throws Exception {
        Set<String> which = new LinkedHashSet<>(args.length == 0 ? List.of("csv", "memory", "massupdate", "scaling", "polling") : List.of(args));
        Path work = Files.createTempDirectory("zoho-bench");
        System.out.printf("machine: %d cores, %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        try {
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
            if (which.contains("polling")) {
                polling();
            }
        } finally { // the generated CSV files: 280 MB a run
            io.zohocamel.support.RuntimeTestSupport.deleteTree(work);
        }
    }

    /** 1. The naive split-and-zip script against the runtime, file landing to 40th job created. */
    static void csvToJobs(Path work) throws Exception {
        Path csv = generate(work.resolve("leads-1m.csv"), 1_000_000);
        Path next = generate(work.resolve("leads-1m-next.csv"), 1_000_000, 1_000_000);
        double naive = naiveSplitAndZip(csv, work.resolve("naive"));
        // the first file meets a fresh JVM (its JIT compiler still at work); the next one, the same
        // runtime a minute later, as a long-running service meets most files
        List<Run> runs = runtimeToJobs(List.of(csv, next), 40);
        System.out.printf(Locale.ROOT, "csv-to-jobs 1,000,000 rows (%d MB): naive split+zip %.2f s, runtime %.2f s to 40 jobs"
                + " -> naive/runtime = %.2fx (goal >= 1.5x); peak RSS %d MiB%n", Files.size(csv) >> 20, naive,
                runs.get(0).seconds, naive / runs.get(0).seconds, runs.get(0).peakRssMib);
        System.out.printf(Locale.ROOT, "csv-to-jobs, the next file in the same runtime: %.2f s -> naive/runtime = %.2fx%n",
                runs.get(1).seconds, naive / runs.get(1).seconds);
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

    /**
     * 3. 200 requests of 500 ids at 100 ms latency and a concurrency cap of 10: ideal 100 calls/s. Sent
     * {@code bench.bursts} times (default 2) to the same runtime: first just started, then running.
     */
    static void massUpdateRate() throws Exception {
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(100))
                .withConcurrencyCap(10).withJobStep(Duration.ofHours(1))).start();
             PackagedService service = new PackagedService(realZoho(zoho), JVM)) {
            // requests name records that exist, as a real sync does: Zoho updates them and answers success for each
            List<String> leads = new ArrayList<>(REQUESTS * 500);
            for (int i = 0; i < REQUESTS * 500; i++) {
                leads.add(zoho.putRecord("Leads", Map.of("Last_Name", "Bench " + i, "Lead_Source", "Import")));
            }
            warmUp(zoho, leads);
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
                for (int burst = 1; burst <= BURSTS; burst++) {
                    List<String> bodies = new ArrayList<>();
                    for (int r = 0; r < REQUESTS; r++) {
                        StringBuilder ids = new StringBuilder();
                        for (int i = 0; i < 500; i++) {
                            ids.append(i == 0 ? "\"" : ",\"").append(leads.get(random.nextInt(leads.size()))).append('"');
                        }
                        bodies.add("{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web " + burst + "\"}],\"ids\":[" + ids + "],\"request_id\":\"bench-" + burst + "-" + r + "\"}");
                    }
                    long runtimeCpu = service.cpuMillis();
                    long benchCpu = ownCpuMillis();
                    long start = System.nanoTime();
                    Instant startedAt = Instant.now();
                    for (String body : bodies) {
                        producer.send(session.createTextMessage(body));
                    }
                    int completed = 0;
                    for (int r = 0; r < REQUESTS; r++) {
                        jakarta.jms.Message result = results.receive(120_000);
                        if (result == null) {
                            throw new IllegalStateException("only " + r + " results within 2 minutes");
                        }
                        completed += result.getBody(String.class).contains("\"status\":\"COMPLETED\"") ? 1 : 0;
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    runtimeCpu = service.cpuMillis() - runtimeCpu;
                    benchCpu = ownCpuMillis() - benchCpu;
                    double callsPerSecond = REQUESTS / seconds;
                    List<Instant> calls = zoho.requestLog().stream().filter(r -> ZohoSandbox.MASS_UPDATE.equals(r.pattern()))
                            .map(r -> r.at()).sorted().toList();
                    System.out.printf(Locale.ROOT, "mass-update burst %d: first call %d ms after the first send, last call answered %d ms before the last result;"
                            + " calls per half second %s%n", burst, Duration.between(startedAt, calls.get(0)).toMillis(),
                            Duration.between(calls.get(calls.size() - 1), startedAt.plusNanos(System.nanoTime() - start)).toMillis(), timeline(zoho));
                    // both cores are shared: what each side spent tells whether the runtime or the machine was the limit,
                    // and the stand-in's own time per call (100 ms of latency + its work) how much of each slot was Zoho's
                    double zohoMillis = zoho.busyTime().toNanos() / 1e6;
                    System.out.printf(Locale.ROOT, "mass-update burst %d: CPU per request: runtime %.1f ms, stand-in and load generator %.1f ms"
                            + " (%.2f of %d cores busy); a call spent %.1f ms in the stand-in, which was busy with %.1f calls on average%n",
                            burst, (double) runtimeCpu / REQUESTS, (double) benchCpu / REQUESTS, (runtimeCpu + benchCpu) / 1000.0 / seconds,
                            Runtime.getRuntime().availableProcessors(), zohoMillis / calls.size(), zohoMillis / 1000 / seconds);
                    System.out.printf(Locale.ROOT, "mass-update burst %d%s: %d x 500 ids in %.2f s = %.1f calls/s; ideal 100 calls/s"
                            + " -> achieved/ideal = %.2f (goal >= 0.8); 429s = %d; max in flight at Zoho %d; %d results COMPLETED%n", burst,
                            burst == 1 ? " (just-started runtime)" : " (running runtime)", REQUESTS, seconds,
                            callsPerSecond, callsPerSecond / 100, zoho.tooManyRequestsSent(), zoho.maxInFlight(), completed);
                    zoho.resetObservations();
                }
            }
        }
    }

    /**
     * 4. 10,000 unfinished bulk-write jobs in a PostgreSQL job store, Zoho at 100 ms and 10 concurrent
     * calls: what poll cycles cost in calls, time and database transactions, and whether any job is
     * asked about sooner than its backoff allows.
     */
    static void polling() throws Exception {
        int jobs = 10_000;
        Duration window = Duration.ofSeconds(45);
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(100))
                .withConcurrencyCap(10).withJobStep(Duration.ofHours(1))).start();
             TestPostgres pg = TestPostgres.create("zoho_bench")) {
            for (int i = 0; i < jobs; i++) {
                String file = String.valueOf(4_150_868_008_000_000L + i);
                zoho.seedFile(file, "p" + i + ".csv", List.of("Last_Name"), List.of(List.of("Bench " + i)));
                zoho.seedBulkJob(String.valueOf(4_150_868_009_000_000L + i), "{\"operation\":\"insert\",\"resource\":[{\"type\":\"data\",\"module\":"
                        + "{\"api_name\":\"Leads\"},\"file_id\":\"" + file + "\",\"field_mappings\":[{\"api_name\":\"Last_Name\",\"index\":0}]}]}");
            }
            Map<String, String> env = new java.util.HashMap<>(realZoho(zoho));
            env.put("JOBSTORE_URL", pg.url);
            env.put("JOBSTORE_USER", TestPostgres.USER);
            env.put("JOBSTORE_PASSWORD", TestPostgres.PASSWORD);
            env.put("POLL_PERIOD", "10s");
            try (PackagedService service = new PackagedService(env, JVM)) {
                service.awaitUp(Duration.ofSeconds(90));
                long now = System.currentTimeMillis();
                try (java.sql.Connection c = pg.connect();
                     java.sql.PreparedStatement insert = c.prepareStatement("insert into zoho_job (kind, module, zoho_job_id, "
                             + "status, zoho_status, next_poll_at, poll_interval_ms, created_at, updated_at) "
                             + "values ('BULK_WRITE', 'Leads', ?, 'ADDED', 'ADDED', ?, 10000, ?, ?)")) {
                    for (int i = 0; i < jobs; i++) {
                        insert.setString(1, String.valueOf(4_150_868_009_000_000L + i));
                        insert.setLong(2, now);
                        insert.setLong(3, now);
                        insert.setLong(4, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                zoho.resetObservations();
                long commitsBefore = commits(pg);
                long start = System.nanoTime();
                Thread.sleep(window.toMillis());
                double seconds = (System.nanoTime() - start) / 1e9;
                long transactions = commits(pg) - commitsBefore;
                Map<String, List<Instant>> polls = new java.util.HashMap<>();
                zoho.requestLog().stream().filter(r -> ZohoSandbox.BULK_WRITE_JOB.equals(r.pattern()))
                        .forEach(r -> polls.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r.at()));
                int calls = polls.values().stream().mapToInt(List::size).sum();
                long tooSoon = polls.values().stream().filter(at -> at.size() > 1)
                        .filter(at -> Duration.between(at.get(0), at.get(1)).toMillis() < 10_000).count();
                System.out.printf(Locale.ROOT, "polling: %,d unfinished jobs, Zoho at 100 ms / 10 at once: %,d status calls in %.0f s"
                        + " (%.1f calls/s, %,d jobs asked once, %d asked again sooner than their 10 s backoff), %,d database"
                        + " transactions (%.2f per call), max %d calls in flight, %d 429s; poll.batch-size 500 a cycle%n",
                        jobs, calls, seconds, calls / seconds, polls.size(), tooSoon, transactions,
                        calls == 0 ? 0.0 : (double) transactions / calls, zoho.maxInFlight(), zoho.tooManyRequestsSent());
            }
        }
    }

    private static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    private static long commits(TestPostgres pg) throws java.sql.SQLException {
        try (java.sql.Connection c = pg.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Zoho is a warm service: the stand-in answers a few hundred calls before it is measured. */
    static void warmUp(ZohoSandbox zoho, List<String> leads) throws Exception {
        String token = zoho.mintToken();
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            ids.append(i == 0 ? "\"" : ",\"").append(leads.get(i)).append('"');
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

    /** Zoho is a warm service: the stand-in takes 40 uploads of a 25,000-row chunk, each made a job, before it is measured. */
    static ZohoSandbox warmUpUploads(ZohoSandbox zoho) throws Exception {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.setLevel(1);
            out.putNextEntry(new java.util.zip.ZipEntry("warm-up.csv"));
            StringBuilder csv = new StringBuilder("Last_Name,First_Name,Email,Company,Phone,City,Description\n");
            for (int i = 1; i <= 25_000; i++) {
                csv.append("Warm").append(i).append(",First,warm").append(i).append("@example.com,Company,+1-555-0100,City,note\n");
            }
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        String token = zoho.mintToken();
        HttpClient http = HttpClient.newHttpClient();
        String boundary = "benchwarmup";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"warm-up.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(zoho.uploadUrl("v8")))
                    .header("Authorization", "Zoho-oauthtoken " + token).header("feature", "bulk-write")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, zip.toByteArray(), tail))).build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher file = java.util.regex.Pattern.compile("\"file_id\"\\s*:\\s*\"([0-9]+)\"").matcher(uploaded.body());
            if (!file.find()) {
                throw new IllegalStateException("stand-in warm-up upload refused: " + uploaded.body());
            }
            http.send(HttpRequest.newBuilder(URI.create(zoho.apiDomain() + "/crm/bulk/v8/write"))
                    .header("Authorization", "Zoho-oauthtoken " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"insert\",\"resource\":[{\"type\":\"data\","
                            + "\"module\":{\"api_name\":\"Leads\"},\"file_id\":\"" + file.group(1) + "\",\"field_mappings\":"
                            + "[{\"api_name\":\"Last_Name\",\"index\":0}]}]}")).build(), HttpResponse.BodyHandlers.discarding());
        }
        zoho.resetObservations();
        return zoho;
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
        return runtimeToJobs(List.of(csv), jobs).get(0);
    }

    /** As above for several files, one after the other, in the same runtime. */
    static List<Run> runtimeToJobs(List<Path> files, int jobsEach) throws Exception {
        Path workDir = null;
        try (ZohoSandbox zoho = warmUpUploads(new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.parse("PT" + ZOHO_STEP)))
                .start());
             PackagedService service = new PackagedService(realZoho(zoho), JVM)) {
            workDir = service.workDir;
            service.awaitUp(Duration.ofSeconds(60));
            awaitInboxWatched(service);
            Path inbox = service.workDir.resolve("data/inbox/Leads/insert");
            Files.createDirectories(inbox);
            List<Run> runs = new ArrayList<>();
            for (Path csv : files) {
                Path staged = service.workDir.resolve(csv.getFileName());
                Files.copy(csv, staged);
                // an export written earlier and moved in complete: older than bulk.read-lock-min-age
                Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(60)));
                int jobs = zoho.calls("POST", ZohoSandbox.BULK_WRITE) + jobsEach;
                long start = System.nanoTime();
                Files.move(staged, inbox.resolve(csv.getFileName()));
                long deadline = start + TimeUnit.MINUTES.toNanos(30);
                while (zoho.calls("POST", ZohoSandbox.BULK_WRITE) < jobs) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no " + jobsEach + " jobs after 30 minutes; log " + service.log());
                    }
                    Thread.sleep(10);
                }
                runs.add(new Run((System.nanoTime() - start) / 1e9, service.peakRssMib()));
            }
            return runs;
        } finally {
            if (workDir != null) { // the files dropped (up to 900 MB); the service's log stays
                io.zohocamel.support.RuntimeTestSupport.deleteTree(workDir.resolve("data"));
            }
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
        return generate(file, rows, 0);
    }

    /** As above, numbering the rows from {@code first + 1} (another file's content). */
    static Path generate(Path file, int rows, int first) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Random random = new Random(rows + first);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Last_Name,First_Name,Email,Company,Phone,City,Description\n");
            for (int i = first + 1; i <= first + rows; i++) {
                w.write("Name" + i + ",First" + (i % 977) + ",lead" + i + "@example.com,Company " + (i % 5003) + ",+1-555-"
                        + (1_000_000 + random.nextInt(8_999_999)) + ",City" + (i % 313) + ","
                        + (i % 100 == 0 ? "\"multi-line, quoted\nnote " + i + "\"" : "note " + i) + "\n");
            }
        }
        return file;
    }
}
