package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler answers; the server writes it out (an empty body is sent with no Content-Type). */
record SandboxResponse(int status, String contentType, byte[] body) {

    static final String JSON = "application/json;charset=utf-8";

    static SandboxResponse json(int status, JsonNode body) {
        return new SandboxResponse(status, JSON, SandboxJson.bytes(body));
    }

    static SandboxResponse empty(int status) {
        return new SandboxResponse(status, null, new byte[0]);
    }

    static SandboxResponse binary(int status, String contentType, byte[] body) {
        return new SandboxResponse(status, contentType, body);
    }
}
