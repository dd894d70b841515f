package io.zohocamel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import io.zohocamel.jobs.JobStore;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.StompClient;
import io.zohocamel.zoho.OAuthTokenManager;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime on its embedded defaults: health, broker, job store and the sandbox behind the client. */
class RuntimeStartupTest extends RuntimeTestSupport {

    @BeanInject
    CamelContext context;

    @BeanInject
    JobStore jobStore;

    @BeanInject
    OAuthTokenManager tokens;

    @Test
    void healthIsUpWithBrokerAndJobStoreChecked() throws Exception {
        await("health UP", java.time.Duration.ofSeconds(20), () -> {
            try {
                return get(managementPort, "/observe/health").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        var health = get(managementPort, "/observe/health?exposureLevel=full");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"name\":\"broker\"")
                .contains("\"name\":\"job-store\"");
    }

    @Test
    void metricsCarryCamelRouteFiguresAndTheRuntimesOwn() throws Exception {
        tokens.accessToken();
        var metrics = get(managementPort, "/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("camel_exchanges").contains("routeId=\"job-poller\"")
                .contains("zoho_jobs{").contains("zoho_token_refreshes_total");
        // every metric of the runtime's own says what it counts (Prometheus' # HELP line)
        assertThat(metrics.body()).containsPattern("# HELP zoho_token_refreshes_total \\S");
    }

    @Test
    void metricsAnswerWhatPrometheusClientsAccept() throws Exception {
        tokens.accessToken();
        // curl, Datadog and most exporters ask for text/plain; Prometheus itself prefers OpenMetrics
        Map<String, String> typeByAccept = Map.of(
                "text/plain", "text/plain; version=0.0.4",
                "text/plain; version=0.0.4", "text/plain; version=0.0.4",
                "application/openmetrics-text", "application/openmetrics-text; version=1.0.0",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
                "application/openmetrics-text; version=1.0.0");
        for (var answer : typeByAccept.entrySet()) {
            var metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"))
                    .header("Accept", answer.getKey()).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(answer.getKey()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).as(answer.getKey())
                    .hasValueSatisfying(type -> assertThat(type).startsWith(answer.getValue()));
            // OpenMetrics names a counter's family without _total
            assertThat(metrics.body()).as(answer.getKey()).containsPattern("# HELP zoho_token_refreshes(_total)? \\S")
                    .containsPattern("# HELP zoho_jobs \\S").contains("camel_exchanges")
                    .doesNotContainPattern("# HELP (zoho|bulk)_\\w+ *\n");
        }
    }

    @Test
    void brokerAcceptsStompWithTheGeneratedPasswordOnly() throws Exception {
        var secret = dataDir.resolve("secrets/broker.password");
        assertThat(Files.getPosixFilePermissions(secret)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (StompClient client = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            assertThat(client).isNotNull();
        }
        assertThatThrownBy(() -> StompClient.connect(brokerPort, "zoho", "wrong")).isInstanceOf(IOException.class);
    }

    @Test
    void jobStoreIsMigratedUnderDataDir() {
        assertThat(jobStore.recentJobs(10)).isEmpty();
        assertThat(dataDir.resolve("jobs.mv.db")).exists();
    }

    @Test
    void clientTalksToTheSandboxWithOneToken() throws Exception {
        String first = tokens.accessToken();
        String second = tokens.accessToken();
        assertThat(first).isNotBlank().isEqualTo(second);
        assertThat(tokens.refreshCount()).isEqualTo(1);
        assertThat(context.getRegistry().lookupByName("zohoSandbox")).isNotNull();
    }
}
