package io.zohocamel;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zohocamel.bulk.BulkIntake;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * zoho.daily-credit-budget holds back a file whose bulk-write jobs would not fit: it waits in the inbox as
 * WAITING_FOR_CREDITS (store, /jobs, report, one event on zoho.bulk-write.events), and nothing of it reaches
 * Zoho. One that fits goes through.
 */
class BulkCreditBudgetTest extends RuntimeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(QUICK_BULK);
        settings.put("zoho.daily-credit-budget", "1000");
        return settings;
    }

    @Test
    void aFileWhoseJobsDoNotFitTheBudgetWaitsAndSendsNothingWhileOneThatFitsGoesThrough() throws Exception {
        StringBuilder big = new StringBuilder("Last_Name,Email\n");
        for (int i = 1; i <= 60_000; i++) { // 3 chunks: 3 jobs of 500 credits, over the budget of 1,000
            big.append("Big").append(i).append(",big").append(i).append("@example.com\n");
        }
        ListAppender<ILoggingEvent> log = BulkInputTestSupport.capture(BulkIntake.class.getName());
        drop("Leads/insert/big.csv", big);

        await("big.csv waiting for credits", Duration.ofSeconds(60), () -> jobStore.recentBulkFiles(10).stream()
                .anyMatch(f -> f.fileName().equals("big.csv") && BulkFile.WAITING_FOR_CREDITS.equals(f.status())));
        BulkFile waiting = jobStore.recentBulkFiles(10).stream().filter(f -> f.fileName().equals("big.csv")).findFirst().orElseThrow();
        assertThat(waiting.message()).contains("WAITING_FOR_CREDITS", "1,506", "1,000");
        // an operating condition the log says once a minute, a warning: no error of the runtime's
        await("the waiting file in the log", Duration.ofSeconds(10), () -> BulkInputTestSupport.events(log).stream()
                .anyMatch(e -> e.getFormattedMessage().startsWith("big.csv waits in the inbox for API credits")));
        BulkInputTestSupport.release(BulkIntake.class.getName(), log);
        assertThat(BulkInputTestSupport.events(log)).filteredOn(e -> e.getFormattedMessage().startsWith("big.csv waits"))
                .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        JsonNode report = JSON.readTree(dataDir.resolve("reports/Leads/insert/big.report.json").toFile());
        assertThat(report.path("status").asText()).isEqualTo(BulkFile.WAITING_FOR_CREDITS);

        // a small file (one job, 502 credits) fits and goes through meanwhile
        drop("Leads/insert/small.csv", "Last_Name,Email\nSmall,small@example.com\n");
        await("small.csv in done/", Duration.ofSeconds(60), () -> Files.exists(dataDir.resolve("done/Leads/insert/small.csv")));

        assertThat(dataDir.resolve("inbox/Leads/insert/big.csv")).as("the waiting file stays in the inbox").exists();
        assertThat(sandbox.uploads()).as("nothing of the waiting file was sent")
                .noneMatch(u -> u.fileName().startsWith("big_")).anyMatch(u -> u.fileName().startsWith("small_"));
        assertThat(jobStore.recentBulkFiles(10).stream().filter(f -> f.fileName().equals("big.csv")).findFirst().orElseThrow()
                .status()).isEqualTo(BulkFile.WAITING_FOR_CREDITS);

        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "zoho",
                brokerPassword()); JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer events = jms.createConsumer(jms.createQueue("zoho.bulk-write.events"))) {
            JsonNode waitingEvent = null;
            for (TextMessage m = (TextMessage) events.receive(5_000); m != null; m = (TextMessage) events.receive(1_000)) {
                JsonNode event = JSON.readTree(m.getText());
                if (event.path("file").asText().equals("big.csv")) {
                    assertThat(waitingEvent).as("one event for the waiting file").isNull();
                    waitingEvent = event;
                }
            }
            assertThat(waitingEvent).isNotNull();
            assertThat(waitingEvent.path("event").asText()).isEqualTo("file_waiting");
            assertThat(waitingEvent.path("status").asText()).isEqualTo(BulkFile.WAITING_FOR_CREDITS);
            assertThat(waitingEvent.path("credits").asLong()).isEqualTo(1_506);
            assertThat(waitingEvent.path("rows").asLong()).isEqualTo(60_000);
        }
    }
}
