package io.zohocamel.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Log entry of one accepted upload, for tests to assert what the runtime sent.
 *
 * @param headers request headers received (case-insensitive keys), e.g. {@code feature}, {@code X-CRM-ORG}
 */
public record SandboxUpload(String fileId, String fileName, List<String> header, int rowCount,
                            Map<String, List<String>> headers) {

    /** The X-CRM-ORG header, or null when the runtime did not send one. */
    public String orgId() {
        List<String> values = headers.get("X-CRM-ORG");
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
