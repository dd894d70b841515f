package io.zohocamel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.StompClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started the way a new user starts it: no settings, a fresh working folder.
 * Only the ports come from environment variables, which also proves that overriding works.
 */
class PackagedServiceIT {

    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void startsOnEmbeddedDefaultsAndReachesUp() throws Exception {
        Path jar = Path.of(System.getProperty("packaged.jar", "target/zoho-crm-camel.jar")).toAbsolutePath();
        Path workDir = Files.createTempDirectory("zoho-crm-camel-it");
        Path log = workDir.resolve("service.log");
        int httpPort = RuntimeTestSupport.freePort();
        int managementPort = RuntimeTestSupport.freePort();
        int brokerPort = RuntimeTestSupport.freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        long started = System.nanoTime();
        process = builder.start();

        HttpClient http = HttpClient.newHttpClient();
        boolean up = false;
        while (!up && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60) && process.isAlive()) {
            Thread.sleep(250);
            up = healthUp(http, managementPort);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String output = Files.readString(log);
        assertThat(up).as("UP within 60 s; log:%n%s", output).isTrue();
        // reported, not asserted: timing belongs to benchmarks, and CI machines vary
        System.out.printf("packaged service UP after %.1f s%n", seconds);

        assertThat(output).contains("Running against the built-in Zoho SANDBOX");
        String password = Files.readString(workDir.resolve("data/secrets/broker.password")).trim();
        assertThat(output).contains("data/secrets/broker.password").doesNotContain(password);
        try (StompClient client = StompClient.connect(brokerPort, "zoho", password)) {
            assertThat(client).isNotNull();
        }
        for (String folder : new String[] {"inbox", "done", "error", "reports"}) {
            assertThat(workDir.resolve("data").resolve(folder)).isDirectory();
        }
    }

    private static boolean healthUp(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
