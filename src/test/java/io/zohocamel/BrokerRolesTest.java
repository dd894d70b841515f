package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.zohocamel.ops.EmbeddedBroker;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.StompClient;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what on the embedded broker, tried as an attacker with the producers' login would, over the
 * broker port with real clients (CORE JMS and STOMP): management messages (destroy a queue, purge it) are
 * refused and the queues and their messages survive; the producer cannot take requests, publish results or
 * dead letters, or make queues; it still sends requests and reads its results; the admin may manage. Neither
 * Artemis' cluster user with its default password nor the runtime's own user gets in from the network.
 */
class BrokerRolesTest extends RuntimeTestSupport {

    private static final String REQUESTS = "zoho.mass-update";
    private static final String RESULTS = "zoho.mass-update.results";
    private static final String DLQ = "zoho.mass-update.dlq";
    private static final String MANAGEMENT = "activemq.management";

    @BeanInject
    CamelContext context;

    @BeanInject
    ZohoSandbox sandbox;

    @Test
    void aProducerCannotManageTheBrokerAndTheQueuesAndTheirMessagesSurvive() throws Exception {
        String done = request("roles-done");
        String waiting = request("roles-waiting");
        long requests;
        long results;
        try (Connection producer = connect("zoho", brokerPassword())) {
            Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(REQUESTS)).send(session.createTextMessage(done));
            await("the result of roles-done waiting on the results queue", Duration.ofSeconds(20),
                    () -> messageCount(RESULTS) >= 1);
            // the intake stops, so the next request waits on the request queue
            context.getRouteController().stopRoute("mass-update-intake");
            context.getRouteController().stopRoute("mass-update-intake-large");
            session.createProducer(session.createQueue(REQUESTS)).send(session.createTextMessage(waiting));
            requests = messageCount(REQUESTS);
            results = messageCount(RESULTS);
            assertThat(requests).isEqualTo(1);

            MessageProducer management = session.createProducer(session.createQueue(MANAGEMENT));
            for (String[] operation : new String[][] {
                    {ResourceNames.BROKER, "destroyQueue", RESULTS},
                    {ResourceNames.BROKER, "destroyQueue", REQUESTS},
                    {ResourceNames.QUEUE + REQUESTS, "removeAllMessages", null},
                    {ResourceNames.QUEUE + RESULTS, "removeAllMessages", null}}) {
                Message invocation = session.createMessage();
                if (operation[2] == null) {
                    JMSManagementHelper.putOperationInvocation(invocation, operation[0], operation[1]);
                } else {
                    JMSManagementHelper.putOperationInvocation(invocation, operation[0], operation[1], operation[2]);
                }
                assertThatThrownBy(() -> management.send(invocation)).as(operation[1] + " on " + operation[0])
                        .isInstanceOf(JMSSecurityException.class);
            }
        }
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            assertThat(stomp.trySend(MANAGEMENT, Map.of("_AMQ_ResourceName", ResourceNames.BROKER,
                    "_AMQ_OperationName", "destroyQueue"), "[\"" + RESULTS + "\"]")).startsWith("ERROR");
        }

        // the admin may manage, and finds both queues with their messages
        assertThat(messageCount(REQUESTS)).isEqualTo(requests);
        assertThat(messageCount(RESULTS)).isEqualTo(results);
        context.getRouteController().startRoute("mass-update-intake");
        context.getRouteController().startRoute("mass-update-intake-large");
        try (Connection producer = connect("zoho", brokerPassword())) {
            producer.start();
            Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String requestId : List.of("roles-done", "roles-waiting")) {
                MessageConsumer consumer = session.createConsumer(session.createQueue(RESULTS),
                        "MassUpdateRequestId='" + requestId + "'");
                TextMessage result = (TextMessage) consumer.receive(20_000);
                assertThat(result).as("the result of " + requestId).isNotNull();
                assertThat(result.getText()).contains("\"status\":\"COMPLETED\"");
                consumer.close();
            }
        }
    }

    @Test
    void aProducerCannotTakeRequestsPublishOutcomesOrMakeQueuesOverCore() throws Exception {
        try (Connection producer = connect("zoho", brokerPassword())) {
            producer.start();
            Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue requests = session.createQueue(REQUESTS);
            assertThatThrownBy(() -> session.createConsumer(requests)).as("consume requests").isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> {
                try (QueueBrowser browser = session.createBrowser(requests)) {
                    browser.getEnumeration().hasMoreElements();
                }
            }).as("browse requests").isInstanceOf(JMSSecurityException.class);
            for (String outcomes : List.of(RESULTS, DLQ)) {
                MessageProducer spoof = session.createProducer(session.createQueue(outcomes));
                assertThatThrownBy(() -> spoof.send(session.createTextMessage("{\"status\":\"COMPLETED\"}")))
                        .as("send to " + outcomes).isInstanceOf(JMSSecurityException.class);
            }
            assertThatThrownBy(() -> session.createProducer(session.createQueue("zoho.somewhere-else"))
                    .send(session.createTextMessage("{}"))).as("make a queue by sending to it").isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(session::createTemporaryQueue).as("make a temporary queue").isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aProducerCannotTakeRequestsOrPublishOutcomesOverStompButSendsAndReadsItsOwn() throws Exception {
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            assertThat(stomp.subscribe(REQUESTS, null)).as("consume requests").startsWith("ERROR");
        }
        for (String outcomes : List.of(RESULTS, DLQ)) {
            try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
                assertThat(stomp.trySend(outcomes, Map.of("MassUpdateRequestId", "spoofed"), "{\"status\":\"COMPLETED\"}"))
                        .as("send to " + outcomes).startsWith("ERROR");
            }
        }
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            assertThat(stomp.subscribe(RESULTS, "MassUpdateRequestId='roles-stomp'")).startsWith("RECEIPT");
            stomp.send(REQUESTS, request("roles-stomp"));
            String result = stomp.receive();
            assertThat(result).startsWith("MESSAGE").contains("\"request_id\":\"roles-stomp\"").contains("\"status\":\"COMPLETED\"");
        }
    }

    @Test
    void neitherArtemisClusterUserNorTheRuntimesOwnUserGetsInFromTheNetwork() throws Exception {
        // Artemis' cluster user passes every permission check; its default password is in Artemis' documentation.
        // (Artemis 2.55 refuses this login even with its default cluster password; the broker's random one is
        // a second lock, so this half passes without it: the runtime-user half below is what goes red.)
        assertThatThrownBy(() -> connect("ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!").close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> StompClient.connect(brokerPort, "ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!").close())
                .hasMessageContaining("refused");

        EmbeddedBroker broker = context.hasService(EmbeddedBroker.class);
        String runtimePassword = broker.runtimePassword();
        assertThatThrownBy(() -> connect(broker.runtimeUser(), runtimePassword).close()).isInstanceOf(JMSSecurityException.class);
        // it exists in memory only: not in any file of the data folder
        List<Path> files;
        try (Stream<Path> all = Files.walk(dataDir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        List<Path> holding = new ArrayList<>();
        for (Path file : files) {
            if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(runtimePassword)) {
                holding.add(file);
            }
        }
        assertThat(holding).as("files holding the runtime's broker password").isEmpty();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Connection connect(String user, String password) throws JMSException {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, user, password).createConnection();
    }

    /** A queue's message count, asked by the admin through a management message. */
    private long messageCount(String queue) {
        try (QueueConnection admin = (QueueConnection) connect("admin", brokerAdminPassword())) {
            admin.start();
            QueueSession session = admin.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor requestor = new QueueRequestor(session, session.createQueue(MANAGEMENT));
            Message ask = session.createMessage();
            JMSManagementHelper.putAttribute(ask, ResourceNames.QUEUE + queue, "messageCount");
            Message answer = requestor.request(ask);
            assertThat(JMSManagementHelper.hasOperationSucceeded(answer)).as("the admin's management request").isTrue();
            return ((Number) JMSManagementHelper.getResult(answer, Long.class)).longValue();
        } catch (Exception e) {
            throw new AssertionError("the admin could not ask for the message count of " + queue, e);
        }
    }

    private String request(String requestId) {
        String id = sandbox.putRecord("Leads", Map.of("Last_Name", "Roles " + requestId, "Rating", "Cold"));
        return "{\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],\"ids\":[\"" + id + "\"],\"request_id\":\"" + requestId + "\"}";
    }
}
