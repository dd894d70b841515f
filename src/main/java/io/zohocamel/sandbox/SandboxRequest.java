package io.zohocamel.sandbox;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One incoming call, body already read (handlers may look at it several times). */
record SandboxRequest(String method, String path, String query, Headers headers, byte[] body) {

    String header(String name) {
        return headers.getFirst(name);
    }

    boolean isJson() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    Map<String, String> queryParams() {
        return decodeForm(query);
    }

    /**
     * Form fields of the body, x-www-form-urlencoded (curl, the runtime) or multipart/form-data (Zoho's SDKs);
     * Zoho also takes them in the query string, so both merge, the body's winning.
     */
    Map<String, String> formAndQueryParams() {
        Map<String, String> all = new LinkedHashMap<>(queryParams());
        String type = header("Content-Type");
        all.putAll(SandboxMultipart.isMultipart(type) ? SandboxMultipart.textFields(type, body)
                : decodeForm(new String(body, StandardCharsets.UTF_8)));
        return all;
    }

    static Map<String, String> decodeForm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }
}
