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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
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

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final Map<String, String> SECRETS = Map.of(
            "ZOHO_CLIENT_SECRET", RealModeSettings.CLIENT_SECRET,
            "ZOHO_REFRESH_TOKEN", RealModeSettings.REFRESH_TOKEN,
            "BROKER_PASSWORD", "broker-password-c41d07",
            "HTTP_AUTH_PASSWORD", "console-password-9e6f22");

    private ZohoSandbox zoho;

    @AfterEach
    void stopZoho() {
        if (zoho != null) {
            zoho.stop();
        }
    }

    @Test
    void aFileAndAMassUpdateReachZohoAndNoSecretReachesTheLog() throws Exception {
        zoho = new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.ofMillis(300))).start();
        Map<String, String> env = new HashMap<>(RealModeSettings.of(zoho));
        env.putAll(SECRETS);
        env.put("POLL_PERIOD", "500ms");
        PackagedService service = new PackagedService(env);
        try (service) {
            runFileAndMassUpdate(service);
        }
        String output = service.output();
        assertThat(output).contains("Running against Zoho at " + zoho.apiDomain()).doesNotContain("SANDBOX");
        SECRETS.forEach((name, secret) -> assertThat(output).as("%s in the log", name).doesNotContain(secret));
    }

    private void runFileAndMassUpdate(PackagedService service) throws Exception {
        service.awaitUp(Duration.ofSeconds(60));
        Path workDir = service.workDir;
        HttpClient http = HttpClient.newHttpClient();

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
        service.await("leads.result.csv", TIMEOUT, () -> Files.exists(result));
        assertThat(Files.readAllLines(result)).hasSize(2_001);
        assertThat(zoho.uploads()).singleElement().satisfies(u -> assertThat(u.orgId()).isEqualTo("700100200"));

        List<String> ids = zoho.records("Leads").stream().limit(20).map(r -> r.get("id")).toList();
        String request = "{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],\"ids\":[\""
                + String.join("\",\"", ids) + "\"],\"request_id\":\"real-mode-1\"}";
        try (StompClient stomp = StompClient.connect(service.brokerPort, "zoho", SECRETS.get("BROKER_PASSWORD"))) {
            stomp.send("zoho.mass-update", request);
        }
        service.await("mass update applied", TIMEOUT, () -> zoho.records("Leads").stream()
                .filter(r -> "Web".equals(r.get("Lead_Source"))).count() == 20);
        String login = "Basic " + Base64.getEncoder().encodeToString(("admin:" + SECRETS.get("HTTP_AUTH_PASSWORD"))
                .getBytes(StandardCharsets.UTF_8));
        service.await("request listed as COMPLETED", TIMEOUT, () -> body(http, "http://127.0.0.1:" + service.httpPort
                + "/jobs", login).contains("\"status\" : \"COMPLETED\""));
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
