package io.zohocamel.massupdate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MassUpdateDeadLettersTest {

    private static final Instant AT = Instant.parse("2025-01-31T10:15:30Z");

    @Test
    void envelopeOfARejectedRequestKeepsTheBodyAsText() throws Exception {
        String body = "{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],\"ids\":[\"1\"],\"request_id\":\"crm-sync-42\",\"foo\":1}";
        MassUpdateParseResult result = new MassUpdateParser().parse(body);

        String json = MassUpdateDeadLetters.envelope(result.rejection(), body.getBytes(StandardCharsets.UTF_8), AT);

        JsonNode env = new ObjectMapper().readTree(json);
        assertThat(env.at("/reason/code").textValue()).isEqualTo("UNKNOWN_KEY");
        assertThat(env.at("/reason/where").textValue()).isEqualTo("$.foo");
        assertThat(env.at("/reason/message").textValue()).contains("foo");
        assertThat(env.get("original").textValue()).isEqualTo(body);
        assertThat(env.get("original_encoding").textValue()).isEqualTo("utf-8");
        assertThat(env.get("received_at").textValue()).isEqualTo("2025-01-31T10:15:30Z");
        assertThat(env.get("request_id").textValue()).isEqualTo("crm-sync-42");
    }

    @Test
    void envelopeOfNonUtf8BodyIsBase64() throws Exception {
        byte[] body = {'{', (byte) 0xFF, '}'};
        MassUpdateRejection r = new MassUpdateParser().parse(body).rejection();
        assertThat(r.code()).isEqualTo("INVALID_JSON");

        JsonNode env = new ObjectMapper().readTree(MassUpdateDeadLetters.envelope(r, body, AT));

        assertThat(env.get("original_encoding").textValue()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(env.get("original").textValue())).isEqualTo(body);
        assertThat(env.get("request_id").isNull()).isTrue();
    }

    @Test
    void envelopeForOtherReasonsAndHeaders() throws Exception {
        JsonNode env = new ObjectMapper().readTree(MassUpdateDeadLetters.envelope(new MassUpdateRejection("ALREADY_SCHEDULED",
                "Zoho already runs a mass update for this cvid.", null, "r-1"), "{}".getBytes(StandardCharsets.UTF_8), Instant.now()));
        assertThat(env.at("/reason/where").isNull()).isTrue();
        assertThat(Instant.parse(env.get("received_at").textValue())).isAfter(AT);

        Map<String, Object> headers = MassUpdateDeadLetters.headers(
                new MassUpdateRejection("INVALID_ID", "Record id at $.ids[3] is bad.", "$.ids[3]", "r-1"));
        assertThat(headers).containsExactly(
                Map.entry("MassUpdateRejectCode", "INVALID_ID"),
                Map.entry("MassUpdateRejectMessage", "Record id at $.ids[3] is bad."),
                Map.entry("MassUpdateRejectWhere", "$.ids[3]"),
                Map.entry("MassUpdateRequestId", "r-1"));
        assertThat(headers.keySet()).allMatch(k -> k.chars().allMatch(Character::isJavaIdentifierPart));
    }
}
