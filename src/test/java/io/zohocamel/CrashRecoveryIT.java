package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the packaged service twice while a 150,000-row file is being uploaded and mass-update
 * messages are in flight, then a SIGTERM that lets the file in flight finish: after each restart it resumes, every row ends in exactly one job (at most one
 * extra job per kill, whose creation answer was in flight), every message gets exactly one outcome,
 * and nothing is left in a hidden in-progress state.
 */
class CrashRecoveryIT {

    private static final int ROWS = 150_000;
    private static final int REQUESTS = 60;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private ZohoSandbox zoho;

    @AfterEach
    void stopZoho() {
        if (zoho != null) {
            zoho.stop();
        }
    }

    @Test
    void twoKillsDuringUploadLoseNoRowAndNoMessage() throws Exception {
        // 300 ms per call widens the window in which a kill lands mid-upload
        zoho = new ZohoSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(300))
                .withJobStep(Duration.ofMillis(500)).withMaxRecords(2 * ROWS)).start(); // keeps every row's record
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add(zoho.putRecord("Contacts", Map.of("Last_Name", "Seed " + i)));
        }
        Map<String, String> env = new HashMap<>(RealModeSettings.of(zoho));
        env.put("POLL_PERIOD", "500ms");
        PackagedService service = new PackagedService(env);
        try {
            service.awaitUp(WAIT);
            String password = Files.readString(service.workDir.resolve("data/secrets/broker.password")).trim();
            Path staged = service.workDir.resolve("leads.csv");
            StringBuilder csv = new StringBuilder("Last_Name,Email\n");
            for (int i = 1; i <= ROWS; i++) {
                csv.append("Lead ").append(i).append(",lead").append(i).append("@example.com\n");
            }
            Files.writeString(staged, csv);
            Path inbox = service.workDir.resolve("data/inbox/Leads/insert");
            Files.createDirectories(inbox);
            Files.move(staged, inbox.resolve("leads.csv"));
            publish(service.brokerPort, password, ids);

            service.await("second chunk's job", WAIT, () -> zoho.calls("POST", ZohoSandbox.BULK_WRITE) >= 2);
            service.kill();
            int before = zoho.calls("POST", ZohoSandbox.BULK_WRITE);
            zoho.setLatency(Duration.ofMillis(1_000)); // the restarted run uploads slowly: the second kill lands mid-upload
            service = service.restart();
            service.awaitUp(WAIT);
            service.await("two more chunks' jobs", WAIT, () -> zoho.calls("POST", ZohoSandbox.BULK_WRITE) >= before + 2);
            service.kill();
            // then a stop as every deploy makes one (SIGTERM): the file in flight is finished first, its
            // jobs recorded while the job store is still open, and the service exits on its own
            service = service.restart();
            service.awaitUp(WAIT);
            int beforeStop = zoho.calls("POST", ZohoSandbox.BULK_WRITE);
            service.await("one more chunk's job", WAIT, () -> zoho.calls("POST", ZohoSandbox.BULK_WRITE) > beforeStop);
            service.close();
            assertThat(service.exitCode()).as("stopped by SIGTERM within 30 s, not killed").isEqualTo(143);
            assertThat(service.output()).doesNotContain("Database is already closed").doesNotContain("stays in the inbox");
            assertThat(service.workDir.resolve("data/done/Leads/insert/leads.csv")).as("submitted before it stopped").exists();
            zoho.setLatency(Duration.ofMillis(100));
            service = service.restart();
            service.awaitUp(WAIT);

            Path result = service.workDir.resolve("data/reports/Leads/insert/leads.result.csv");
            service.await("leads.result.csv", WAIT, () -> Files.exists(result));
            List<String> lines = Files.readAllLines(result);
            assertThat(lines).hasSize(ROWS + 1);
            // a job whose creation answer was in flight at a kill is created again (Zoho offers no way to
            // find it): its rows come back DUPLICATE_DATA, and they are in Zoho through the first job
            List<String> notAdded = lines.subList(1, lines.size()).stream().filter(l -> !l.contains(",ADDED,")).toList();
            assertThat(notAdded).allSatisfy(l -> assertThat(l).contains(",SKIPPED,").contains("DUPLICATE_DATA-Email"));
            assertThat(notAdded.size()).isLessThanOrEqualTo(2 * 25_000);
            int jobs = zoho.calls("POST", ZohoSandbox.BULK_WRITE);
            assertThat(jobs).as("at most one extra job per kill").isBetween(6, 8);
            // every row reached Zoho exactly once: emails are unique and every one is there
            assertThat(zoho.records("Leads")).hasSize(ROWS)
                    .extracting(r -> r.get("Email")).doesNotHaveDuplicates();
            assertThat(service.workDir.resolve("data/done/Leads/insert/leads.csv")).exists();
            try (var left = Files.list(inbox)) {
                assertThat(left.toList()).as("nothing stranded in the inbox").isEmpty();
            }

            Map<String, Integer> outcomes = drainOutcomes(service.brokerPort, password);
            assertThat(outcomes).hasSize(REQUESTS).allSatisfy((request, count) -> assertThat(count).as(request).isEqualTo(1));
            System.out.printf("crash recovery: %d rows checked, %d messages checked, 2 kills and a stop survived, %d bulk-write jobs "
                    + "for 6 chunks%n", ROWS, REQUESTS, zoho.calls("POST", ZohoSandbox.BULK_WRITE));
        } finally {
            service.close();
        }
    }

    private static void publish(int port, String password, List<String> ids) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, "zoho", password)
                .createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("zoho.mass-update"));
            for (int r = 0; r < REQUESTS; r++) {
                List<String> batch = ids.subList((r * 10) % ids.size(), (r * 10) % ids.size() + 10);
                producer.send(session.createTextMessage("{\"module\":\"Contacts\",\"data\":[{\"Lead_Source\":\"Web\"}],"
                        + "\"ids\":[\"" + String.join("\",\"", batch) + "\"],\"request_id\":\"crash-" + r + "\"}"));
            }
        }
    }

    /** Every outcome on the results queue and the DLQ, counted per request id. */
    private static Map<String, Integer> drainOutcomes(int port, String password) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, "zoho", password)
                .createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : new String[] {"zoho.mass-update.results", "zoho.mass-update.dlq"}) {
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                long quietUntil = System.nanoTime() + Duration.ofSeconds(queue.endsWith("results") ? 30 : 2).toNanos();
                while (counts.size() < REQUESTS || System.nanoTime() < quietUntil) {
                    Message m = consumer.receive(2_000);
                    if (m == null) {
                        if (counts.size() >= REQUESTS || System.nanoTime() > quietUntil) {
                            break;
                        }
                        continue;
                    }
                    counts.merge(m.getStringProperty("MassUpdateRequestId"), 1, Integer::sum);
                }
                consumer.close();
            }
        }
        return counts;
    }
}
