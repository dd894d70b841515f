package io.zohocamel.zoho;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;

/**
 * The only way the runtime talks to Zoho CRM. Every method returns a normalised {@link ZohoResponse}
 * and never throws for Zoho errors or I/O: routes decide on {@link ZohoResponse#outcome()}. How calls
 * are limited and retried: {@link ZohoRetries}; downloads: {@link ZohoDownloads}; what calls cost and
 * when Zoho's credits are used up: {@link ZohoCallCosts}, {@link CreditGuard}.
 */
public final class ZohoClient implements AutoCloseable {

    private static final ContentType ZIP = ContentType.create("application/zip");
    private static final ContentType JSON = ContentType.create("application/json");
    /**
     * Insert, update and upsert calls of more records than this are among Zoho's complex APIs, held to
     * {@link ZohoCallLimiter#SUB_CONCURRENCY} at once (Zoho's v8 API limits).
     */
    static final int COMPLEX_ABOVE_RECORDS = 10;
    /**
     * Without the library's default charset parameter, which is not one of multipart/form-data's
     * (RFC 7578): the header reads as curl's and Zoho's SDKs' do.
     */
    private static final ContentType FORM_DATA = ContentType.create("multipart/form-data");

    private final ZohoSettings settings;
    private final OAuthTokenManager tokens;
    private final ZohoCallLimiter limiter;
    private final ZohoHttp http;
    private final ZohoRetries retries;
    private final ZohoDownloads downloads;

    /**
     * @param http the client {@code tokens} uses too; closed with this client
     */
    public ZohoClient(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, ZohoHttp http,
                      Sleeper sleeper) {
        this(settings, tokens, limiter, http, sleeper, CreditListener.NONE);
    }

    /** @param credits books what each call cost and says how long to pause when Zoho's credits are used up */
    public ZohoClient(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, ZohoHttp http,
                      Sleeper sleeper, CreditListener credits) {
        this(settings, tokens, limiter, http, sleeper, () -> ThreadLocalRandom.current().nextDouble(), credits);
    }

    /** @param jitter yields [0,1): the fraction of the backoff cap actually slept (full jitter) */
    public ZohoClient(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, ZohoHttp http,
                      Sleeper sleeper, DoubleSupplier jitter) {
        this(settings, tokens, limiter, http, sleeper, jitter, CreditListener.NONE);
    }

