package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Zoho's own Node SDK for API v8 drives the sandbox through a bulk write, two mass updates and the
 * Records API's insert, update and upsert (src/test/sdk/zoho-sdk-round-trip.js): the SDK is the
 * reference, so anything it rejects is a sandbox bug. Needs node and {@code npm ci --prefix src/test/sdk}; without them the test fails, never skips.
 */
class ZohoSdkRoundTripIT {

    private static final Path SDK_DIR = Path.of("src/test/sdk");
    private static final Path SCRIPT = SDK_DIR.resolve("zoho-sdk-round-trip.js");
    /** Any 19-digit id is a cvid the sandbox takes. */
    private static final String CVID = "3652397000000087501";
    private static final List<String> STEPS = List.of("refresh-token", "upload", "create-job", "poll-job",
            "download", "mass-update-ids", "mass-update-cvid", "mass-update-status", "create-records",
            "update-records", "upsert-records");

    @Test
    void zohoNodeSdkCompletesTheRoundTripAgainstTheSandbox() throws Exception {
        if (!Files.isDirectory(SDK_DIR.resolve("node_modules/@zohocrm/nodejs-sdk-8.0"))) {
            fail("Zoho's Node SDK is not installed: run `npm ci --prefix src/test/sdk`");
        }
        try (ZohoSandbox sandbox = new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.ofMillis(300))).start()) {
            String ids = sandbox.putRecord("Leads", Map.of("Last_Name", "Seeded One", "Company", "Initech")) + ","
                    + sandbox.putRecord("Leads", Map.of("Last_Name", "Seeded Two", "Company", "Hooli"));
            Path output = Files.createTempFile("zoho-sdk-round-trip", ".log");
            try {
                Process node = new ProcessBuilder("node", SCRIPT.toString(), sandbox.baseUrl(), ids, CVID)
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                boolean exited = node.waitFor(120, TimeUnit.SECONDS);
                if (!exited) {
                    node.destroyForcibly();
                }
                String log = Files.readString(output, StandardCharsets.UTF_8);
                System.out.print(log);
                assertThat(exited).as("node finished within 120 s; its output:%n%s", log).isTrue();
                assertThat(node.exitValue()).as("node exit code; its output:%n%s", log).isZero();
                for (String step : STEPS) {
                    assertThat(log).as("its output").contains("STEP " + step + " OK");
                }
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
