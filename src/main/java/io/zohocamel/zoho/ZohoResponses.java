package io.zohocamel.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns any Zoho answer into a {@link ZohoResponse}. The body decides first, the HTTP status second,
 * because Zoho's recorded answers contradict its status codes (mass-update INVALID_DATA comes with
 * HTTP 200 inside data[0]; ALREADY_SCHEDULED with 400 where the reference says 202).
 */
public final class ZohoResponses {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Top-level codes that mean success when an answer has a code but no status. */
    private static final Set<String> SUCCESS_CODES = Set.of("SUCCESS", "FILE_UPLOAD_SUCCESS");

    private ZohoResponses() {
    }

    public static ZohoResponse normalize(int httpStatus, byte[] body) {
        boolean ok = httpStatus >= 200 && httpStatus < 300;
        if (body == null || isBlank(body)) {
            if (ok) {
                return new ZohoResponse(httpStatus, true, null, null, null, List.of(), null, null);
            }
            // mass-update status of an unknown job: 404 with nothing in it
            String code = httpStatus == 404 ? "NOT_FOUND" : httpCode(httpStatus);
            return new ZohoResponse(httpStatus, false, code, "empty answer (HTTP " + httpStatus + ")",
                    null, List.of(), null, null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            // HTML error pages of proxies / load balancers
            return new ZohoResponse(httpStatus, false, httpCode(httpStatus),
                    "answer is not a JSON object (HTTP " + httpStatus + ")", null, List.of(), null, null);
        }
        List<ZohoResponse.Entry> entries = entries(root.path("data"));
        String topStatus = ZohoResponse.text(root, "status");
        String topCode = ZohoResponse.text(root, "code");

        if (topStatus != null || topCode != null) {
            boolean success;
            if (ZohoResponse.SUCCESS.equalsIgnoreCase(topStatus)) {
                success = true;
            } else if (ZohoResponse.ERROR.equalsIgnoreCase(topStatus)) {
                success = false;
            } else if (topStatus != null) {
                success = ok; // a job document: status is the job state (COMPLETED, ADDED, ...)
            } else {
                success = ok && SUCCESS_CODES.contains(topCode);
            }
            String code = topCode == null && !success ? httpCode(httpStatus) : topCode;
            return new ZohoResponse(httpStatus, success, code, ZohoResponse.text(root, "message"),
                    root.path("details"), entries, root, null);
        }

        String oauthError = ZohoResponse.text(root, "error");
        if (oauthError != null) {
            // accounts-server style: {"error":"invalid_code","error_description":"..."}
            return new ZohoResponse(httpStatus, false, toCode(oauthError),
                    ZohoResponse.text(root, "error_description"), null, entries, root, null);
        }

        if (!entries.isEmpty()) {
            ZohoResponse.Entry first = entries.get(0);
            boolean allError = entries.stream().allMatch(e -> ZohoResponse.ERROR.equalsIgnoreCase(e.status()));
            if (allError) {
                // mass update answers its request errors with HTTP 200 and the error in data[0]
                String code = first.code() != null ? first.code() : httpCode(httpStatus);
                return new ZohoResponse(httpStatus, false, code, first.message(), first.details(), entries, root, null);
            }
            boolean allSuccess = entries.stream().allMatch(ZohoResponse.Entry::isSuccess);
            // mixed per-record results: the call worked, each entry says how its record fared
            return new ZohoResponse(httpStatus, true, allSuccess ? first.code() : null,
                    allSuccess ? first.message() : null, null, entries, root, null);
        }

        if (ok) {
            return new ZohoResponse(httpStatus, true, null, null, null, List.of(), root, null);
        }
        return new ZohoResponse(httpStatus, false, httpCode(httpStatus), "HTTP " + httpStatus, null, List.of(), root, null);
    }

    /**
     * A Records API answer (insert, update, upsert): a data[] of per-record results is the call's success, each
     * entry saying how its record fared, whatever the HTTP status: 201 or 200 all written, 207 some, 400 none.
     * Anything else (a top-level error such as LIMIT_EXCEEDED, 401, 429, 5xx) reads as {@link #normalize} has it.
     */
    public static ZohoResponse normalizeRecords(int httpStatus, byte[] body) {
        ZohoResponse answer = normalize(httpStatus, body);
        boolean perRecord = !answer.data().isEmpty() && !answer.body().has("code") && !answer.body().has("status")
                && (httpStatus >= 200 && httpStatus < 300 || httpStatus == 400);
        if (answer.isSuccess() || !perRecord) {
            return answer;
        }
        return new ZohoResponse(httpStatus, true, null, null, null, answer.data(), answer.body(), null);
    }

    /** The answer of a finished download: success, details {file, bytes}. */
    static ZohoResponse downloaded(int httpStatus, Path file, long bytes) {
        ObjectNode details = MAPPER.createObjectNode();
        details.put("file", file.toString());
        details.put("bytes", bytes);
        return new ZohoResponse(httpStatus, true, null, "downloaded " + bytes + " bytes", details, List.of(),
                MissingNode.getInstance(), null);
    }

    static String httpCode(int httpStatus) {
        return "HTTP_" + httpStatus;
    }

    /** "invalid_code" → INVALID_CODE, "Access Denied" → ACCESS_DENIED. */
    static String toCode(String text) {
        String code = text.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return code.replaceAll("^_+|_+$", "");
    }

    private static List<ZohoResponse.Entry> entries(JsonNode data) {
        if (!data.isArray()) {
            return List.of();
        }
        List<ZohoResponse.Entry> out = new ArrayList<>(data.size());
        for (JsonNode item : data) {
            if (item.isObject()) {
                out.add(new ZohoResponse.Entry(ZohoResponse.text(item, "status"), ZohoResponse.text(item, "code"),
                        ZohoResponse.text(item, "message"), item.get("details"), ZohoResponse.text(item, "action"),
                        ZohoResponse.text(item, "duplicate_field")));
            }
        }
        return out;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