    public ZohoClient(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, ZohoHttp http,
                      Sleeper sleeper, DoubleSupplier jitter, CreditListener credits) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.http = Objects.requireNonNull(http, "http");
        this.retries = new ZohoRetries(settings, tokens, limiter, Objects.requireNonNull(sleeper, "sleeper"),
                Objects.requireNonNull(jitter, "jitter"),
                new CreditGuard(Objects.requireNonNull(credits, "credits"), limiter, Clock.systemUTC()));
        this.downloads = new ZohoDownloads(http, retries, new ZohoHosts(settings));
    }

    // ------------------------------------------------------------------------------------------
    // API
    // ------------------------------------------------------------------------------------------

    /** Uploads a ZIP holding one CSV for bulk write; the answer's {@link ZohoResponse#fileId()} feeds the job. */
    public ZohoResponse upload(String fileName, byte[] zip) {
        // quotes, backslashes and line breaks would end the Content-Disposition header's file name early
        String safeName = (fileName == null || fileName.isBlank() ? "upload.zip" : fileName)
                .replaceAll("[\"\\\\\r\n]", "_");
        HttpEntity body = MultipartEntityBuilder.create()
                .setContentType(FORM_DATA)
                .addBinaryBody("file", zip == null ? new byte[0] : zip, ZIP, safeName)
                .build();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("feature", "bulk-write");
        if (!settings.orgId().isEmpty()) {
            headers.put("X-CRM-ORG", settings.orgId());
        }
        return execute("POST", URI.create(settings.uploadUrl()), headers, body);
    }

    /**
     * Creates a bulk-write job; the answer's {@link ZohoResponse#jobId()} is the job to follow. An insert job
     * whose answer is lost (timeout, broken connection, 5xx) is answered {@link Outcome#UNKNOWN}, not made again.
     */
    public ZohoResponse createBulkWriteJob(JsonNode body) {
        // a job that inserts, created twice, inserts its rows twice: sent again only when Zoho surely did not take it
        boolean repeatable = body == null || !"insert".equals(body.path("operation").asText());
        return postJson(URI.create(settings.apiDomain() + "/crm/bulk/" + settings.apiVersion() + "/write"), body, repeatable);
    }

    /** Bulk-write job details: {@link ZohoResponse#jobStatus()}, counts, download URL. */
    public ZohoResponse bulkWriteJob(String jobId) {
        URI uri = URI.create(settings.apiDomain() + "/crm/bulk/" + settings.apiVersion() + "/write/" + segment(jobId));
        return execute("GET", uri, Map.of(), null);
    }

    /** Mass update by ids (per-record entries) or by cvid (scheduled: job id). */
    public ZohoResponse massUpdate(String module, JsonNode body) {
        return postJson(URI.create(settings.apiDomain() + "/crm/" + settings.apiVersion() + "/" + segment(module)
                + "/actions/mass_update"), body, true);
    }

    /** Status of a scheduled mass update: data[0].Status and counts; NOT_FOUND for an unknown job. */
    public ZohoResponse massUpdateStatus(String module, String jobId) {
        URI uri = URI.create(settings.apiDomain() + "/crm/" + settings.apiVersion() + "/" + segment(module)
                + "/actions/mass_update?job_id=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8));
        return execute("GET", uri, Map.of(), null);
    }

    /**
     * Inserts records ({@code POST /crm/{v}/{module}}): {@code records} is the data array or Zoho's whole body.
     * The answer has one {@link ZohoResponse#data()} entry per record, in input order, and is a success whenever
     * Zoho answered per record (201, 207, or 400 when every record failed).
     */
    public ZohoResponse insertRecords(String module, JsonNode records) {
        return records("POST", module, "", records, List.of());
    }

    /** Updates records ({@code PUT /crm/{v}/{module}}), each carrying its "id"; answered as {@link #insertRecords}. */
    public ZohoResponse updateRecords(String module, JsonNode records) {
        return records("PUT", module, "", records, List.of());
    }

    /**
     * Upserts records ({@code POST /crm/{v}/{module}/upsert}), matching existing ones on
     * {@code duplicateCheckFields} in order (empty: the body's, else Zoho's default, the module's system
     * duplicate-check field); each entry's {@link ZohoResponse.Entry#action()} says insert or update.
     */
    public ZohoResponse upsertRecords(String module, JsonNode records, List<String> duplicateCheckFields) {
        return records("POST", module, "/upsert", records, duplicateCheckFields);
    }

    /**
     * Streams an authenticated GET (a bulk-write result) to {@code target}. Refuses hosts that are not
     * Zoho's or our configured ones (DOWNLOAD_HOST_NOT_ALLOWED, nothing sent) and bodies above
     * {@code maxBytes} (DOWNLOAD_TOO_LARGE, partial file deleted). Success details: {file, bytes}.
     */
    public ZohoResponse download(String url, Path target, long maxBytes) {
        return downloads.download(url, target, maxBytes);
    }

    // ------------------------------------------------------------------------------------------
    // Counters for metrics
    // ------------------------------------------------------------------------------------------

    /** Attempts by result code (SUCCESS for a codeless success); a snapshot. */
    public Map<String, Long> callsByCode() {
        return retries.callsByCode();
    }

    public long throttledCount() {
        return retries.throttledCount();
    }

    /** Backoff retries (throttled / server / transport) performed. */
    public long retryCount() {
        return retries.retryCount();
    }

    /** Retries after an auth error with a fresh token. */
    public long authRetryCount() {
        return retries.authRetryCount();
    }

    public OAuthTokenManager tokenManager() {
        return tokens;
    }

    public ZohoCallLimiter limiter() {
        return limiter;
    }

    public ZohoSettings settings() {
        return settings;
    }

    /** Closes the HTTP client's pooled connections (the token manager's too: they share it). */
    @Override
    public void close() {
        http.close();
    }

    // ------------------------------------------------------------------------------------------
    // Plumbing
    // ------------------------------------------------------------------------------------------

    private ZohoResponse postJson(URI uri, JsonNode body, boolean repeatable) {
        byte[] json;
        try {
            json = ZohoResponses.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return retries.count(ZohoResponse.localError("INVALID_REQUEST_BODY", "body cannot be written as JSON"));
        }
        return execute("POST", uri, Map.of(), new ByteArrayEntity(json, JSON), false, 0, repeatable, ZohoResponses::normalize);
    }

    private ZohoResponse records(String method, String module, String action, JsonNode records,
                                 List<String> duplicateCheckFields) {
        ObjectNode body = recordsBody(records, duplicateCheckFields);
        if (body == null) {
            return retries.count(ZohoResponse.localError("INVALID_REQUEST_BODY",
                    "records must be a JSON array or an object with data"));
        }
        byte[] json;
        try {
            json = ZohoResponses.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return retries.count(ZohoResponse.localError("INVALID_REQUEST_BODY", "body cannot be written as JSON"));
        }
        URI uri = URI.create(settings.apiDomain() + "/crm/" + settings.apiVersion() + "/" + segment(module) + action);
        int count = body.path("data").size(); // what the call costs depends on it too
        // an insert applied twice inserts twice: sent again only when Zoho surely did not take it
        boolean repeatable = !("POST".equals(method) && action.isEmpty());
        return execute(method, uri, Map.of(), new ByteArrayEntity(json, JSON), count > COMPLEX_ABOVE_RECORDS, count,
                repeatable, ZohoResponses::normalizeRecords);
    }

    /**
     * Zoho's Records API body from the records or a whole body, the caller's left as it was. "trigger" goes
     * empty unless given: without it Zoho runs every workflow, approval and blueprint on the records.
     */
    static ObjectNode recordsBody(JsonNode records, List<String> duplicateCheckFields) {
        ObjectNode body;
        if (records != null && records.isArray()) {
            body = ZohoResponses.MAPPER.createObjectNode();
            body.set("data", records);
        } else if (records != null && records.isObject() && records.path("data").isArray()) {
            body = ((ObjectNode) records).deepCopy();
        } else {
            return null;
        }
        if (!body.has("trigger")) {
            body.putArray("trigger");
        }
        if (duplicateCheckFields != null && !duplicateCheckFields.isEmpty()) {
            ArrayNode fields = body.putArray("duplicate_check_fields");
            duplicateCheckFields.forEach(fields::add);
        }
        return body;
    }

    private ZohoResponse execute(String method, URI uri, Map<String, String> headers, HttpEntity body) {
        return execute(method, uri, headers, body, false, 0, true, ZohoResponses::normalize);
    }

    /**
     * complex: in Zoho's sub-concurrency group; records: how many a Records API call carries (its price);
     * repeatable: whether it may be sent again after an answer that leaves unknown whether Zoho applied it;
     * reader: how the answer is normalised.
     */
    private ZohoResponse execute(String method, URI uri, Map<String, String> headers, HttpEntity body, boolean complex,
                                 int records, boolean repeatable, BiFunction<Integer, byte[], ZohoResponse> reader) {
        return retries.call(method, uri, complex, ZohoCallCosts.of(method, uri.getRawPath(), records), repeatable, token -> {
            try {
                ZohoHttp.Reply reply = http.exchange(method, uri, token, headers, body);
                // a refusal without the header says nothing about the credits; another answer without it: plenty left
                retries.credits().remainingHeader(reply.creditsRemaining(), reply.status() != 429);
                // parsed after the permit is released: the slot is Zoho's only while Zoho is busy with it
                return () -> reader.apply(reply.status(), reply.body());
            } catch (IOException e) {
                ZohoResponse failure = ZohoHttp.transportFailure(e);
                return () -> failure;
            }
        });
    }

    /** One path segment; Zoho ids and module api names never need escaping, anything else is refused by Zoho. */
    private static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "path segment"), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
