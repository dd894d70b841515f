package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that can never succeed, refused by the runtime or by Zoho: each goes to the dead-letter queue
 * with its reason and its body untouched; one Zoho refused is not sent again.
 */
class MassUpdateDeadLetterRouteTest extends MassUpdateRouteTestSupport {

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
}
