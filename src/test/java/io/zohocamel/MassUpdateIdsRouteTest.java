package io.zohocamel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.StompClient;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids requests through the queue: batches of 500, one result listing every id, and what a producer may
 * rely on whatever happens (an outage, a redelivery, a crash after the result was sent, STOMP, JMSReplyTo).
 */
class MassUpdateIdsRouteTest extends MassUpdateRouteTestSupport {

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
}
