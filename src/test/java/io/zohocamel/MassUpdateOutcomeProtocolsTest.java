package io.zohocamel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zohocamel.support.AmqpClient;
import io.zohocamel.support.StompClient;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes as consumers that do not speak JMS read them (the broker serves STOMP and AMQP 1.0 on broker.url's
 * port): a result says it is JSON in each protocol's own content type, and neither a result nor a dead letter
 * carries a property with an encoded name (Camel's {@code Content_HYPHEN_Type}) or without a value.
 */
class MassUpdateOutcomeProtocolsTest extends MassUpdateRouteTestSupport {

    private static final String RESULTS_QUEUE = "zoho.mass-update.results";
    private static final String DLQ_QUEUE = "zoho.mass-update.dlq";

    @Test
    void aStompConsumerOfTheResultsSeesJsonContentTypeAndOnlyPlainHeaders() throws Exception {
        List<String> ids = seed("Leads", 2, "Rating", "Cold");
        Map<String, String> headers;
        String frame;
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            assertThat(stomp.subscribe(RESULTS_QUEUE, "MassUpdateRequestId='stomp-result-1'")).startsWith("RECEIPT");
            send(request("Leads", "stomp-result-1", "Rating", "Hot", ids));
            frame = stomp.receive();
        }
        assertThat(frame).startsWith("MESSAGE").contains("\"request_id\":\"stomp-result-1\"");
        headers = stompHeaders(frame);
        assertThat(headers).containsEntry("content-type", "application/json")
                .containsEntry("MassUpdateRequestId", "stomp-result-1");
        assertPlainStompHeaders(headers);
    }

    @Test
    void anAmqpConsumerOfTheResultsSeesJsonContentTypeAndNoNullProperty() throws Exception {
        List<String> ids = seed("Leads", 2, "Rating", "Cold");
        send(request("Leads", "amqp-result-1", "Rating", "Warm", ids));

        Message message = AmqpClient.receive(brokerPort, "zoho", brokerPassword(), RESULTS_QUEUE,
                "MassUpdateRequestId='amqp-result-1'", WAIT);
        assertThat(message).as("result over AMQP").isNotNull();
        assertThat(message.getContentType()).isEqualTo("application/json");
        assertThat(((AmqpValue) message.getBody()).getValue().toString()).contains("\"request_id\":\"amqp-result-1\"");
        Map<String, Object> properties = applicationProperties(message);
        assertThat(properties).containsEntry("MassUpdateRequestId", "amqp-result-1");
        assertPlainAmqpProperties(properties);
    }

    @Test
    void stompAndAmqpConsumersOfTheDeadLettersSeeOnlyPlainPropertiesWithValues() throws Exception {
        String refused = request("Leeds", "protocols-dlq-1", "Rating", "Hot", List.of("4150868000000000001"));
        String stompFrame;
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            assertThat(stomp.subscribe(DLQ_QUEUE, "MassUpdateRequestId='protocols-dlq-1'")).startsWith("RECEIPT");
            send(refused);
            stompFrame = stomp.receive();
        }
        assertThat(stompFrame).startsWith("MESSAGE");
        Map<String, String> stompHeaders = stompHeaders(stompFrame);
        assertThat(stompHeaders).containsEntry("MassUpdateRejectCode", "UNKNOWN_MODULE");
        assertPlainStompHeaders(stompHeaders);

        send(refused.replace("protocols-dlq-1", "protocols-dlq-2"));
        Message message = AmqpClient.receive(brokerPort, "zoho", brokerPassword(), DLQ_QUEUE,
                "MassUpdateRequestId='protocols-dlq-2'", WAIT);
        assertThat(message).as("dead letter over AMQP").isNotNull();
        Map<String, Object> properties = applicationProperties(message);
        assertThat(properties).containsEntry("MassUpdateRejectCode", "UNKNOWN_MODULE");
        assertPlainAmqpProperties(properties);
    }

    /** The MESSAGE frame's headers (a STOMP header with no value is how Artemis writes a property that is null). */
    private static Map<String, String> stompHeaders(String frame) {
        Map<String, String> headers = new LinkedHashMap<>();
        String head = frame.substring(0, frame.indexOf("\n\n"));
        head.lines().skip(1).forEach(line -> {
            int colon = line.indexOf(':');
            headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1));
        });
        return headers;
    }

    private static void assertPlainStompHeaders(Map<String, String> headers) {
        assertThat(headers.keySet()).as("header names as sent, not Camel's JMS encoding of them")
                .noneMatch(name -> name.contains("_HYPHEN_") || name.contains("_DOT_"));
        assertThat(headers).as("headers without a value").allSatisfy((name, value) -> assertThat(value).as(name).isNotEmpty());
    }

    private static Map<String, Object> applicationProperties(Message message) {
        ApplicationProperties properties = message.getApplicationProperties();
        assertThat(properties).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> values = properties.getValue();
        return values;
    }

    private static void assertPlainAmqpProperties(Map<String, Object> properties) {
        assertThat(properties.keySet()).as("property names as sent, not Camel's JMS encoding of them")
                .noneMatch(name -> name.contains("_HYPHEN_") || name.contains("_DOT_"));
        assertThat(properties).as("application properties without a value")
                .allSatisfy((name, value) -> assertThat(value).as(name).isNotNull());
    }
}
