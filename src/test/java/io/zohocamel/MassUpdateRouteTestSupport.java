package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests of mass update share (ids requests, cvid requests, dead letters): the flow as a
 * producer sees it, requests published on the queue (JMS or STOMP), one result per request on
 * zoho.mass-update.results, refusals on zoho.mass-update.dlq, and the sandbox's records and call counts as
 * the proof of what reached "Zoho". Runs the real routes (mass-update, error-handling, job-poller) on the
 * embedded broker, the H2 job store and the sandbox. Every test uses its own request ids and reads its own
 * messages (JMS selectors on MassUpdateRequestId).
 */
abstract class MassUpdateRouteTestSupport extends RuntimeTestSupport {

    // as a producer system: over TCP, as broker.user
    protected static final String QUEUE = PRODUCER + ":queue:zoho.mass-update?includeSentJMSMessageID=true";
    protected static final String RESULTS = PRODUCER + ":queue:zoho.mass-update.results";
    protected static final String DLQ = PRODUCER + ":queue:zoho.mass-update.dlq";
    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @BeanInject
    CamelContext context;

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    protected ProducerTemplate producer;
    protected ConsumerTemplate consumer;

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "poll.period", "500ms",
                "poll.max-interval", "1s",
                "zoho.sandbox.job-step", "300ms",
                "zoho.retry-initial-delay", "50ms",
                "zoho.retry-max-delay", "100ms",
                "zoho.max-retries", "2",
                "massupdate.already-scheduled-retries", "2");
    }

    /** The context is injected before each test (not before all), so the templates are made here. */
    @BeforeEach
    void templates() throws Exception {
        if (producer == null) {
            addProducerComponent(context);
            producer = context.createProducerTemplate();
            consumer = context.createConsumerTemplate();
        }
    }

    @AfterAll
    void closeTemplates() throws Exception {
        if (producer != null) {
            producer.stop();
            consumer.stop();
        }
    }

    protected List<String> seed(String module, int count, String field, String value) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "Seed" + NAMES.incrementAndGet();
            ids.add(sandbox.putRecord(module, "Accounts".equals(module)
                    ? Map.of("Account_Name", name, field, value) : Map.of("Last_Name", name, field, value)));
        }
        return ids;
    }

    protected static String request(String module, String requestId, String field, String value, List<String> ids) {
        ObjectNode body = JSON.createObjectNode();
        body.put("module", module);
        body.putArray("data").addObject().put(field, value);
        ArrayNode array = body.putArray("ids");
        ids.forEach(array::add);
        body.put("over_write", true);
        body.put("request_id", requestId);
        return body.toString();
    }

    protected static String cvidRequest(String module, String requestId, String field, String value, String cvid) {
        ObjectNode body = JSON.createObjectNode();
        body.put("module", module);
        body.put("request_id", requestId);
        body.putArray("data").addObject().put(field, value);
        body.put("cvid", cvid);
        return body.toString();
    }

    /** Publishes a text message; returns its JMS message id. */
    protected String send(String json) {
        return producer.send(QUEUE, e -> e.getMessage().setBody(json)).getMessage().getHeader("JMSMessageID", String.class);
    }

    protected int massUpdateCalls() {
        return sandbox.calls("POST", ZohoSandbox.MASS_UPDATE);
    }

    /** The next result message for this request id (there must be one within the wait). */
    protected JsonNode result(String requestId) throws Exception {
        Exchange exchange = consumer.receive(selecting(RESULTS, requestId), WAIT.toMillis());
        assertThat(exchange).as("result for " + requestId).isNotNull();
        assertThat(exchange.getMessage().getHeader("MassUpdateRequestId", String.class)).isEqualTo(requestId);
        JsonNode json = JSON.readTree(exchange.getMessage().getBody(String.class));
        assertThat(json.path("request_id").asText()).isEqualTo(requestId);
        return json;
    }

    protected boolean noMoreResultsFor(String requestId) {
        return consumer.receive(selecting(RESULTS, requestId), 500) == null;
    }

    protected Exchange deadLetter(String requestId) {
        Exchange exchange = consumer.receive(selecting(DLQ, requestId), WAIT.toMillis());
        assertThat(exchange).as("dead letter for " + requestId).isNotNull();
        return exchange;
    }

    protected static String selecting(String queue, String requestId) {
        return queue + "?selector=MassUpdateRequestId='" + requestId + "'";
    }

    protected static void assertDeadLetter(Exchange exchange, String code, String original) {
        assertThat(exchange.getMessage().getHeader("MassUpdateRejectCode", String.class)).isEqualTo(code);
        assertThat(exchange.getMessage().getHeader("MassUpdateRejectMessage", String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader("MassUpdateRejectEnvelope", String.class)).contains(code);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        assertThat(new String(body, StandardCharsets.UTF_8)).as("original body intact").isEqualTo(original);
    }
}
