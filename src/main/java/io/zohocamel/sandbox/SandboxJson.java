package io.zohocamel.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One shared ObjectMapper and the few helpers every handler needs. */
final class SandboxJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private SandboxJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Builds an object from key/value pairs; values may be String, Integer, Boolean, JsonNode or null. */
    static ObjectNode object(Object... keyValues) {
        ObjectNode node = object();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
        }
        return node;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body; null when it is empty or not JSON (callers answer a Zoho-style error). */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Text of a scalar node (numbers included, since Zoho accepts ids both ways); null when absent or not scalar. */
    static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
