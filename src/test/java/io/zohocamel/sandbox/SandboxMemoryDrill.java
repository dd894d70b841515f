package io.zohocamel.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs {@code uploads} 25,000-row files through a sandbox as the runtime does (upload, create job, job runs,
 * result download) and prints the rows it got back; {@link SandboxMemoryTest} runs it in a JVM of its own with
 * a small heap. Arguments: storage folder, number of uploads.
 */
public final class SandboxMemoryDrill {

    static final int ROWS = 25_000;

    private SandboxMemoryDrill() {
    }

    public static void main(String[] args) {
        Path storage = Path.of(args[0]);
        int uploads = Integer.parseInt(args[1]);
        StringBuilder csv = new StringBuilder("Last_Name,Company,City\r\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("Name").append(i).append(",Company ").append(i).append(",City").append(i % 313).append("\r\n");
        }
        byte[] zip = SandboxHttp.zip("chunk.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        csv = null;
        SandboxSettings settings = SandboxSettings.defaults().withJobStep(Duration.ZERO).withStorage(storage);
        long rows = 0;
        try (ZohoSandbox sandbox = new ZohoSandbox(settings).start()) {
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = sandbox.mintToken();
            for (int i = 0; i < uploads; i++) {
                SandboxHttp.Reply upload = http.upload(zip, "chunk" + i + ".zip", "bulk-write", null, token);
                expect(upload, 200);
                String fileId = upload.json().path("details").path("file_id").asText();
                SandboxHttp.Reply created = http.post("/crm/bulk/v8/write", "{\"operation\":\"insert\",\"resource\":[{"
                        + "\"type\":\"data\",\"module\":{\"api_name\":\"Leads\"},\"file_id\":\"" + fileId + "\"}]}", token);
                expect(created, 201);
                String jobId = created.json().path("details").path("id").asText();
                sandbox.advanceTime(Duration.ofMillis(1)); // the job is due: applied now
                SandboxHttp.Reply result = http.get("/download/bulk-write/" + jobId + ".zip", token);
                expect(result, 200);
                rows += SandboxHttp.unzipSingle(result.raw()).lines().filter(l -> l.endsWith(",ADDED,")
                        || l.contains(",ADDED,")).count();
            }
        }
        System.out.println(rows + " rows added");
    }

    private static void expect(SandboxHttp.Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError(reply.status() + " " + reply.text());
        }
    }
}
