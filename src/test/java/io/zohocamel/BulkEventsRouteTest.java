package io.zohocamel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.support.RuntimeTestSupport;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dropped file's end is one JSON message on zoho.bulk-write.events, read here as a producer system would:
 * over TCP as broker.user, from the embedded broker.
 */
class BulkEventsRouteTest extends RuntimeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    JobStore jobStore;

    private ActiveMQConnectionFactory factory;
    private JMSContext jms;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @Override
    protected Map<String, String> settings() {
        return QUICK_BULK;
    }

    /** Once the runtime (and its broker) is up: the first test's. */
    @BeforeEach
    void listen() throws IOException {
        if (jms != null) {
            return;
        }
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "zoho", brokerPassword());
        jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        jms.createConsumer(jms.createQueue("zoho.bulk-write.events")).setMessageListener(message -> {
            try {
                events.add(JSON.readTree(((TextMessage) message).getText()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    void stopListening() {
        if (jms != null) {
            jms.close();
            factory.close();
        }
    }

    @Test
    void aGoodFileEndsInOneCompletedEventWithItsTotals() throws Exception {
        drop("Leads/insert/good.csv", "Last_Name,Email\nSmith,smith@example.com\nJones,jones@example.com\n,nobody@example.com\n");

        await("the file's event", Duration.ofSeconds(30), () -> eventsFor("good.csv").size() == 1);
        JsonNode event = eventsFor("good.csv").get(0);
        assertThat(event.path("event").asText()).isEqualTo("file_ended");
        assertThat(event.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(event.path("module").asText()).isEqualTo("Leads");
        assertThat(event.path("operation").asText()).isEqualTo("insert");
        assertThat(event.path("rows").asLong()).isEqualTo(3);
        assertThat(event.path("added").asLong()).isEqualTo(2);
        assertThat(event.path("updated").asLong()).isZero();
        assertThat(event.path("failed").asLong()).isEqualTo(1);
        assertThat(event.path("jobs").asInt()).isEqualTo(1);
        assertThat(event.path("jobs_failed").asInt()).isZero();
        assertThat(event.path("result_csv").asText()).isEqualTo("reports/Leads/insert/good.result.csv");
        assertThat(event.path("failed_csv").asText()).isEqualTo("reports/Leads/insert/good.failed.csv");
        assertThat(dataDir.resolve(event.path("result_csv").asText())).exists();
        assertThat(dataDir.resolve(event.path("failed_csv").asText())).exists();
        assertThat(event.path("at").asText()).isNotBlank();
        assertThat(file("good.csv").status()).isEqualTo(BulkFile.COMPLETED);

        Thread.sleep(1_500); // several bulk-results rounds: the end is not published again
        assertThat(eventsFor("good.csv")).hasSize(1);
    }

    @Test
    void aBrokenCsvEndsInOneErrorEventWithTheCodeOfItsErrorFile() throws Exception {
        drop("Leads/insert/broken.csv", "Last_Name,Email\n\"Smith,a@example.com\nJones,b@example.com\n");

        await("the file's event", Duration.ofSeconds(30), () -> eventsFor("broken.csv").size() == 1);
        JsonNode event = eventsFor("broken.csv").get(0);
        assertThat(event.path("status").asText()).isEqualTo("ERROR");
        assertThat(event.path("code").asText()).isEqualTo("INVALID_CSV");
        assertThat(event.path("module").asText()).isEqualTo("Leads");
        assertThat(event.path("operation").asText()).isEqualTo("insert");
        Path errorJson = dataDir.resolve("error/Leads/insert/broken.error.json");
        await("broken.error.json", Duration.ofSeconds(10), () -> Files.exists(errorJson));
        JsonNode error = JSON.readTree(errorJson.toFile());
        assertThat(event.path("code").asText()).isEqualTo(error.path("code").asText());
        assertThat(event.path("message").asText()).isEqualTo(error.path("message").asText());

        Thread.sleep(1_000);
        assertThat(eventsFor("broken.csv")).hasSize(1);
    }

    /**
     * A crash after the end was published and before the file was marked COMPLETED: the next run merges the file
     * again and publishes its end again, which the broker drops (same duplicate id). One event all the same.
     */
    @Test
    void anEndPublishedAgainAfterACrashReachesConsumersOnce() throws Exception {
        drop("Leads/insert/again.csv", "Last_Name,Email\nSmith,again@example.com\n");
        await("the file's event", Duration.ofSeconds(30), () -> eventsFor("again.csv").size() == 1);
        BulkFile done = file("again.csv");
        await("the file COMPLETED", Duration.ofSeconds(10), () -> BulkFile.COMPLETED.equals(file("again.csv").status()));

        // as a crash between the send and the state change leaves it
        jobStore.updateBulkFile(done.id(), BulkFile.SUBMITTED, null, null, null, null);
        await("merged again", Duration.ofSeconds(30), () -> BulkFile.COMPLETED.equals(file("again.csv").status()));

        Thread.sleep(1_000);
        assertThat(eventsFor("again.csv")).hasSize(1);
    }

    private List<JsonNode> eventsFor(String fileName) {
        return events.stream().filter(e -> e.path("file").asText().equals(fileName)).toList();
    }

    private BulkFile file(String name) {
        return jobStore.recentBulkFiles(100).stream().filter(f -> f.fileName().equals(name)).findFirst().orElseThrow();
    }
}
