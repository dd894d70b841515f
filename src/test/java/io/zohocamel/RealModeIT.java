package io.zohocamel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.StompClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as an operator runs it against a real org: credentials and URLs from environment
 * variables, the built-in sandbox off, a Zoho stand-in (here: a sandbox in the test's JVM, reached
 * only over HTTP) behind the configured URLs. A file and a mass update go through, and none of the
 * configured secrets appears in the log.
 */
class RealModeIT {

    private static final Map<String, String> SECRETS = Map.of(
            "ZOHO_CLIENT_SECRET", "client-secret-7f3a9c",
            "ZOHO_REFRESH_TOKEN", "1000.refresh-token-5b2e81",
            "BROKER_PASSWORD", "broker-password-c41d07",
            "HTTP_AUTH_PASSWORD", "console-password-9e6f22");

    private Process process;
    private ZohoSandbox zoho;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (zoho != null) {
            zoho.stop();
        }
    }

    @Test
    void aFileAndAMassUpdateReachZohoAndNoSecretReachesTheLog() throws Exception {
        zoho = new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.ofMillis(300))).start();
        Path jar = Path.of(System.getProperty("packaged.jar", "target/zoho-crm-camel.jar")).toAbsolutePath();
        Path workDir = Files.createTempDirectory("zoho-crm-camel-real");
        Path log = workDir.resolve("service.log");
        int httpPort = RuntimeTestSupport.freePort();
        int managementPort = RuntimeTestSupport.freePort();
        int brokerPort = RuntimeTestSupport.freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(SECRETS);
        env.put("ZOHO_CLIENT_ID", "1000.client-id");
        env.put("ZOHO_ORG_ID", "700100200");
        env.put("ZOHO_ACCOUNTS_URL", zoho.accountsUrl());
        env.put("ZOHO_API_DOMAIN", zoho.apiDomain());
        env.put("ZOHO_UPLOAD_URL", zoho.uploadUrl("v8"));
        env.put("POLL_PERIOD", "500ms");
        env.put("HTTP_PORT", String.valueOf(httpPort));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        waitFor("UP", () -> status(http, "http://127.0.0.1:" + managementPort + "/observe/health", null) == 200);

        StringBuilder csv = new StringBuilder("Last_Name,Email\n");
        for (int i = 1; i <= 2_000; i++) {
            csv.append("Lead ").append(i).append(",lead").append(i).append("@example.com\n");
        }
        Path staged = workDir.resolve("leads.csv");
        Files.writeString(staged, csv);
        Path inbox = workDir.resolve("data/inbox/Leads/insert");
        Files.createDirectories(inbox);
        Files.move(staged, inbox.resolve("leads.csv"));
        Path result = workDir.resolve("data/reports/Leads/insert/leads.result.csv");
        waitFor("leads.result.csv", () -> Files.exists(result));
        assertThat(Files.readAllLines(result)).hasSize(2_001);
        assertThat(zoho.uploads()).singleElement().satisfies(u -> assertThat(u.orgId()).isEqualTo("700100200"));

        List<String> ids = zoho.records("Leads").stream().limit(20).map(r -> r.get("id")).toList();
        String request = "{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],\"ids\":[\""
                + String.join("\",\"", ids) + "\"],\"request_id\":\"real-mode-1\"}";
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", SECRETS.get("BROKER_PASSWORD"))) {
            stomp.send("zoho.mass-update", request);
        }
        waitFor("mass update applied", () -> zoho.records("Leads").stream()
                .filter(r -> "Web".equals(r.get("Lead_Source"))).count() == 20);
        String login = "Basic " + Base64.getEncoder().encodeToString(("admin:" + SECRETS.get("HTTP_AUTH_PASSWORD"))
                .getBytes(StandardCharsets.UTF_8));
        waitFor("request listed as COMPLETED", () -> body(http, "http://127.0.0.1:" + httpPort + "/jobs", login)
                .contains("\"status\" : \"COMPLETED\""));

        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        String output = Files.readString(log);
        assertThat(output).contains("Running against Zoho at " + zoho.apiDomain()).doesNotContain("SANDBOX");
        SECRETS.forEach((name, secret) -> assertThat(output).as("%s in the log", name).doesNotContain(secret));
    }

    private void waitFor(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            assertThat(process.isAlive()).as("the service is running").isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static int status(HttpClient http, String url, String login) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3));
            if (login != null) {
                r.header("Authorization", login);
            }
            return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static String body(HttpClient http, String url, String login) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .header("Authorization", login).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }
}
