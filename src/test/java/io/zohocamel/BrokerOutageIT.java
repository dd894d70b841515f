package io.zohocamel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.ExternalArtemis;
import io.zohocamel.support.PackagedService;
import io.zohocamel.support.RuntimeTestSupport;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * External broker mode: the broker stops while mass updates are being processed and comes back after
 * a while. The runtime reports the broker DOWN meanwhile, reconnects by itself, and every request
 * gets exactly one outcome: none lost, none twice, none dead-lettered for the outage.
 */
class BrokerOutageIT {

    private static final int REQUESTS = 40;
    private static final String BROKER_PASSWORD = "broker-pw";

    @Test
    void theRuntimeReconnectsAfterABrokerRestartAndEveryRequestGetsOneOutcome() throws Exception {
        int brokerPort = RuntimeTestSupport.freePort();
        Path journal = Files.createTempDirectory(Files.createDirectories(PackagedService.IT_WORK), "external-broker-");
        EmbeddedActiveMQ broker = ExternalArtemis.start(brokerPort, journal);
        // request id -> the JMS message ids of its outcomes: this test's own consumer may be handed a result again
        // after the outage (its acknowledgement was lost), which is the same message, not a second outcome
        Map<String, Set<String>> outcomes = new ConcurrentHashMap<>();
        AtomicInteger deadLetters = new AtomicInteger();
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(300))).start();
             PackagedService service = new PackagedService(environment(zoho, brokerPort))) {
            service.awaitUp(Duration.ofSeconds(90));
            try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort
                    + "?reconnectAttempts=-1&retryInterval=500", "zoho", BROKER_PASSWORD);
                 JMSContext jms = cf.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                listen(jms, "zoho.mass-update.results", outcomes, null);
                listen(jms, "zoho.mass-update.dlq", null, deadLetters);
                JMSProducer producer = jms.createProducer();
                for (int i = 0; i < REQUESTS; i++) {
                    producer.send(jms.createQueue("zoho.mass-update"), "{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],"
                            + "\"ids\":[\"" + (4_150_868_000_000_100L + i) + "\"],\"request_id\":\"outage-" + i + "\"}");
                }
                service.await("the first outcomes", Duration.ofSeconds(60), () -> outcomes.size() >= 5);

                broker.stop(); // with requests waiting in the queue and others in the middle of their Zoho call
                service.await("health naming the broker", Duration.ofSeconds(30), () -> health(service).contains("broker unreachable"));
                Thread.sleep(5_000);
                assertThat(service.isAlive()).isTrue();
                int beforeRestart = outcomes.size();
                assertThat(beforeRestart).as("requests left waiting through the outage").isLessThan(REQUESTS);
                broker = ExternalArtemis.start(brokerPort, journal);

                service.await("every request's outcome", Duration.ofSeconds(120), () -> outcomes.size() == REQUESTS);
                Thread.sleep(2_000); // a second outcome for any request would arrive meanwhile
                service.await("health UP again", Duration.ofSeconds(60), () -> health(service).contains("\"UP\""));
            }
            assertThat(outcomes).hasSize(REQUESTS).allSatisfy((id, messages) -> assertThat(messages).as(id).hasSize(1));
            assertThat(deadLetters.get()).isZero();
            // a request whose Zoho call was answered but whose outcome could not be committed in the outage is
            // redelivered and answered from the job store: Zoho is not called twice for it
            assertThat(service.output()).doesNotContain("DEAD_LETTERED");
        } finally {
            broker.stop();
        }
    }

    private static void listen(JMSContext jms, String queue, Map<String, Set<String>> outcomes, AtomicInteger count) {
        JMSContext session = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(message -> {
            try {
                if (outcomes != null) {
                    outcomes.computeIfAbsent(message.getStringProperty("MassUpdateRequestId"), k -> ConcurrentHashMap.newKeySet())
                            .add(message.getJMSMessageID());
                } else {
                    count.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String health(PackagedService service) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.managementPort + "/observe/health?exposureLevel=full")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (Exception e) {
            return "";
        }
    }

    private static Map<String, String> environment(ZohoSandbox zoho, int brokerPort) {
        Map<String, String> env = new HashMap<>(RealModeSettings.of(zoho));
        env.put("BROKER_EMBEDDED", "false");
        env.put("BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        env.put("BROKER_PASSWORD", BROKER_PASSWORD);
        return env;
    }
}
