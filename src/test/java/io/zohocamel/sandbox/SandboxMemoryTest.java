package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime starts the sandbox inside its own heap (the quick start's is 224 MB), so what the sandbox keeps
 * must not grow with the files run through it: uploads and results live on disk, and past its bounds it
 * forgets the oldest jobs, files and records.
 */
class SandboxMemoryTest {

    @TempDir
    Path storage;

    @Test
    void manyLargeFilesRunThroughASmallHeap() throws Exception {
        // 16 files of 25,000 rows: kept in memory (ZIPs, rows, per-row outcomes, every record) they need several
        // times this heap
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process drill = new ProcessBuilder(java, "-Xmx80m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SandboxMemoryDrill.class.getName(), storage.toString(), "16").redirectErrorStream(true).start();
        String output = new String(drill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(drill.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(drill.exitValue()).as(output).isZero();
        assertThat(output).contains((16 * SandboxMemoryDrill.ROWS) + " rows added");
        assertThat(files()).as("emptied when the sandbox stops").isEmpty();
    }

    @Test
    void pastItsBoundsTheSandboxForgetsTheOldestJobsFilesAndRecords() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().withJobStep(Duration.ZERO).withStorage(storage)
                .withMaxJobs(2).withMaxRecords(3);
        try (ZohoSandbox sandbox = new ZohoSandbox(settings).start()) {
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = sandbox.mintToken();
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String fileId = http.uploadCsv("f" + i + ".csv", "Last_Name\r\nA" + i + "\r\nB" + i + "\r\n", token);
                jobs.add(http.post("/crm/bulk/v8/write", "{\"operation\":\"insert\",\"resource\":[{\"type\":\"data\","
                        + "\"module\":{\"api_name\":\"Leads\"},\"file_id\":\"" + fileId + "\"}]}", token)
                        .json().path("details").path("id").asText());
                sandbox.advanceTime(Duration.ofMillis(1));
            }
            assertThat(http.get("/crm/bulk/v8/write/" + jobs.get(0), token).code()).isEqualTo("RESOURCE_NOT_FOUND");
            assertThat(http.get("/download/bulk-write/" + jobs.get(0) + ".zip", token).code()).isEqualTo("RESOURCE_NOT_FOUND");
            for (String job : jobs.subList(1, 3)) {
                assertThat(http.get("/crm/bulk/v8/write/" + job, token).json().path("status").asText()).isEqualTo("COMPLETED");
                assertThat(SandboxHttp.unzipSingle(http.get("/download/bulk-write/" + job + ".zip", token).raw()))
                        .startsWith("Last_Name,STATUS,RECORD_ID,ERRORS").contains(",ADDED,");
            }
            assertThat(sandbox.records("Leads")).extracting(r -> r.get("Last_Name")).containsExactly("B1", "A2", "B2");
            assertThat(sandbox.retainedFiles()).isEqualTo(2);
            // two results; the uploads of finished jobs that were forgotten are gone
            assertThat(files()).hasSize(4).allMatch(f -> f.startsWith(storage));
        }
        assertThat(files()).isEmpty();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(storage)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
