package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers; the server writes it out (an empty body is sent with no Content-Type). Headers are
 * the few extra ones Zoho sends that clients read (e.g. Content-Disposition on a download).
 */
record SandboxResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json;charset=utf-8";

    SandboxResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    static SandboxResponse json(int status, JsonNode body) {
        return new SandboxResponse(status, JSON, SandboxJson.bytes(body));
    }

    static SandboxResponse empty(int status) {
        return new SandboxResponse(status, null, new byte[0]);
    }

    static SandboxResponse binary(int status, String contentType, byte[] body) {
        return new SandboxResponse(status, contentType, body);
    }

    /** This answer with one more header. */
    SandboxResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SandboxResponse(status, contentType, body, Map.copyOf(more));
    }
}
