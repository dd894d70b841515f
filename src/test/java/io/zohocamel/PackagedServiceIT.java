package io.zohocamel;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import io.zohocamel.support.PackagedService;
import io.zohocamel.support.StompClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started the way a new user starts it: no settings, a fresh working folder.
 * Only the ports come from environment variables, which also proves that overriding works.
 */
class PackagedServiceIT {

    @Test
    void startsOnEmbeddedDefaultsAndReachesUp() throws Exception {
        try (PackagedService service = new PackagedService(Map.of())) {
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
            for (String folder : new String[] {"inbox", "done", "error", "reports"}) {
                assertThat(service.workDir.resolve("data").resolve(folder)).isDirectory();
            }
        }
    }
}
