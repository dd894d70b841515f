package io.zohocamel.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as a user runs it: {@code java -jar zoho-crm-camel.jar} in a fresh working
 * folder, settings only from environment variables, its output in {@code service.log}.
 */
public final class PackagedService implements AutoCloseable {

    public final Path workDir;
    public final int httpPort;
    public final int managementPort;
    public final int brokerPort;
    public final int hawtioPort = RuntimeTestSupport.freePort();
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Process process;
    /** The JVM options of the README's quick start (and of the benchmarks' figures). */
    public static final List<String> QUICK_START_JVM = List.of("-Xms224m", "-Xmx224m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC");

    /** Where every packaged service of the ITs keeps its folder. */
    public static final Path IT_WORK = Path.of("target", "it-work").toAbsolutePath();

    private final long startedAt = System.nanoTime();

    public PackagedService(Map<String, String> environment) throws IOException {
        this(environment, List.of());
    }

    public PackagedService(Map<String, String> environment, List<String> jvmOptions) throws IOException {
        // under target/, so that the last IT can search every service's log and files for secrets
        this(Files.createTempDirectory(Files.createDirectories(IT_WORK), "service-"), RuntimeTestSupport.freePort(), RuntimeTestSupport.freePort(),
                RuntimeTestSupport.freePort(), environment, jvmOptions);
    }

    private PackagedService(Path workDir, int httpPort, int managementPort, int brokerPort, Map<String, String> environment,
                            List<String> jvmOptions) throws IOException {
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.brokerPort = brokerPort;
        this.environment = environment;
        this.jvmOptions = jvmOptions;
        Path jar = Path.of(System.getProperty("packaged.jar", "target/zoho-crm-camel.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        // the tests and benches of bulk-write jobs drop files of a few rows: bulk jobs unless the environment says
        builder.environment().putIfAbsent("BULK_RECORDS_API_MAX_ROWS", "0");
        builder.environment().put("HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().putIfAbsent("BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        builder.environment().putIfAbsent("HAWTIO_PORT", String.valueOf(hawtioPort));
        process = builder.start();
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The same installation started again: same folder, ports and settings; the log goes on. */
    public PackagedService restart() throws IOException {
        Files.move(log(), workDir.resolve("service-" + System.nanoTime() + ".log"));
        return new PackagedService(workDir, httpPort, managementPort, brokerPort, environment, jvmOptions);
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the service's JVM has used so far (user + system, all threads), in milliseconds. */
    public long cpuMillis() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /** Peak resident memory of the service so far (Linux VmHWM), in MiB. */
    public long peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    public Path log() {
        return workDir.resolve("service.log");
    }

    public String output() throws IOException {
        return Files.readString(log());
    }

    /** Waits for /observe/health to answer UP; returns the seconds it took. */
    public double awaitUp(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await("health UP", timeout, () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/observe/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"UP\"");
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        return (System.nanoTime() - startedAt) / 1e9;
    }

    /** Waits for a condition while the service keeps running; a dead service fails at once, with its log. */
    public void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service stopped while waiting for " + what + "; log:\n" + output());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; log:\n" + output());
    }

    /** How the stopped process ended: 143 after a SIGTERM it handled, 137 when it had to be killed. */
    public int exitCode() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the service as an operator would (SIGTERM), forcibly if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }
}
