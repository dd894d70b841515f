package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.ExternalArtemis;
import io.zohocamel.support.PackagedService;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.TestPostgres;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the packaged jar as separate processes over one PostgreSQL job store, one
 * external Artemis (in this JVM), one shared data folder (drop folder, cluster locks, secrets) and
 * one Zoho stand-in reached over HTTP. One instance is killed (SIGKILL) in the middle of the work;
 * the other finishes it. Nothing is done twice, nothing is lost, and together they mint one token.
 */
class MultiInstanceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int FILES = 6;
    private static final int ROWS_PER_FILE = 400;
    private static final int SOLO_REQUESTS = 100;
    private static final int PAIR_REQUESTS = 200;
    private static final int BAD_EVERY = 30; // every 30th request names an unknown module: dead-lettered
    private static final Pattern COMPLETED_LOG = Pattern.compile("BULK_WRITE job (\\S+) \\(\\w+\\) COMPLETED");

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger results = new AtomicInteger();
    private final AtomicInteger deadLetters = new AtomicInteger();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void twoInstancesShareTheWorkAndTheSurvivorFinishesTheKilledOnesWork() throws Exception {
        ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withJobStep(Duration.ofMillis(500)).withLatency(Duration.ofMillis(20))).start();
        cleanup.add(zoho::stop);
        List<String> leadIds = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            leadIds.add(zoho.putRecord("Leads", Map.of("Last_Name", "Seed " + i)));
        }
        TestPostgres pg = TestPostgres.create("multi_it");
        cleanup.add(pg);
        int brokerPort = RuntimeTestSupport.freePort();
        EmbeddedActiveMQ artemis = ExternalArtemis.start(brokerPort, null);
        cleanup.add(artemis::stop);
        Path shared = Files.createTempDirectory(Files.createDirectories(PackagedService.IT_WORK), "shared-");
        cleanup.add(() -> RuntimeTestSupport.deleteTree(shared));

        Map<String, String> env = environment(zoho, pg, brokerPort, shared);
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "zoho", "broker-pw");
        cleanup.add(cf);
        JMSContext jms = cf.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        cleanup.add(jms);
        listen(cf, "zoho.mass-update.results", results);
        listen(cf, "zoho.mass-update.dlq", deadLetters);

        // ---- one instance
        PackagedService first = service(env);
        double up = first.awaitUp(Duration.ofSeconds(60));
        System.out.printf("instance 1 UP after %.1f s%n", up);
        long t0 = System.nanoTime();
        send(jms, leadIds, 0, SOLO_REQUESTS);
        first.await("solo outcomes", TIMEOUT, () -> outcomeCount() >= SOLO_REQUESTS);
        double solo = SOLO_REQUESTS / ((System.nanoTime() - t0) / 1e9);

        // ---- a second instance joins; then files and more requests; the first dies midway
        PackagedService second = service(env);
        second.awaitUp(Duration.ofSeconds(60));
        Path inbox = shared.resolve("inbox/Leads/insert");
        Files.createDirectories(inbox);
        for (int f = 0; f < FILES; f++) {
            Path staged = shared.resolve("file-" + f + ".csv");
            Files.writeString(staged, csv(f));
            Files.move(staged, inbox.resolve("file-" + f + ".csv"));
        }
        long t1 = System.nanoTime();
        send(jms, leadIds, SOLO_REQUESTS, SOLO_REQUESTS + PAIR_REQUESTS);
        // the first instance leads the drop folder (it started first): it dies with files left to do
        first.await("two files submitted", TIMEOUT, () -> countFiles(shared.resolve("done")) >= 2);
        double pair = (outcomeCount() - SOLO_REQUESTS) / ((System.nanoTime() - t1) / 1e9);
        long doneBeforeKill = countFiles(shared.resolve("done"));
        first.kill();
        System.out.printf("killed instance 1 after %d outcomes, %d of %d files in done/%n", outcomeCount(), doneBeforeKill, FILES);

        int total = SOLO_REQUESTS + PAIR_REQUESTS;
        try {
            second.await("every request's outcome", TIMEOUT, () -> outcomeCount() >= total);
        } catch (AssertionError e) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                if (!outcomes.containsKey("req-" + i)) {
                    missing.add("req-" + i);
                }
            }
            throw new AssertionError(outcomeCount() + " outcomes of " + total + "; none for " + missing, e);
        }
        Path reports = shared.resolve("reports/Leads/insert");
        second.await("every file's result.csv", TIMEOUT, () -> {
            for (int f = 0; f < FILES; f++) {
                if (!Files.exists(reports.resolve("file-" + f + ".result.csv"))) {
                    return false;
                }
            }
            return true;
        });
        Thread.sleep(2000); // late duplicates would show up now
        double elapsed = (System.nanoTime() - t1) / 1e9;
        System.out.printf("mass-update throughput: 1 instance %.1f req/s, 2 instances %.1f req/s%n", solo, pair);
        System.out.printf("phase 2 (%d files x %d rows + %d requests, one instance killed) took %.1f s%n",
                FILES, ROWS_PER_FILE, PAIR_REQUESTS, elapsed);
        System.out.printf("tokens minted: %d%n", zoho.tokensMinted());

        // every request: exactly one outcome, on the results queue or (unknown module) on the DLQ
        int bad = 0;
        for (int i = 0; i < total; i++) {
            if (i % BAD_EVERY == BAD_EVERY - 1) {
                bad++;
            }
            AtomicInteger n = outcomes.get("req-" + i);
            assertThat(n).as("outcome of req-%d", i).isNotNull();
            assertThat(n.get()).as("outcomes of req-%d", i).isEqualTo(1);
        }
        assertThat(outcomes).hasSize(total);
        assertThat(deadLetters.get()).isEqualTo(bad);
        assertThat(results.get()).isEqualTo(total - bad);

        // every row reached Zoho: at least once each, twice at most for the one chunk in flight at the kill
        Map<String, Long> byEmail = zoho.records("Leads").stream().filter(r -> r.get("Email") != null)
                .collect(Collectors.groupingBy(r -> r.get("Email"), Collectors.counting()));
        assertThat(byEmail).hasSize(FILES * ROWS_PER_FILE);
        long duplicated = byEmail.values().stream().filter(c -> c > 1).count();
        assertThat(duplicated).as("rows in Zoho twice").isLessThanOrEqualTo(ROWS_PER_FILE);
        assertThat(byEmail.values()).allMatch(c -> c <= 2);

        // every file: one record, one job per chunk, every job COMPLETED, the results written
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            assertThat(scalar(s, "select count(*) from bulk_file")).isEqualTo(FILES);
            assertThat(scalar(s, "select count(*) from bulk_file where status = 'COMPLETED'")).isEqualTo(FILES);
            assertThat(scalar(s, "select count(*) from zoho_job where kind = 'BULK_WRITE'")).isEqualTo(FILES);
            assertThat(scalar(s, "select count(*) from zoho_job where status <> 'COMPLETED'")).isZero();
            assertThat(scalar(s, "select count(distinct credential) from zoho_token")).isEqualTo(1);
        }
        for (int f = 0; f < FILES; f++) {
            assertThat(Files.readAllLines(reports.resolve("file-" + f + ".result.csv"))).hasSize(ROWS_PER_FILE + 1);
        }
        // every job was seen COMPLETED by one instance only (polling claims are exclusive)
        Map<String, Integer> completions = new HashMap<>();
        for (PackagedService s : List.of(first, second)) {
            Matcher m = COMPLETED_LOG.matcher(s.output());
            while (m.find()) {
                completions.merge(m.group(1), 1, Integer::sum);
            }
        }
        assertThat(completions.values()).allMatch(n -> n == 1);
        // the survivor took over the drop folder and finished what the first left
        assertThat(second.output()).contains("Leadership taken");
        if (doneBeforeKill < FILES) {
            assertThat(second.output()).containsPattern("file-\\d\\.csv");
        }
        // together within Zoho's budget: the token is shared through the database
        assertThat(zoho.tokensMinted()).isBetween(1, 10);
        assertThat(zoho.tokensMinted()).as("one token shared by both instances").isEqualTo(1);
    }

    private PackagedService service(Map<String, String> env) throws Exception {
        PackagedService s = new PackagedService(env);
        cleanup.add(s);
        return s;
    }

    private static Map<String, String> environment(ZohoSandbox zoho, TestPostgres pg, int brokerPort, Path shared) {
        Map<String, String> env = new HashMap<>();
        env.put("ZOHO_SANDBOX", "false");
        env.put("ZOHO_CLIENT_ID", "1000.client-id");
        env.put("ZOHO_CLIENT_SECRET", RealModeSettings.CLIENT_SECRET);
        env.put("ZOHO_REFRESH_TOKEN", RealModeSettings.REFRESH_TOKEN);
        env.put("ZOHO_ORG_ID", "700100200");
        env.put("ZOHO_ACCOUNTS_URL", zoho.accountsUrl());
        env.put("ZOHO_API_DOMAIN", zoho.apiDomain());
        env.put("ZOHO_UPLOAD_URL", zoho.uploadUrl("v8"));
        // Zoho's concurrency limit is per org: shared between the instances
        env.put("ZOHO_MAX_CONCURRENT_CALLS", "5");
        env.put("JOBSTORE_URL", pg.url);
        env.put("JOBSTORE_USER", TestPostgres.USER);
        env.put("JOBSTORE_PASSWORD", TestPostgres.PASSWORD);
        env.put("BROKER_EMBEDDED", "false");
        env.put("BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        env.put("BROKER_USER", "zoho");
        env.put("BROKER_PASSWORD", "broker-pw");
        env.put("DATA_DIR", shared.toString());
        env.put("POLL_PERIOD", "500ms");
        env.put("POLL_LEASE", "5s");
        env.put("BULK_SCAN_INTERVAL", "250");
        env.put("BULK_READ_LOCK_INTERVAL", "250");
        env.put("BULK_READ_LOCK_MIN_AGE", "500");
        env.put("CLUSTER_ACQUIRE_LOCK_INTERVAL", "1s");
        env.put("JAVA_TOOL_OPTIONS", "-Xmx384m");
        return env;
    }

    private void listen(ActiveMQConnectionFactory cf, String queue, AtomicInteger counter) {
        JMSContext context = cf.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        cleanup.add(context);
        JMSConsumer consumer = context.createConsumer(context.createQueue(queue));
        consumer.setMessageListener(message -> {
            try {
                String id = message.getStringProperty("MassUpdateRequestId");
                outcomes.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
                counter.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private int outcomeCount() {
        return results.get() + deadLetters.get();
    }

    private static void send(JMSContext jms, List<String> ids, int from, int to) {
        Queue queue = jms.createQueue("zoho.mass-update");
        JMSProducer producer = jms.createProducer();
        for (int i = from; i < to; i++) {
            String module = i % BAD_EVERY == BAD_EVERY - 1 ? "NoSuchModule" : "Leads";
            List<String> batch = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                batch.add(ids.get((i * 5 + k) % ids.size()));
            }
            producer.send(queue, "{\"module\":\"" + module + "\",\"data\":[{\"Lead_Source\":\"req " + i + "\"}],"
                    + "\"ids\":[\"" + String.join("\",\"", batch) + "\"],\"request_id\":\"req-" + i + "\"}");
        }
    }

    private static String csv(int file) {
        StringBuilder csv = new StringBuilder("Last_Name,Email\n");
        for (int r = 0; r < ROWS_PER_FILE; r++) {
            csv.append("Lead ").append(file).append('-').append(r).append(",lead").append(file).append('-').append(r)
                    .append("@example.com\n");
        }
        return csv.toString();
    }

    private static long countFiles(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(".csv")).count();
        }
    }

    private static int scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
