package io.zohocamel.sandbox;

import java.time.Instant;

/**
 * One call as the sandbox saw it.
 *
 * @param pattern path pattern it matched, e.g. {@code /crm/bulk/{v}/write/{id}} (or {@code unmatched})
 * @param body    request body when it was JSON, else null (form bodies carry client secrets: never logged)
 * @param status  HTTP status answered
 */
public record SandboxLoggedRequest(Instant at, String method, String path, String query, String pattern,
                                   String body, int status) {
}
