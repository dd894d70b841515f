package io.zohocamel.massupdate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request bodies of Zoho's recorded examples, sent through the queue format (module from the URL path). */
class ZohoExamplesTest {

    private static final MassUpdateParser PARSER = new MassUpdateParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mass-update-by-cvid--success-response.json, VALID",
        "mass-update-by-cvid--scheduled-with-territory.json, VALID",
        "mass-update-by-cvid--invalid-data-field.json, VALID",
        "mass-update-by-ids--mixed.json, VALID",
        "mass-update-by-cvid--invalid-data-cvid.json, VALID",
        "mass-update-by-cvid--invalid-data-no-field.json, NO_FIELD",
        "mass-update-by-cvid--mandatory-not-found.json, MISSING_TARGET",
        "mass-update-by-cvid--oauth-scope-mismatch.json, UNKNOWN_MODULE",
    })
    void examplesParseAsExpectedAndRoundTrip(String file, String expected) throws Exception {
        JsonNode example = MassUpdateOutcomeTest.example(file);
        ObjectNode zohoBody = (ObjectNode) example.at("/request/body");
        String module = example.at("/request/path").textValue().split("/")[3];
        ObjectNode message = zohoBody.deepCopy();
        message.put("module", module);

        MassUpdateParseResult result = PARSER.parse(message.toString());

        if (expected.equals("VALID")) {
            MassUpdateRequest req = result.request();
            JsonNode sent = req.kind() == MassUpdateKind.CVID ? req.zohoBody() : req.zohoBodies().get(0);
            assertThat(sent).isEqualTo(zohoBody); // what the runtime sends is exactly Zoho's own body
        } else {
            assertThat(result.rejection().code()).isEqualTo(MassUpdateRejection.Code.valueOf(expected).name());
        }
    }
}
