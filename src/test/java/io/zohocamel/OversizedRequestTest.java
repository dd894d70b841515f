package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.StompClient;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests by size, through the real runtime and the embedded broker, sent as producers send them (CORE JMS
 * and STOMP): one over 10 MiB is dead-lettered by the broker as it is — the very message, its type and body
 * untouched, with BODY_TOO_LARGE — and never reaches Zoho; one over 256 KiB is taken by the intake's
 * one-at-a-time consumer and completes; a producer cannot make a small request look large or too large.
 * (What this spares the heap is shown by OversizedRequestsIT, on the quick start's 224 MiB.)
 */
class OversizedRequestTest extends RuntimeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    @BeanInject
    CamelContext context;

    @BeanInject
    ZohoSandbox sandbox;

    @Test
    void aRequestOverTheLimitIsDeadLetteredUnreadOverStompAndCore() throws Exception {
        int calls = sandbox.calls("POST", ZohoSandbox.MASS_UPDATE);
        String id = sandbox.putRecord("Leads", Map.of("Last_Name", "Too large", "Rating", "Cold"));
        // STOMP with a content-length: a bytes message of 11 MiB
        String stompBody = padded("too-large-stomp", id, 11 * MIB);
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            assertThat(stomp.trySend("zoho.mass-update", Map.of("test_case", "stomp"), stompBody)).startsWith("RECEIPT");
        }
        // CORE JMS: a text message of 6 M characters, 12 MiB as the broker keeps it (two bytes a character)
        String coreBody = padded("too-large-core", id, 6 * MIB);
        String coreMessageId;
        try (Connection producer = connect()) {
            Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(coreBody);
            message.setStringProperty("test_case", "core");
            session.createProducer(session.createQueue("zoho.mass-update")).send(message);
            coreMessageId = message.getJMSMessageID();
        }

        try (Connection producer = connect()) {
            producer.start();
            Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message stomp = deadLetter(session, "stomp");
            assertThat(stomp).isInstanceOf(BytesMessage.class);
            byte[] body = new byte[(int) ((BytesMessage) stomp).getBodyLength()];
            ((BytesMessage) stomp).readBytes(body);
            assertThat(new String(body, StandardCharsets.UTF_8)).as("the body, untouched").isEqualTo(stompBody);

            Message core = deadLetter(session, "core");
            assertThat(core.getJMSMessageID()).as("the very message sent").isEqualTo(coreMessageId);
            assertThat(core.getStringProperty("MassUpdateRequestId")).as("unread: its message id stands for its request id")
                    .isEqualTo(coreMessageId);
            assertThat(core).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) core).getText()).as("the body, untouched").isEqualTo(coreBody);
            JsonNode envelope = JSON.readTree(core.getStringProperty("MassUpdateRejectEnvelope"));
            assertThat(envelope.path("reason").path("code").asText()).isEqualTo("BODY_TOO_LARGE");
            assertThat(envelope.path("original_encoding").asText()).isEqualTo("message-body");
            assertThat(envelope.path("message_bytes").asLong()).isGreaterThan(12L * MIB);
        }
        assertThat(sandbox.calls("POST", ZohoSandbox.MASS_UPDATE)).as("nothing reached Zoho").isEqualTo(calls);
        assertThat(sandbox.records("Leads")).filteredOn(r -> id.equals(r.get("id")))
                .allSatisfy(r -> assertThat(r).containsEntry("Rating", "Cold"));
    }

    @Test
    void aLargeRequestIsTakenByTheOneAtATimeConsumerAndCompletes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) { // about 300 KB of JSON
            ids.add(sandbox.putRecord("Leads", Map.of("Last_Name", "Large " + i, "Rating", "Cold")));
        }
        long largeBefore = completedBy("mass-update-intake-large");
        String body = "{\"module\":\"Leads\",\"data\":[{\"Rating\":\"Warm\"}],\"ids\":" + JSON.writeValueAsString(ids)
                + ",\"request_id\":\"large-1\"}";
        try (Connection producer = connect()) {
            producer.start();
            Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("zoho.mass-update")).send(session.createTextMessage(body));
            JsonNode result = result(session, "large-1");
            assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(result.path("summary").path("updated").asInt()).isEqualTo(12_000);
        }
        assertThat(completedBy("mass-update-intake-large")).isEqualTo(largeBefore + 1);
    }

    @Test
    void aProducerCannotMakeASmallRequestLookLargeOrTooLarge() throws Exception {
        String id = sandbox.putRecord("Leads", Map.of("Last_Name", "Small", "Rating", "Cold"));
        long largeBefore = completedBy("mass-update-intake-large");
        try (Connection producer = connect()) {
            producer.start();
            Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer send = session.createProducer(session.createQueue("zoho.mass-update"));
            TextMessage message = session.createTextMessage("{\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],\"ids\":[\""
                    + id + "\"],\"request_id\":\"small-1\"}");
            message.setLongProperty("MassUpdateMessageBytes", 99L * MIB); // claims to be over the limit
            send.send(message);
            assertThat(result(session, "small-1").path("status").asText()).isEqualTo("COMPLETED");
        }
        assertThat(completedBy("mass-update-intake-large")).as("taken as the small request it is").isEqualTo(largeBefore);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Connection connect() throws Exception {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "zoho", brokerPassword()).createConnection();
    }

    /** A request made {@code size} characters long by a field value no one would send. */
    private static String padded(String requestId, String id, int size) {
        String head = "{\"module\":\"Leads\",\"request_id\":\"" + requestId + "\",\"data\":[{\"Rating\":\"";
        String tail = "\"}],\"ids\":[\"" + id + "\"]}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    private static Message deadLetter(Session session, String testCase) throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("zoho.mass-update.dlq"), "test_case = '" + testCase + "'");
        Message dead = consumer.receive(Duration.ofSeconds(30).toMillis());
        assertThat(dead).as("the dead letter of " + testCase).isNotNull();
        assertThat(dead.getStringProperty("MassUpdateRejectCode")).isEqualTo("BODY_TOO_LARGE");
        assertThat(dead.getStringProperty("MassUpdateRejectWhere")).isEqualTo("$");
        assertThat(dead.getStringProperty("MassUpdateRejectMessage")).contains("not read");
        return dead;
    }

    private static JsonNode result(Session session, String requestId) throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("zoho.mass-update.results"),
                "MassUpdateRequestId = '" + requestId + "'");
        TextMessage result = (TextMessage) consumer.receive(Duration.ofSeconds(30).toMillis());
        assertThat(result).as("the result of " + requestId).isNotNull();
        consumer.close();
        return JSON.readTree(result.getText());
    }

    /** Requests a route has finished, as Hawtio shows them. */
    private long completedBy(String routeId) throws Exception {
        var route = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute(routeId);
        assertThat(route).as("route " + routeId).isNotNull();
        return route.getExchangesCompleted();
    }
}
