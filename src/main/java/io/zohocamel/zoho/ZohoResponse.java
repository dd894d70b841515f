package io.zohocamel.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One shape for every Zoho answer, whatever the API, the HTTP status or the quirk (errors at top
 * level, errors inside data[0] with HTTP 200, bare job documents, empty bodies, transport failures).
 * Built by {@link ZohoResponses#normalize(int, byte[])} or the factories below; immutable.
 */
public final class ZohoResponse {

    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    static final Set<String> AUTH_CODES = Set.of("INVALID_TOKEN", "INVALID_OAUTHTOKEN", "AUTHENTICATION_FAILURE");
    static final Set<String> TRANSPORT_CODES = Set.of("CONNECTION_FAILED", "CONNECTION_LOST", "TIMEOUT");
    static final Set<String> RETRYABLE_CODES =
            Set.of("TOO_MANY_REQUESTS", "INTERNAL_ERROR", "CONNECTION_FAILED", "CONNECTION_LOST", "TIMEOUT",
                    "ALREADY_SCHEDULED");

    /**
     * One per-record result of data[] (mass update by ids: one per id; Records API: one per record, in input
     * order). An upsert's entries also say what was done ({@code action}: insert or update) and on which field
     * the existing record was found ({@code duplicateField}); null elsewhere.
     */
    public record Entry(String status, String code, String message, JsonNode details, String action,
                        String duplicateField) {

        public Entry {
            details = details == null || details.isMissingNode() || details.isNull()
                    ? JsonNodeFactory.instance.objectNode() : details;
        }

        public Entry(String status, String code, String message, JsonNode details) {
            this(status, code, message, details, null, null);
        }

        /** The record id Zoho reports for this entry (details.id), or null. */
        public String id() {
            JsonNode id = details.get("id");
            return id == null || id.isNull() ? null : id.asText();
        }

        public boolean isSuccess() {
            return SUCCESS.equalsIgnoreCase(status);
        }
    }

    private final int httpStatus;
    private final String status;
    private final String code;
    private final String message;
    private final JsonNode details;
    private final List<Entry> data;
    private final JsonNode body;
    private final Outcome outcome;

    ZohoResponse(int httpStatus, boolean success, String code, String message, JsonNode details,
                 List<Entry> data, JsonNode body, Outcome outcome) {
        this.httpStatus = httpStatus;
        this.status = success ? SUCCESS : ERROR;
        this.code = code;
        this.message = message;
        this.details = details == null || !details.isObject() ? JsonNodeFactory.instance.objectNode() : details;
        this.data = data == null ? List.of() : List.copyOf(data);
        this.body = body == null ? MissingNode.getInstance() : body;
        this.outcome = outcome != null ? outcome : classify(success, httpStatus, code);
    }

    /** The call never got an HTTP answer: code CONNECTION_FAILED or TIMEOUT, httpStatus 0, retryable. */
    public static ZohoResponse transportFailure(String code, String message) {
        return new ZohoResponse(0, false, code, message, null, List.of(), null, Outcome.RETRYABLE);
    }

    /** No usable access token (refresh refused, budget exhausted, ...): outcome AUTH whatever the code. */
    public static ZohoResponse authFailure(String code, String message) {
        return new ZohoResponse(0, false, code, message, null, List.of(), null, Outcome.AUTH);
    }

    /** Code of a call not made while Zoho's API credits are used up (the client's pause): throttled, retryable. */
    public static final String CREDITS_EXHAUSTED = "CREDITS_EXHAUSTED";

    /** A call not made because Zoho said the org's API credits are used up: retryable later, throttled, httpStatus 0. */
    public static ZohoResponse creditsExhausted(String message) {
        return new ZohoResponse(0, false, CREDITS_EXHAUSTED, message, null, List.of(), null, Outcome.RETRYABLE);
    }

    /** A call this client refused to make (e.g. DOWNLOAD_HOST_NOT_ALLOWED): permanent, httpStatus 0. */
    public static ZohoResponse localError(String code, String message) {
        return new ZohoResponse(0, false, code, message, null, List.of(), null, Outcome.PERMANENT);
    }

    /** This failed answer of a call that must not be applied twice, with outcome {@link Outcome#UNKNOWN}. */
    ZohoResponse outcomeUnknown() {
        return new ZohoResponse(httpStatus, false, code, message, details, data, body, Outcome.UNKNOWN);
    }

    static Outcome classify(boolean success, int httpStatus, String code) {
        if (success) {
            return Outcome.SUCCESS;
        }
        // an unexplained 401 is most likely a stale token: worth one refresh
        if (code != null && (AUTH_CODES.contains(code) || code.equals("HTTP_401"))) {
            return Outcome.AUTH;
        }
        if ((code != null && RETRYABLE_CODES.contains(code)) || httpStatus == 429 || httpStatus >= 500) {
            return Outcome.RETRYABLE;
        }
        return Outcome.PERMANENT;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** "success" or "error". */
    public String status() {
        return status;
    }

    /** Zoho's code (SUCCESS, FILE_UPLOAD_SUCCESS, INVALID_DATA, ...), HTTP_&lt;status&gt;, or null for a codeless success. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** details of the answer (or of data[0] when that carries the error); never null, an empty object if absent. */
    public JsonNode details() {
        return details;
    }

    public List<Entry> data() {
        return data;
    }

    /** The parsed body; MissingNode when there was none or it was not JSON. */
    public JsonNode body() {
        return body;
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean isSuccess() {
        return outcome == Outcome.SUCCESS;
    }

    /** Zoho's concurrency / rate limit hit, or no call made while its API credits are used up. */
    public boolean isThrottled() {
        return !isSuccess() && (httpStatus == 429 || "TOO_MANY_REQUESTS".equals(code) || CREDITS_EXHAUSTED.equals(code));
    }

    /** Zoho broke (5xx / INTERNAL_ERROR) or never answered (connection failure, timeout). */
    /**
     * Zoho surely did not act on the request: it refused it for throttling (429), or no connection was made. A
     * timeout, a broken connection or a 5xx may come after Zoho applied it: a call that must not be applied twice
     * (a records insert) is not sent again then.
     */
    public boolean surelyNotTaken() {
        return !isSuccess() && (isThrottled() || "CONNECTION_FAILED".equals(code));
    }

    public boolean isServerOrTransportFailure() {
        return !isSuccess() && (httpStatus >= 500 || "INTERNAL_ERROR".equals(code)
                || (code != null && TRANSPORT_CODES.contains(code)));
    }

    /**
     * The job state: bulk-write job details carry it as the top-level status (ADDED, IN PROGRESS,
     * INPROGRESS, COMPLETED); mass-update status answers as data[0].Status (SCHEDULED, RUNNING,
     * COMPLETED, FAILED). Null for other answers.
     */
    public String jobStatus() {
        String top = text(body, "status");
        if (top != null && !top.equalsIgnoreCase(SUCCESS) && !top.equalsIgnoreCase(ERROR)) {
            return top;
        }
        return text(firstData(), "Status");
    }

    /** The job id: bulk create details.id, mass update by cvid data[0].details.job_id, bulk job details id. */
    public Optional<String> jobId() {
        if (!isSuccess()) {
            return Optional.empty();
        }
        String id = text(details, "id");
        if (id == null) {
            id = text(firstData().path("details"), "job_id");
        }
        if (id == null && text(body, "status") != null && jobStatus() != null) {
            id = text(body, "id"); // bulk-write job details: the job document itself
        }
        return Optional.ofNullable(id);
    }

    /** Upload answer: details.file_id. */
    public Optional<String> fileId() {
        return isSuccess() ? Optional.ofNullable(text(details, "file_id")) : Optional.empty();
    }

    /** Bulk-write job details: result.download_url (present once the job is done). */
    public Optional<String> downloadUrl() {
        return Optional.ofNullable(text(body.path("result"), "download_url"));
    }

    /** Bulk-write resource[].file counts summed, or mass-update status counts; empty when the answer has none. */
    public Optional<ZohoCounts> counts() {
        JsonNode resources = body.path("resource");
        if (resources.isArray()) {
            boolean any = false;
            long total = 0;
            long added = 0;
            long updated = 0;
            long skipped = 0;
            for (JsonNode resource : resources) {
                JsonNode file = resource.path("file");
                if (file.isObject() && (file.has("total_count") || file.has("added_count"))) {
                    any = true;
                    total += file.path("total_count").asLong(0);
                    added += file.path("added_count").asLong(0);
                    updated += file.path("updated_count").asLong(0);
                    skipped += file.path("skipped_count").asLong(0);
                }
            }
            if (any) {
                return Optional.of(new ZohoCounts(total, added, updated, skipped, 0, 0));
            }
        }
        JsonNode first = firstData();
        if (first.has("Total_Count")) {
            return Optional.of(new ZohoCounts(first.path("Total_Count").asLong(0), 0,
                    first.path("Updated_Count").asLong(0), 0,
                    first.path("Not_Updated_Count").asLong(0), first.path("Failed_Count").asLong(0)));
        }
        return Optional.empty();
    }

    private JsonNode firstData() {
        JsonNode data0 = body.path("data").path(0);
        return data0.isObject() ? data0 : MissingNode.getInstance();
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    @Override
    public String toString() {
        // deliberately without the body: it may be large, and download answers carry local paths
        return "ZohoResponse[http=" + httpStatus + ", status=" + status + ", code=" + code + ", message=" + message
                + ", outcome=" + outcome + ", entries=" + data.size() + "]";
    }
}
