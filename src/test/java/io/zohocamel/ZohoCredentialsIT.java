package io.zohocamel;

import java.time.Duration;
import java.util.Map;

import io.zohocamel.support.PackagedService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A production instance with one credential mistyped or left out must not run quietly on the sandbox
 * (nor fail at its first call): the packaged service refuses to start, names what is missing (never a
 * value) and exits, so the supervisor sees it.
 */
class ZohoCredentialsIT {

    @Test
    void someButNotAllCredentialsRefuseToStartAndExit() throws Exception {
        PackagedService service = new PackagedService(Map.of("ZOHO_CLIENT_ID", "1000.CLIENTIDVALUE",
                "ZOHO_CLIENT_SECRET", "secret-value-never-logged"));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (service.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(service.isAlive()).as("exited after refusing to start").isFalse();
            assertThat(service.exitCode()).isEqualTo(1);
            assertThat(service.output()).contains("The service did not start: Zoho credentials incomplete: "
                    + "zoho.refresh-token is not set").doesNotContain("Running against the built-in Zoho SANDBOX")
                    .doesNotContain("CLIENTIDVALUE").doesNotContain("secret-value-never-logged");
        } finally {
            service.close();
        }
    }
}
