package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.StompClient;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mass-update flow end to end, as a producer sees it: requests published on the queue (JMS or
 * STOMP), one result per request on zoho.mass-update.results, refusals on zoho.mass-update.dlq, and
 * the sandbox's records and call counts as the proof of what reached "Zoho". Runs the real routes
 * (mass-update, error-handling, job-poller) on the embedded broker, the H2 job store and the sandbox.
 * Every test uses its own request ids and reads its own messages (JMS selectors on MassUpdateRequestId).
 */
class MassUpdateRouteTest extends RuntimeTestSupport {

    // as a producer system: over TCP, as broker.user
    private static final String QUEUE = PRODUCER + ":queue:zoho.mass-update?includeSentJMSMessageID=true";
    private static final String RESULTS = PRODUCER + ":queue:zoho.mass-update.results";
    private static final String DLQ = PRODUCER + ":queue:zoho.mass-update.dlq";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @BeanInject
    CamelContext context;

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    private ProducerTemplate producer;
    private ConsumerTemplate consumer;

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

    @Test
    void twelveHundredIdsBecomeThreeCallsAndOneResultListingEveryId() throws Exception {
        List<String> ids = seed("Leads", 1199, "Lead_Source", "Cold Call");
        String missing = "4150868000999999999";
        ids.add(600, missing); // an id Zoho does not know, in the second call
        int callsBefore = massUpdateCalls();
        int logBefore = sandbox.requestLog().size();

        send(request("Leads", "big-ids-1", "Lead_Source", "Web", ids));

        JsonNode result = result("big-ids-1");
        assertThat(massUpdateCalls() - callsBefore).isEqualTo(3);
        List<SandboxLoggedRequest> calls = sandbox.requestLog().subList(logBefore, sandbox.requestLog().size()).stream()
                .filter(r -> ZohoSandbox.MASS_UPDATE.equals(r.pattern()) && "POST".equals(r.method())).toList();
        assertThat(calls).hasSize(3);
        List<String> sent = new ArrayList<>();
        for (SandboxLoggedRequest call : calls) {
            JsonNode body = JSON.readTree(call.body());
            assertThat(body.path("ids").size()).isLessThanOrEqualTo(500);
            body.path("ids").forEach(id -> sent.add(id.asText()));
            assertThat(body.has("module")).as("runtime keys never reach Zoho").isFalse();
            assertThat(body.has("request_id")).as("runtime keys never reach Zoho").isFalse();
            assertThat(body.path("data").get(0).path("Lead_Source").asText()).isEqualTo("Web");
        }
        assertThat(sent).containsExactlyInAnyOrderElementsOf(ids);

        assertThat(result.path("module").asText()).isEqualTo("Leads");
        assertThat(result.path("kind").asText()).isEqualTo("ids");
        assertThat(result.path("status").asText()).isEqualTo("PARTIAL");
        assertThat(result.path("summary").path("total").asInt()).isEqualTo(1200);
        assertThat(result.path("summary").path("updated").asInt()).isEqualTo(1199);
        assertThat(result.path("summary").path("failed").asInt()).isEqualTo(1);
        assertThat(result.path("summary").path("duplicates_removed").asInt()).isZero();
        List<String> reported = new ArrayList<>();
        result.path("records").forEach(r -> reported.add(r.path("id").asText()));
        assertThat(reported).containsExactlyElementsOf(ids); // every id once, in request order
        JsonNode invalid = result.path("records").get(600);
        assertThat(invalid.path("id").asText()).isEqualTo(missing);
        assertThat(invalid.path("status").asText()).isEqualTo("error");
        assertThat(invalid.path("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(result.path("records")).filteredOn(r -> !missing.equals(r.path("id").asText()))
                .allSatisfy(r -> assertThat(r.path("code").asText()).isEqualTo("SUCCESS"));
        assertThat(sandbox.records("Leads")).filteredOn(r -> ids.contains(r.get("id")))
                .hasSize(1199).allSatisfy(r -> assertThat(r).containsEntry("Lead_Source", "Web"));
        assertThat(noMoreResultsFor("big-ids-1")).as("one result per request").isTrue();
    }

    @Test
    void cvidRequestIsScheduledPolledToCompletionAndReported() throws Exception {
        List<String> ids = seed("Accounts", 5, "Rating", "Cold");
        int before = massUpdateCalls();
        send(cvidRequest("Accounts", "cvid-1", "Rating", "Hot", "4150868000000087501"));

        JsonNode result = result("cvid-1");
        assertThat(result.path("kind").asText()).isEqualTo("cvid");
        assertThat(result.path("module").asText()).isEqualTo("Accounts");
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("job_id").asText()).isNotBlank();
        int total = sandbox.records("Accounts").size();
        assertThat(result.path("summary").path("total").asInt()).isEqualTo(total);
        assertThat(result.path("summary").path("updated").asInt()).isEqualTo(total);
        assertThat(result.path("summary").path("failed").asInt()).isZero();
        assertThat(massUpdateCalls() - before).as("one scheduling call").isEqualTo(1);
        assertThat(sandbox.calls("GET", ZohoSandbox.MASS_UPDATE)).as("job status polled").isPositive();
        assertThat(sandbox.records("Accounts")).filteredOn(r -> ids.contains(r.get("id")))
                .hasSize(5).allSatisfy(r -> assertThat(r).containsEntry("Rating", "Hot"));
        assertThat(jobStore.massUpdateRequest("cvid-1")).get()
                .satisfies(r -> assertThat(r.status()).isEqualTo(MassUpdateRecord.COMPLETED));
        assertThat(noMoreResultsFor("cvid-1")).as("one result per request").isTrue();
    }

    @Test
    void invalidRequestsAreDeadLetteredWithTheirReasonAndNoZohoCall() throws Exception {
        List<String> ids = seed("Leads", 2, "Rating", "Cold");
        int before = massUpdateCalls();

        ObjectNode twoFields = (ObjectNode) JSON.readTree(request("Leads", "dlq-two-fields", "Rating", "Hot", ids));
        ((ObjectNode) twoFields.path("data").get(0)).put("Lead_Source", "Web");
        String twoFieldsBody = twoFields.toString();
        send(twoFieldsBody);
        Exchange first = deadLetter("dlq-two-fields");
        assertDeadLetter(first, "TOO_MANY_FIELDS", twoFieldsBody);
        assertThat(first.getMessage().getHeader("MassUpdateRejectWhere", String.class)).isEqualTo("$.data[0]");

        String notJson = "module=Leads&ids=1,2,3";
        String messageId = send(notJson);
        assertDeadLetter(deadLetter(messageId), "INVALID_JSON", notJson); // no request_id: the message id stands in

        String unknownModule = request("Leeds", "dlq-module", "Rating", "Hot", ids);
        send(unknownModule);
        Exchange third = deadLetter("dlq-module");
        assertDeadLetter(third, "UNKNOWN_MODULE", unknownModule);
        JsonNode envelope = JSON.readTree(third.getMessage().getHeader("MassUpdateRejectEnvelope", String.class));
        assertThat(envelope.path("reason").path("code").asText()).isEqualTo("UNKNOWN_MODULE");
        assertThat(envelope.path("reason").path("where").asText()).isEqualTo("$.module");
        assertThat(envelope.path("original").asText()).isEqualTo(unknownModule);
        assertThat(envelope.path("request_id").asText()).isEqualTo("dlq-module");

        assertThat(massUpdateCalls()).as("no mass-update call for a refused request").isEqualTo(before);
        assertThat(sandbox.records("Leads")).filteredOn(r -> ids.contains(r.get("id")))
                .allSatisfy(r -> assertThat(r).containsEntry("Rating", "Cold"));
        assertThat(noMoreResultsFor("dlq-two-fields")).isTrue();
        assertThat(noMoreResultsFor("dlq-module")).isTrue();
    }

    @Test
    void everyKindOfHostileMessageIsDeadLetteredWithItsReasonWhileGoodWorkCarriesOn() throws Exception {
        List<String> ids = seed("Leads", 1, "Rating", "Cold");
        int before = massUpdateCalls();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 50_001; i++) {
            many.append(i == 0 ? "\"" : ",\"").append(4_150_868_000_000_000L + i).append('"');
        }
        Map<String, String[]> hostile = new LinkedHashMap<>(); // request id -> body, expected code
        hostile.put("h-array", new String[] {"[{\"request_id\":\"h-array\"}]", "NOT_AN_OBJECT"});
        hostile.put("h-type", new String[] {"{\"request_id\":\"h-type\",\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],"
                + "\"ids\":\"" + ids.get(0) + "\"}", "WRONG_TYPE"});
        hostile.put("h-50001", new String[] {"{\"request_id\":\"h-50001\",\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],"
                + "\"ids\":[" + many + "]}", "TOO_MANY_IDS"});
        hostile.put("h-digits", new String[] {"{\"request_id\":\"h-digits\",\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],"
                + "\"ids\":[\"41508680000abc\"]}", "INVALID_ID"});
        hostile.put("h-extra", new String[] {"{\"request_id\":\"h-extra\",\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],"
                + "\"ids\":[\"" + ids.get(0) + "\"],\"trigger\":[\"workflow\"]}", "UNKNOWN_KEY"});
        hostile.put("h-huge", new String[] {"{\"request_id\":\"h-huge\",\"module\":\"Leads\",\"data\":[{\"Rating\":\""
                + "x".repeat(12 * 1024 * 1024) + "\"}],\"ids\":[\"" + ids.get(0) + "\"]}", "BODY_TOO_LARGE"});
        Map<String, String> messageIds = new LinkedHashMap<>();
        hostile.forEach((requestId, message) -> messageIds.put(requestId, send(message[0])));
        send(request("Leads", "h-good", "Rating", "Warm", ids));

        assertThat(result("h-good").path("status").asText()).as("good work carries on").isEqualTo("COMPLETED");
        for (var entry : hostile.entrySet()) {
            // a body too broken (or too big) to be read for its request id is dead-lettered under its message id
            Exchange dead = consumer.receive(DLQ + "?selector=MassUpdateRequestId='" + entry.getKey()
                    + "' OR MassUpdateRequestId='" + messageIds.get(entry.getKey()) + "'", WAIT.toMillis());
            assertThat(dead).as("dead letter for " + entry.getKey()).isNotNull();
            String code = dead.getMessage().getHeader("MassUpdateRejectCode", String.class);
            assertThat(dead.getMessage().getHeader("MassUpdateRejectMessage", String.class)).as(entry.getKey()).isNotBlank();
            if (entry.getValue()[1] != null) {
                assertThat(code).as(entry.getKey()).isEqualTo(entry.getValue()[1]);
            }
            int bytes = entry.getValue()[0].getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 64 * 1024) {
                assertThat(dead.getMessage().getBody(byte[].class)).as("original body intact").hasSize(bytes);
            } else { // a large message's body cannot be read once the template's session is gone; the envelope says where it is
                assertThat(dead.getMessage().getHeader("MassUpdateRejectEnvelope", String.class))
                        .contains("\"original_encoding\":\"message-body\"");
            }
        }
        assertThat(massUpdateCalls()).as("only the good request reached Zoho").isEqualTo(before + 1);
        assertThat(sandbox.records("Leads")).filteredOn(r -> ids.contains(r.get("id")))
                .allSatisfy(r -> assertThat(r).containsEntry("Rating", "Warm"));
    }

    @Test
    void aRequestZohoRefusesForGoodIsDeadLetteredWithZohosCode() throws Exception {
        List<String> ids = seed("Leads", 3, "Rating", "Cold");
        int before = massUpdateCalls();
        // a field the org does not have: valid to the runtime, refused by Zoho (HTTP 200, error in data[0])
        String oneId = request("Leads", "zoho-refuses-1", "Favourite_Colour", "Blue", ids.subList(0, 1));
        String threeIds = request("Leads", "zoho-refuses-3", "Favourite_Colour", "Blue", ids);
        send(oneId);
        send(threeIds);

        for (String[] expected : new String[][] {{"zoho-refuses-1", oneId}, {"zoho-refuses-3", threeIds}}) {
            Exchange dead = deadLetter(expected[0]);
            assertDeadLetter(dead, "INVALID_DATA", expected[1]);
            assertThat(dead.getMessage().getHeader("MassUpdateRejectWhere", String.class))
                    .isEqualTo("$.data[0].Favourite_Colour");
            assertThat(noMoreResultsFor(expected[0])).as("refused, so no result").isTrue();
            assertThat(jobStore.massUpdateRequest(expected[0])).get()
                    .extracting(io.zohocamel.jobs.MassUpdateRecord::status).isEqualTo("DEAD_LETTERED");
        }
        assertThat(massUpdateCalls() - before).as("one call each, not retried").isEqualTo(2);
    }

    @Test
    void anOutageIsRiddenOutByRedeliveryAndLosesNothing() throws Exception {
        List<String> ids = seed("Contacts", 3, "Lead_Source", "Cold Call");
        int before = massUpdateCalls();
        int tokens = sandbox.tokensMinted();
        sandbox.revokeTokens(); // and the token in use is dead once Zoho is back
        sandbox.setOutage(true);
        try {
            send(request("Contacts", "outage-1", "Lead_Source", "Trade Show", ids));
            // 3 calls (1 + 2 client retries) per delivery: more than that means the broker delivered again
            await("a redelivery during the outage", WAIT, () -> massUpdateCalls() - before > 3);
        } finally {
            sandbox.setOutage(false);
        }
        JsonNode result = result("outage-1");
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("summary").path("updated").asInt()).isEqualTo(3);
        assertThat(sandbox.records("Contacts")).filteredOn(r -> ids.contains(r.get("id")))
                .hasSize(3).allSatisfy(r -> assertThat(r).containsEntry("Lead_Source", "Trade Show"));
        assertThat(sandbox.tokensMinted()).as("a fresh token after the revoked one").isGreaterThan(tokens);
        assertThat(consumer.receive(selecting(DLQ, "outage-1"), 200)).as("nothing dead-lettered").isNull();
    }

    @Test
    void aRequestAlreadyCompletedIsNotSentAgainButItsResultIsRepublished() throws Exception {
        List<String> ids = seed("Leads", 3, "Rating", "Cold");
        String body = request("Leads", "once-1", "Rating", "Warm", ids);
        send(body);
        JsonNode first = result("once-1");
        assertThat(first.path("status").asText()).isEqualTo("COMPLETED");
        int calls = massUpdateCalls();

        send(body);
        JsonNode again = result("once-1");
        assertThat(again).isEqualTo(first);
        assertThat(massUpdateCalls()).as("not sent to Zoho again").isEqualTo(calls);
    }

    @Test
    void aFailureAfterTheResultWasSentRollsTheResultBackWithTheRequest() throws Exception {
        // a crash between sending the result and acknowledging the request: both are one JMS transaction
        AtomicInteger published = new AtomicInteger();
        // both steps that publish an outcome: a new one, and the stored one a redelivery publishes again
        AdviceWith.adviceWith(context, "mass-update", route -> route
                .weaveById("publish-*").after().process(exchange -> {
                    if ("tx-1".equals(exchange.getMessage().getHeader("MassUpdateRequestId", String.class))
                            && published.incrementAndGet() == 1) {
                        throw new IllegalStateException("simulated crash after the result was sent");
                    }
                }));
        List<String> ids = seed("Leads", 2, "Rating", "Cold");
        int before = massUpdateCalls();
        send(request("Leads", "tx-1", "Rating", "Hot", ids));

        JsonNode result = result("tx-1");
        await("the redelivered request", WAIT, () -> published.get() >= 2);
        assertThat(noMoreResultsFor("tx-1")).as("the rolled-back result was never delivered").isTrue();
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(massUpdateCalls() - before).as("the redelivery re-published the stored result").isEqualTo(1);
    }

    @Test
    void aStompProducerSendingBytesGetsItsResult() throws Exception {
        List<String> ids = seed("Leads", 2, "Industry", "Banking");
        try (StompClient stomp = StompClient.connect(brokerPort, "zoho", brokerPassword())) {
            stomp.send("zoho.mass-update", request("Leads", "stomp-1", "Industry", "Retail", ids));
        }
        JsonNode result = result("stomp-1");
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("summary").path("updated").asInt()).isEqualTo(2);
        assertThat(sandbox.records("Leads")).filteredOn(r -> ids.contains(r.get("id")))
                .allSatisfy(r -> assertThat(r).containsEntry("Industry", "Retail"));
    }

    @Test
    void aJmsProducerAskingForAReplyStillGetsItsResultOnTheResultsQueue() throws Exception {
        List<String> ids = seed("Leads", 2, "Industry", "Banking");
        ConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "zoho", brokerPassword());
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TextMessage message = session.createTextMessage(request("Leads", "reply-to-1", "Industry", "Energy", ids));
            message.setJMSReplyTo(session.createQueue("crm.replies"));
            session.createProducer(session.createQueue("zoho.mass-update")).send(message);
        }
        JsonNode result = result("reply-to-1");
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(sandbox.records("Leads")).filteredOn(r -> ids.contains(r.get("id")))
                .allSatisfy(r -> assertThat(r).containsEntry("Industry", "Energy"));
    }

    @Test
    void alreadyScheduledIsRetriedLaterThenDeadLetteredPastTheBound() throws Exception {
        String cvid = "4150868000000090001";
        int before = massUpdateCalls();
        // two jobs on one view at once: the second gets ALREADY_SCHEDULED and is delivered again later
        send(cvidRequest("Campaigns", "busy-1", "Status", "Active", cvid));
        send(cvidRequest("Campaigns", "busy-2", "Status", "Complete", cvid));
        assertThat(result("busy-1").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result("busy-2").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(massUpdateCalls() - before).as("one call refused as ALREADY_SCHEDULED").isGreaterThanOrEqualTo(3);
        assertThat(consumer.receive(selecting(DLQ, "busy-2"), 200)).isNull();

        // a job that outlasts massupdate.already-scheduled-retries (2): the waiting request is dead-lettered
        String otherCvid = "4150868000000090002";
        sandbox.setJobStep(Duration.ofSeconds(3));
        try {
            send(cvidRequest("Campaigns", "long-1", "Status", "Planning", otherCvid));
            await("long-1 scheduled", WAIT, () -> jobStore.massUpdateRequest("long-1")
                    .map(r -> MassUpdateRecord.SCHEDULED.equals(r.status())).orElse(false));
        } finally {
            sandbox.setJobStep(Duration.ofMillis(300));
        }
        String waiting = cvidRequest("Campaigns", "long-2", "Status", "Inactive", otherCvid);
        send(waiting);
        Exchange dead = deadLetter("long-2");
        assertDeadLetter(dead, "ALREADY_SCHEDULED", waiting);
        assertThat(dead.getMessage().getHeader("MassUpdateRejectWhere", String.class)).isEqualTo("$.cvid");
        assertThat(dead.getMessage().getHeader("MassUpdateRejectMessage", String.class)).contains("gave up after 3 attempts");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private List<String> seed(String module, int count, String field, String value) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "Seed" + NAMES.incrementAndGet();
            ids.add(sandbox.putRecord(module, "Accounts".equals(module)
                    ? Map.of("Account_Name", name, field, value) : Map.of("Last_Name", name, field, value)));
        }
        return ids;
    }

    private static String request(String module, String requestId, String field, String value, List<String> ids) {
        ObjectNode body = JSON.createObjectNode();
        body.put("module", module);
        body.putArray("data").addObject().put(field, value);
        ArrayNode array = body.putArray("ids");
        ids.forEach(array::add);
        body.put("over_write", true);
        body.put("request_id", requestId);
        return body.toString();
    }

    private static String cvidRequest(String module, String requestId, String field, String value, String cvid) {
        ObjectNode body = JSON.createObjectNode();
        body.put("module", module);
        body.put("request_id", requestId);
        body.putArray("data").addObject().put(field, value);
        body.put("cvid", cvid);
        return body.toString();
    }

    /** Publishes a text message; returns its JMS message id. */
    private String send(String json) {
        return producer.send(QUEUE, e -> e.getMessage().setBody(json)).getMessage().getHeader("JMSMessageID", String.class);
    }

    private int massUpdateCalls() {
        return sandbox.calls("POST", ZohoSandbox.MASS_UPDATE);
    }

    /** The next result message for this request id (there must be one within the wait). */
    private JsonNode result(String requestId) throws Exception {
        Exchange exchange = consumer.receive(selecting(RESULTS, requestId), WAIT.toMillis());
        assertThat(exchange).as("result for " + requestId).isNotNull();
        assertThat(exchange.getMessage().getHeader("MassUpdateRequestId", String.class)).isEqualTo(requestId);
        JsonNode json = JSON.readTree(exchange.getMessage().getBody(String.class));
        assertThat(json.path("request_id").asText()).isEqualTo(requestId);
        return json;
    }

    private boolean noMoreResultsFor(String requestId) {
        return consumer.receive(selecting(RESULTS, requestId), 500) == null;
    }

    private Exchange deadLetter(String requestId) {
        Exchange exchange = consumer.receive(selecting(DLQ, requestId), WAIT.toMillis());
        assertThat(exchange).as("dead letter for " + requestId).isNotNull();
        return exchange;
    }

    private static String selecting(String queue, String requestId) {
        return queue + "?selector=MassUpdateRequestId='" + requestId + "'";
    }

    private static void assertDeadLetter(Exchange exchange, String code, String original) {
        assertThat(exchange.getMessage().getHeader("MassUpdateRejectCode", String.class)).isEqualTo(code);
        assertThat(exchange.getMessage().getHeader("MassUpdateRejectMessage", String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader("MassUpdateRejectEnvelope", String.class)).contains(code);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        assertThat(new String(body, StandardCharsets.UTF_8)).as("original body intact").isEqualTo(original);
    }
}
