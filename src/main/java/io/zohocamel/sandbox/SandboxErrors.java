package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Zoho's error bodies. Two placements exist and the runtime must cope with both: top level
 * ({@code {"code","details","message","status":"error"}}, with the HTTP status saying what went wrong) and
 * inside {@code data[0]} with HTTP 200 (mass update INVALID_DATA / MANDATORY_NOT_FOUND, as recorded).
 */
final class SandboxErrors {

    private SandboxErrors() {
    }

    static ObjectNode body(String code, String message, ObjectNode details) {
        ObjectNode node = SandboxJson.object();
        node.put("code", code);
        node.set("details", details == null ? SandboxJson.object() : details);
        node.put("message", message);
        node.put("status", "error");
        return node;
    }

    static SandboxResponse error(int http, String code, String message) {
        return error(http, code, message, null);
    }

    static SandboxResponse error(int http, String code, String message, ObjectNode details) {
        return SandboxResponse.json(http, body(code, message, details));
    }

    /** Bulk-write answers put status first; same content, kept only so dumps look like the recordings. */
    static SandboxResponse bulkError(int http, String code, String message, ObjectNode details) {
        ObjectNode node = SandboxJson.object();
        node.put("status", "error");
        node.put("code", code);
        node.put("message", message);
        node.set("details", details == null ? SandboxJson.object() : details);
        return SandboxResponse.json(http, node);
    }

    /** Error placed in data[0] with HTTP 200: how Zoho really answers mass-update validation errors. */
    static SandboxResponse inData(String code, String message, ObjectNode details) {
        ObjectNode root = SandboxJson.object();
        root.putArray("data").add(body(code, message, details));
        return SandboxResponse.json(200, root);
    }

    static SandboxResponse authenticationFailure() {
        return error(401, "AUTHENTICATION_FAILURE", "Authentication failed");
    }

    static SandboxResponse invalidToken() {
        return error(401, "INVALID_TOKEN", "invalid oauth token");
    }

    static SandboxResponse scopeMismatch() {
        return error(401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL");
    }

    static SandboxResponse invalidUrlPattern() {
        return error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
    }

    static SandboxResponse invalidRequestMethod() {
        return error(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
    }

    static SandboxResponse tooManyRequests() {
        return error(429, "TOO_MANY_REQUESTS", "The API call limit has been exceeded");
    }

    static SandboxResponse internalError() {
        return error(500, "INTERNAL_ERROR", "Internal Server Error");
    }

    static SandboxResponse invalidModule() {
        return error(400, "INVALID_MODULE", "the module name given seems to be invalid");
    }

    static SandboxResponse resourceNotFound() {
        return bulkError(400, "RESOURCE_NOT_FOUND", "The requested resource doesn't exist.", null);
    }
}
