package io.zohocamel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.zohocamel.support.PackagedService;
import io.zohocamel.support.StompClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started the way a new user starts it (the README's quick start): no settings, a fresh working folder.
 * Only the ports come from environment variables, which also proves that overriding works.
 */
class PackagedServiceIT {

    @Test
    void startsOnEmbeddedDefaultsAndReachesUp() throws Exception {
        // the JVM's temporary folder, empty: nothing the runtime or its libraries write may land outside data.dir
        Path tmp = Files.createTempDirectory(Files.createDirectories(PackagedService.IT_WORK), "java-tmpdir-");
        List<String> jvm = new ArrayList<>(PackagedService.QUICK_START_JVM);
        jvm.add("-Djava.io.tmpdir=" + tmp);
        try (PackagedService service = new PackagedService(Map.of(), jvm)) {
            double seconds = service.awaitUp(Duration.ofSeconds(60));
            // reported, not asserted: timing belongs to benchmarks, and CI machines vary
            System.out.printf("packaged service UP after %.1f s%n", seconds);

            String output = service.output();
            assertThat(output).contains("Running against the built-in Zoho SANDBOX");
            String password = Files.readString(service.workDir.resolve("data/secrets/broker.password")).trim();
            assertThat(output).contains("data/secrets/broker.password").doesNotContain(password);
            try (StompClient client = StompClient.connect(service.brokerPort, "zoho", password)) {
                assertThat(client).isNotNull();
            }
            // the broker's admin (the only user that may manage it) has a generated password of its own, named not shown
            String adminPassword = Files.readString(service.workDir.resolve("data/secrets/broker.admin-password")).trim();
            assertThat(output).contains("data/secrets/broker.admin-password").doesNotContain(adminPassword);
            assertThat(adminPassword).isNotEqualTo(password);
            try (StompClient client = StompClient.connect(service.brokerPort, "admin", adminPassword)) {
                assertThat(client).isNotNull();
            }
            for (String folder : new String[] {"inbox", "done", "error", "reports"}) {
                assertThat(service.workDir.resolve("data").resolve(folder)).isDirectory();
            }

            // the Hawtio console out of the shaded jar, behind the generated console password
            String consolePassword = Files.readString(service.workDir.resolve("data/secrets/http.password")).trim();
            assertThat(service.output()).contains("data/secrets/http.password").doesNotContain(consolePassword);
            HttpClient http = HttpClient.newHttpClient();
            String console = "http://127.0.0.1:" + service.hawtioPort + "/hawtio";
            // the console starts beside the routes: give it a moment after UP
            service.await("the Hawtio page", Duration.ofSeconds(30),
                    () -> body(http, HttpRequest.newBuilder(URI.create(console + "/login"))).contains("<title>Hawtio</title>"));
            String search = "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}";
            HttpRequest.Builder jolokia = HttpRequest.newBuilder(URI.create(console + "/jolokia/"))
                    .POST(HttpRequest.BodyPublishers.ofString(search));
            assertThat(send(http, jolokia).statusCode()).isEqualTo(401);
            String basic = Base64.getEncoder().encodeToString(("admin:" + consolePassword).getBytes(StandardCharsets.UTF_8));
            assertThat(send(http, jolokia.header("Authorization", "Basic " + basic)).body()).contains("bulk-inbox");

            // the quick start's try-it file goes through
            Path inbox = Files.createDirectories(service.workDir.resolve("data/inbox/Leads/insert"));
            Files.writeString(inbox.resolve("leads.csv"), "Last_Name,Email,Company\nSmith,smith@example.com,Acme\n");
            Path report = service.workDir.resolve("data/reports/Leads/insert/leads.result.csv");
            service.await("leads.result.csv", Duration.ofSeconds(60), () -> Files.isRegularFile(report));
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.toList()).as("written outside data.dir, in java.io.tmpdir").isEmpty();
            }
        }
    }

    private static String body(HttpClient http, HttpRequest.Builder request) {
        try {
            return send(http, request).body();
        } catch (IOException | InterruptedException notYet) {
            return "";
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
