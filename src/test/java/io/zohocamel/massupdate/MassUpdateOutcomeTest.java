package io.zohocamel.massupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.massupdate.MassUpdateOutcome.Cvid;
import io.zohocamel.massupdate.MassUpdateOutcome.RecordResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MassUpdateOutcomeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MassUpdateParser PARSER = new MassUpdateParser();

    @Test
    void mixedBatchListsEveryIdOnceInOrderWithRightCounts() throws IOException {
        MassUpdateRequest req = PARSER.parse("{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],"
                + "\"ids\":[\"11\",\"12\",\"13\",\"14\",\"15\",\"12\",\"16\"],\"request_id\":\"crm-sync-42\"}").request();
        List<List<String>> batches = req.idBatches(2); // [11,12] [13,14] [15,16]

        String json = IdsOutcomeBuilder.forRequest(req, "ID:msg-1")
                // batch 1 answered out of order, by id
                .add("12", "error", "INVALID_DATA", "the id given seems to be invalid")
                .add("11", "success", "SUCCESS", "record updated")
                // batch 2 failed as a whole
                .addBatchFailure(batches.get(1), "INTERNAL_ERROR", "Zoho answered HTTP 500 five times.")
                // batch 3: Zoho answered only for 15; 16 gets NO_RESULT
                .add("15", "SUCCESS", "SUCCESS", "record updated")
                // an id that was never requested is ignored
                .add("99", "success", "SUCCESS", "record updated")
                .build().toJson();

        JsonNode out = JSON.readTree(json);
        assertThat(out.get("request_id").textValue()).isEqualTo("crm-sync-42");
        assertThat(out.get("message_id").textValue()).isEqualTo("ID:msg-1");
        assertThat(out.get("module").textValue()).isEqualTo("Leads");
        assertThat(out.get("kind").textValue()).isEqualTo("ids");
        assertThat(out.get("status").textValue()).isEqualTo("PARTIAL");
        assertThat(out.get("summary").toString())
                .isEqualTo("{\"total\":6,\"updated\":2,\"failed\":4,\"duplicates_removed\":1}");
        List<String> ids = new ArrayList<>();
        out.get("records").forEach(r -> ids.add(r.get("id").textValue()));
        assertThat(ids).containsExactly("11", "12", "13", "14", "15", "16");
        assertThat(out.get("records").get(0).toString())
                .isEqualTo("{\"id\":\"11\",\"status\":\"success\",\"code\":\"SUCCESS\",\"message\":\"record updated\"}");
        assertThat(out.get("records").get(1).get("code").textValue()).isEqualTo("INVALID_DATA");
        assertThat(out.get("records").get(2).get("code").textValue()).isEqualTo("INTERNAL_ERROR");
        assertThat(out.get("records").get(3).get("status").textValue()).isEqualTo("error");
        assertThat(out.get("records").get(4).get("status").textValue()).isEqualTo("success");
        assertThat(out.get("records").get(5).get("code").textValue()).isEqualTo("NO_RESULT");
        assertThat(fieldNames(out)).containsExactly("request_id", "message_id", "module", "kind", "status", "summary", "records");
    }

    @Test
    void laterReportReplacesEarlierOneAndStatusFollowsCounts() throws IOException {
        IdsOutcomeBuilder b = new IdsOutcomeBuilder(null, "m", "Deals", List.of("1", "2"));
        b.addBatchFailure(List.of("1", "2"), "TOO_MANY_REQUESTS", "Zoho answered 429.");
        assertThat(b.build().status()).isEqualTo(MassUpdateOutcome.IdsStatus.FAILED);
        b.add("1", "success", "SUCCESS", "record updated").add("2", "success", "SUCCESS", "record updated");
        MassUpdateOutcome.Ids done = b.build();
        assertThat(done.status()).isEqualTo(MassUpdateOutcome.IdsStatus.COMPLETED);
        assertThat(done.summary().updated()).isEqualTo(2);
        assertThat(done.summary().failed()).isZero();
        assertThat(done.records()).hasSize(2);
        assertThat(JSON.readTree(done.toJson()).get("request_id").isNull()).isTrue();
    }

    @Test
    void positionalBatchMatchesZohosReferenceSample() throws IOException {
        // Zoho's sample answers data[i] for ids[i]; the success entry's details.id does not match the request
        JsonNode example = example("mass-update-by-ids--mixed.json");
        List<String> batchIds = new ArrayList<>();
        example.at("/request/body/ids").forEach(id -> batchIds.add(id.textValue()));
        List<RecordResult> answers = new ArrayList<>();
        example.at("/response/body/data").forEach(d -> answers.add(new RecordResult(d.at("/details/id").asText(null),
                d.get("status").textValue(), d.get("code").textValue(), d.get("message").textValue())));

        IdsOutcomeBuilder b = new IdsOutcomeBuilder("r", "m", "Deals", batchIds).addBatch(batchIds, answers);
        MassUpdateOutcome.Ids out = b.build();

        assertThat(out.records()).containsExactly(
                new RecordResult("554023000000497007", "success", "SUCCESS", "record updated"),
                new RecordResult("554023000000497021", "error", "INVALID_DATA", "the id given seems to be invalid"));
        assertThat(out.status()).isEqualTo(MassUpdateOutcome.IdsStatus.PARTIAL);
        assertThat(b.unexpectedIds()).isEmpty();
    }

    @Test
    void cvidResultFromZohoStatusAnswer() throws IOException {
        MassUpdateRequest req = PARSER.parse("{\"module\":\"Accounts\",\"data\":[{\"Industry\":\"Education\"}],"
                + "\"cvid\":\"554023000000091515\",\"request_id\":\"r-7\"}").request();
        String json = fromZohoStatus(req, "ID:msg-2", "554023000000506003",
                example("mass-update-status--completed.json").at("/response/body/data/0")).toJson();

        assertThat(json).isEqualTo("{\"request_id\":\"r-7\",\"message_id\":\"ID:msg-2\",\"module\":\"Accounts\","
                + "\"kind\":\"cvid\",\"job_id\":\"554023000000506003\",\"status\":\"COMPLETED\","
                + "\"summary\":{\"total\":50,\"updated\":50,\"not_updated\":0,\"failed\":0}}");

        JsonNode failed = JSON.readTree(fromZohoStatus(req, "m", null,
                example("mass-update-status--failed.json").at("/response/body/data/0")).toJson());
        assertThat(failed.get("status").textValue()).isEqualTo("FAILED");
        assertThat(failed.at("/summary/failed").intValue()).isEqualTo(50);
    }

    @Test
    void cvidSubmissionRefusedBecomesFailedWithError() throws IOException {
        JsonNode out = JSON.readTree(new Cvid("r-8", "m", "Leads", null, null, null,
                new Cvid.Failure("ALREADY_SCHEDULED", "Already an Mass Action scheduler is runing for the given cvid")).toJson());
        assertThat(out.get("status").textValue()).isEqualTo("FAILED");
        assertThat(out.get("job_id").isNull()).isTrue();
        assertThat(out.at("/summary/total").isNull()).isTrue();
        assertThat(out.at("/error/code").textValue()).isEqualTo("ALREADY_SCHEDULED");
        assertThatThrownBy(() -> new Cvid("r", "m", "Leads", null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildersRefuseTheWrongKind() {
        MassUpdateRequest cvid = PARSER.parse("{\"module\":\"Leads\",\"data\":[{\"A\":1}],\"cvid\":\"1\"}").request();
        assertThatThrownBy(() -> IdsOutcomeBuilder.forRequest(cvid, "m")).isInstanceOf(IllegalArgumentException.class);
    }

    static JsonNode example(String name) throws IOException {
        try (InputStream in = MassUpdateOutcomeTest.class.getResourceAsStream("/zoho-api/examples/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    /** The outcome of a job as Zoho's status answer ({@code data[0]}) describes it. */
    private static Cvid fromZohoStatus(MassUpdateRequest request, String messageId, String jobId, JsonNode status) {
        return new Cvid(request.requestId(), messageId, request.module(), jobId, status.get("Status").textValue(),
                new Cvid.Summary(status.get("Total_Count").longValue(), status.get("Updated_Count").longValue(),
                        status.get("Not_Updated_Count").longValue(), status.get("Failed_Count").longValue()), null);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
