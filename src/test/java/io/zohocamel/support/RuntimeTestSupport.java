package io.zohocamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.zohocamel.RuntimeConfiguration;
import io.zohocamel.common.CloseableService;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * Runs the real runtime for a test class: config/application.properties, every routes/*.camel.yaml,
 * the embedded broker, the H2 job store and the sandbox. Each class gets its own data folder and free
 * ports, as system properties (they override config/application.properties, as they would for an
 * operator), set before the runtime starts.
 */
@CamelMainTest(configurationClasses = RuntimeConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = "camel.main.routes-include-pattern=file:routes/*.camel.yaml",
        shutdownTimeout = 10)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RuntimeTestSupport {

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected Path dataDir;
    protected int httpPort;
    protected int managementPort;
    protected int brokerPort;
    protected int hawtioPort;
    private final Map<String, String> applied = new LinkedHashMap<>();

    /** Quick polling, a fast sandbox and an inbox that takes files at once: for tests that drop files. */
    protected static final Map<String, String> QUICK_BULK = Map.of("poll.period", "300ms", "zoho.sandbox.job-step", "200ms",
            "bulk.scan-interval", "200", "bulk.read-lock-interval", "200", "bulk.read-lock-min-age", "300");

    /** Extra settings for this class (fault injection, short poll periods): override to add. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void prepareRuntime() throws IOException {
        dataDir = Path.of("target", "test-data", getClass().getSimpleName()).toAbsolutePath();
        deleteTree(dataDir);
        httpPort = freePort();
        managementPort = freePort();
        brokerPort = freePort();
        hawtioPort = freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("data.dir", dataDir.toString());
        props.put("http.port", String.valueOf(httpPort));
        props.put("management.port", String.valueOf(managementPort));
        props.put("broker.url", "tcp://127.0.0.1:" + brokerPort);
        props.put("hawtio.port", String.valueOf(hawtioPort));
        // the tests of bulk-write jobs drop files of a few rows: they stay on bulk jobs unless a class says otherwise
        props.put("bulk.records-api-max-rows", "0");
        props.putAll(settings());
        props.forEach((k, v) -> {
            System.setProperty(k, v);
            applied.put(k, v);
        });
    }

    @AfterAll
    void clearSettings() {
        applied.keySet().forEach(System::clearProperty);
    }

    protected String brokerPassword() throws IOException {
        return Files.readString(dataDir.resolve("secrets/broker.password")).trim();
    }

    protected String brokerAdminPassword() throws IOException {
        return Files.readString(dataDir.resolve("secrets/broker.admin-password")).trim();
    }

    /** The name of the component {@link #addProducerComponent} adds. */
    protected static final String PRODUCER = "producer";

    /**
     * Adds a JMS component named {@value #PRODUCER} that reaches the broker as a producer system does: over TCP,
     * as broker.user ({@code producer:queue:zoho.mass-update}). The runtime's own {@code jms} component may not
     * send requests or read outcomes.
     */
    protected void addProducerComponent(CamelContext context) throws Exception {
        if (context.hasComponent(PRODUCER) != null) {
            return;
        }
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "zoho", brokerPassword()));
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(pool);
        context.addComponent(PRODUCER, jms);
        context.addService(new CloseableService(pool::stop), true, false);
    }

    protected HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The Hawtio console starts beside the routes, not before them: waits for its login page as an operator would. */
    protected void awaitConsole() throws InterruptedException {
        await("Hawtio console up", Duration.ofSeconds(30), () -> {
            try {
                return get(hawtioPort, "/hawtio/login").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Waits for what a user would wait for, failing with {@code what} when it does not happen in time. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
    }

    /** Writes {@code content} beside the inbox and moves it in complete, as a careful operator's copy would. */
    protected Path drop(String relative, CharSequence content) throws IOException {
        Path staged = dataDir.resolve("staging").resolve(relative);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, content, java.nio.charset.StandardCharsets.UTF_8);
        Path target = dataDir.resolve("inbox").resolve(relative);
        Files.createDirectories(target.getParent());
        Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * Drops {@code rows} Leads rows ({@code Last_Name,Email}: {@code L<i>,<emailPrefix><i>@example.com}, i from 0):
     * 25,000 rows to a chunk.
     */
    protected Path dropLeads(String relative, int rows, String emailPrefix) throws IOException {
        StringBuilder csv = new StringBuilder(rows * 32).append("Last_Name,Email\n");
        for (int i = 0; i < rows; i++) {
            csv.append('L').append(i).append(',').append(emailPrefix).append(i).append("@example.com\n");
        }
        return drop(relative, csv);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
