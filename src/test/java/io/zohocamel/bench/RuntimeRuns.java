package io.zohocamel.bench;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
import io.zohocamel.support.RuntimeTestSupport;

/**
 * Runs the packaged jar as a separate process (its memory is its own) against a Zoho stand-in reached
 * over HTTP, and times files from the inbox to their jobs at Zoho. Production meets work on a running
 * service: every run first takes one small file, unmeasured, then the measured ones.
 */
final class RuntimeRuns {

    /** The runtime's JVM: the README's quick start, a fixed, pre-touched heap, so resident memory shows the bound. */
    static final List<String> JVM = List.of(System.getProperty("bench.jvm",
            String.join(" ", PackagedService.QUICK_START_JVM)).split(" +"));

    private static final String ZOHO_STEP = "PT1H"; // jobs stay unfinished: only submission is measured
    private static final int FIRST_FILE_ROWS = 1_000;

    /** Wall time from the move into the inbox to the last job, the runtime's CPU time in it, and its peak RSS so far. */
    record Run(double seconds, double cpuSeconds, long peakRssMib) {
    }

    private RuntimeRuns() {
    }

    static Run toJobs(Path csv, int jobs) throws Exception {
        return toJobs(List.of(csv), jobs).get(0);
    }

    /** Starts the jar, gives it one small file, then drops each file in turn and waits for its jobs at Zoho. */
    static List<Run> toJobs(List<Path> files, int jobsEach) throws Exception {
        Path workDir = null;
        try (ZohoSandbox zoho = warmUpUploads(new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.parse(ZOHO_STEP)))
                .start());
             PackagedService service = new PackagedService(realZoho(zoho), JVM)) {
            workDir = service.workDir;
            service.awaitUp(Duration.ofSeconds(60));
            awaitInboxWatched(service);
            Path inbox = service.workDir.resolve("data/inbox/Leads/insert");
            Files.createDirectories(inbox);
            firstFile(service, zoho, inbox, files.get(0).getParent());
            List<Run> runs = new ArrayList<>();
            for (Path csv : files) {
                long cpu = service.cpuMillis();
                double seconds = drop(service, zoho, inbox, csv, jobsEach);
                runs.add(new Run(seconds, (service.cpuMillis() - cpu) / 1000.0, service.peakRssMib()));
            }
            return runs;
        } finally {
            if (workDir != null) { // the files dropped (up to 900 MB); the service's log stays
                RuntimeTestSupport.deleteTree(workDir.resolve("data"));
            }
        }
    }

    /** The running service's first file (1,000 rows, one bulk job: BULK_RECORDS_API_MAX_ROWS 0), unmeasured; generated in {@code dir}. */
    static void firstFile(PackagedService service, ZohoSandbox zoho, Path inbox, Path dir) throws Exception {
        drop(service, zoho, inbox, BenchFiles.generate(dir.resolve("first-small.csv"), FIRST_FILE_ROWS, 90_000_000), 1);
    }

    /**
     * Moves a copy of the file into the inbox as an export written earlier and moved in complete (older than
     * bulk.read-lock-min-age); returns {@link System#nanoTime()} at the move.
     */
    static long moveIn(PackagedService service, Path inbox, Path csv) throws Exception {
        Path staged = service.workDir.resolve(csv.getFileName());
        Files.copy(csv, staged);
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(60)));
        long start = System.nanoTime();
        Files.move(staged, inbox.resolve(csv.getFileName()));
        return start;
    }

    /** Seconds from the file's move into the inbox to its last job created at Zoho. */
    static double drop(PackagedService service, ZohoSandbox zoho, Path inbox, Path csv, int jobsEach) throws Exception {
        int jobs = zoho.calls("POST", ZohoSandbox.BULK_WRITE) + jobsEach;
        long start = moveIn(service, inbox, csv);
        long deadline = start + TimeUnit.MINUTES.toNanos(30);
        while (zoho.calls("POST", ZohoSandbox.BULK_WRITE) < jobs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + jobsEach + " jobs after 30 minutes; log " + service.log());
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1e9;
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
            Matcher file = Pattern.compile("\"file_id\"\\s*:\\s*\"([0-9]+)\"").matcher(uploaded.body());
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
}
