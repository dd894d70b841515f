package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The standalone sandbox: io.zohocamel.sandbox.Main, run in-process with captured output. */
class SandboxMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<ZohoSandbox> served = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (served.get() != null) {
            served.get().stop();
        }
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), served::set);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void printsItsAddressesAndAnswersATokenRequestAndAMassUpdateByIdsOverHttp() throws IOException {
        int port = freePort();
        assertThat(run("--port", String.valueOf(port), "--job-step=1s", "--concurrency-cap", "3")).isZero();

        Map<String, String> printed = Arrays.stream(out().split("\n"))
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1].trim()));
        String base = "http://127.0.0.1:" + port;
        assertThat(printed).containsExactlyInAnyOrderEntriesOf(Map.of("base-url", base, "accounts-url", base,
                "api-domain", base, "upload-url", base + "/crm/v8/upload"));
        assertThat(served.get().settings().concurrencyCap()).isEqualTo(3);
        assertThat(served.get().settings().jobStep()).isEqualTo(Duration.ofSeconds(1));

        SandboxHttp.Reply token = new SandboxHttp(printed.get("accounts-url")).refresh("1000.standalone");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().path("api_domain").asText()).isEqualTo(printed.get("api-domain"));
        assertThat(token.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().path("expires_in").asInt()).isEqualTo(3600);
        String accessToken = token.json().path("access_token").asText();
        assertThat(accessToken).isNotBlank();

        String known = served.get().putRecord("Leads", Map.of("Last_Name", "Smith"));
        SandboxHttp.Reply update = new SandboxHttp(printed.get("api-domain")).post("/crm/v8/Leads/actions/mass_update",
                "{\"data\":[{\"Lead_Status\":\"Contacted\"}],\"ids\":[\"" + known + "\",\"4150868000999999999\"]}",
                accessToken);
        assertThat(update.status()).as(update.text()).isEqualTo(200);
        JsonNode data = update.json().path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("code").asText()).isEqualTo("SUCCESS");
        assertThat(data.get(0).path("details").path("id").asText()).isEqualTo(known);
        assertThat(data.get(1).path("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(data.get(1).path("details").path("id").asText()).isEqualTo("4150868000999999999");
        assertThat(served.get().records("Leads")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("Lead_Status", "Contacted"));
        assertThat(err()).isEmpty();
    }

    @Test
    void defaultsAreTheValuesApplicationPropertiesGivesTheSandboxKeys() throws IOException {
        Properties config = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(r);
        }
        assertThat(SandboxCommandLine.parse().settings())
                .isEqualTo(SandboxSettings.fromProperties(config::getProperty));

        assertThat(run("--help")).isZero();
        assertThat(served.get()).isNull();
        String usage = out();
        config.stringPropertyNames().stream().filter(k -> k.startsWith("zoho.sandbox.")).forEach(key -> {
            String option = "--" + key.substring("zoho.sandbox.".length()) + " ";
            assertThat(usage.lines().filter(l -> l.trim().startsWith(option)))
                    .as(key).singleElement().asString().endsWith("(default " + config.getProperty(key).trim() + ")");
        });
    }

    @Test
    void aPlainNumberIsMillisecondsWhateverItsLength() {
        SandboxSettings settings = SandboxCommandLine.parse("--latency", "5", "--job-step=1500").settings();
        assertThat(settings.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(settings.jobStep()).isEqualTo(Duration.ofMillis(1500));
        assertThat(SandboxSettings.fromProperties(k -> k.equals("zoho.sandbox.token-lifetime") ? "7" : null)
                .tokenLifetime()).isEqualTo(Duration.ofMillis(7));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--latency fast | --latency 'fast' is not a duration",
            "--latency -5s | --latency '-5s' must not be negative",
            "--rate-429 1.5 | --rate-429 '1.5' must be within 0.0..1.0",
            "--concurrency-cap 0 | --concurrency-cap '0' must be 1 or more",
            "--port 70000 | --port '70000' must be 0..65535",
            "--port | --port needs a value",
            "--colour blue | unknown option '--colour'",
            "9090 | unexpected argument '9090'"})
    void aBadArgumentExitsWith2AndSaysWhichAndWhy(String args, String message) {
        assertThat(run(args.trim().split(" "))).isEqualTo(2);
        assertThat(err()).contains("zoho sandbox: " + message.trim()).contains("--help");
        assertThat(out()).isEmpty();
        assertThat(served.get()).isNull();
    }

    @Test
    void aTakenPortExitsWith1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("--port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
        }
        assertThat(err()).contains("cannot listen on 127.0.0.1:");
        assertThat(served.get()).isNull();
    }
}
