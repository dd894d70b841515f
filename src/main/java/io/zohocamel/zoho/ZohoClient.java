package io.zohocamel.zoho;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Metrics;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The only way the runtime talks to Zoho CRM. Every method returns a normalised {@link ZohoResponse}
 * and never throws for Zoho errors or I/O: routes decide on {@link ZohoResponse#outcome()}.
 *
 * <p>Per call: a limiter permit for the HTTP exchange only; on an auth error the token is reported
 * as rejected and the call retried once; on throttling, 5xx and transport failures exponential
 * backoff with full jitter (slept without the permit, so waiting callers don't block others), at
 * most {@code maxRetries} retries. ALREADY_SCHEDULED is retryable too but not here: the scheduler is
 * busy for minutes, so the caller re-queues the job instead.
 */
public final class ZohoClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoClient.class);
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ZohoSettings settings;
    private final OAuthTokenManager tokens;
    private final ZohoCallLimiter limiter;
    /** Downloads (streamed to a file); every other call goes through {@link #exchanges}. */
    private final HttpClient http;
    private final ZohoHttp exchanges;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final ZohoHosts hosts;
    /** Whether calls count in zoho_calls_total (not those of the start-up warm-up, which never reach Zoho). */
    private final boolean metered;

    private final Map<String, LongAdder> callsByCode = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder authRetries = new LongAdder();

    public ZohoClient(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, HttpClient http,
                      Sleeper sleeper) {
        this(settings, tokens, limiter, http, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param jitter yields [0,1): the fraction of the backoff cap actually slept (full jitter) */
    public ZohoClient(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, HttpClient http,
                      Sleeper sleeper, DoubleSupplier jitter) {
        this(settings, tokens, limiter, http, sleeper, jitter, true);
    }

    private ZohoClient(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, HttpClient http,
                       Sleeper sleeper, DoubleSupplier jitter, boolean metered) {
        this.metered = metered;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.http = Objects.requireNonNull(http, "http");
        this.exchanges = new ZohoHttp(settings);
        this.sleeper = sleeper != null ? sleeper : Sleeper.REAL;
        this.jitter = jitter != null ? jitter : () -> ThreadLocalRandom.current().nextDouble();
        this.hosts = new ZohoHosts(settings);
    }

    /** Production wiring: one HTTP client, one token manager (in-memory store), one limiter. */
    public static ZohoClient create(ZohoSettings settings) {
        return wired(settings, true);
    }

    /** As {@link #create}, its calls left out of zoho_calls_total: for a client that never talks to Zoho (the warm-up's). */
    public static ZohoClient unmetered(ZohoSettings settings) {
        return wired(settings, false);
    }

    private static ZohoClient wired(ZohoSettings settings, boolean metered) {
        HttpClient http = newHttpClient(settings);
        return new ZohoClient(settings, new OAuthTokenManager(settings, http),
                new ZohoCallLimiter(settings.maxConcurrentCalls()), http, Sleeper.REAL, null, metered);
    }

    /**
     * HTTP/1.1 (no h2c upgrade dance with plain-http sandboxes), connect timeout, and no automatic
     * redirects: a redirect would carry the token to a host nobody checked.
     */
    public static HttpClient newHttpClient(ZohoSettings settings) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // ------------------------------------------------------------------------------------------
    // API
    // ------------------------------------------------------------------------------------------

    /** Uploads a ZIP holding one CSV for bulk write; the answer's {@link ZohoResponse#fileId()} feeds the job. */
    public ZohoResponse upload(String fileName, byte[] zip) {
        URI uri = URI.create(settings.uploadUrl());
        String boundary = "zohocamel-" + UUID.randomUUID().toString().replace("-", "");
        String safeName = (fileName == null || fileName.isBlank() ? "upload.zip" : fileName)
                .replaceAll("[\"\\\\\r\n]", "_");
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + safeName + "\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = zip == null ? new byte[0] : zip;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("feature", "bulk-write");
        if (!settings.orgId().isEmpty()) {
            headers.put("X-CRM-ORG", settings.orgId());
        }
        return execute("POST", uri, headers, "multipart/form-data; boundary=" + boundary, head, content, tail);
    }

    /** Creates a bulk-write job; the answer's {@link ZohoResponse#jobId()} is the job to follow. */
    public ZohoResponse createBulkWriteJob(JsonNode body) {
        return postJson(URI.create(settings.apiDomain() + "/crm/bulk/" + settings.apiVersion() + "/write"), body);
    }

    /** Bulk-write job details: {@link ZohoResponse#jobStatus()}, counts, download URL. */
    public ZohoResponse bulkWriteJob(String jobId) {
        URI uri = URI.create(settings.apiDomain() + "/crm/bulk/" + settings.apiVersion() + "/write/" + segment(jobId));
        return execute("GET", uri, Map.of(), null);
    }

    /** Mass update by ids (per-record entries) or by cvid (scheduled: job id). */
    public ZohoResponse massUpdate(String module, JsonNode body) {
        return postJson(URI.create(settings.apiDomain() + "/crm/" + settings.apiVersion() + "/" + segment(module)
                + "/actions/mass_update"), body);
    }

    /** Status of a scheduled mass update: data[0].Status and counts; NOT_FOUND for an unknown job. */
    public ZohoResponse massUpdateStatus(String module, String jobId) {
        URI uri = URI.create(settings.apiDomain() + "/crm/" + settings.apiVersion() + "/" + segment(module)
                + "/actions/mass_update?job_id=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8));
        return execute("GET", uri, Map.of(), null);
    }

    /**
     * Streams an authenticated GET (a bulk-write result) to {@code target}. Refuses hosts that are not
     * Zoho's or our configured ones (DOWNLOAD_HOST_NOT_ALLOWED, nothing sent) and bodies above
     * {@code maxBytes} (DOWNLOAD_TOO_LARGE, partial file deleted). Success details: {file, bytes}.
     */
    public ZohoResponse download(String url, Path target, long maxBytes) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return count(ZohoResponse.localError("DOWNLOAD_HOST_NOT_ALLOWED", "not a valid URL"));
        }
        if (!hosts.allowed(uri)) {
            LOG.warn("refusing to download from non-Zoho host {}", uri.getHost());
            return count(ZohoResponse.localError("DOWNLOAD_HOST_NOT_ALLOWED",
                    "refusing to send the Zoho token to host " + uri.getHost()));
        }
        return call("GET", uri, token -> {
            ZohoResponse fetched = fetchToFile(uri, token, target, maxBytes); // the download holds its slot throughout
            return () -> fetched;
        });
    }

    // ------------------------------------------------------------------------------------------
    // Counters for metrics
    // ------------------------------------------------------------------------------------------

    /** Attempts by result code (SUCCESS for a codeless success); a snapshot. */
    public Map<String, Long> callsByCode() {
        Map<String, Long> out = new TreeMap<>();
        callsByCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long throttledCount() {
        return throttled.sum();
    }

    /** Backoff retries (throttled / server / transport) performed. */
    public long retryCount() {
        return retries.sum();
    }

    /** Retries after an auth error with a fresh token. */
    public long authRetryCount() {
        return authRetries.sum();
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

    // ------------------------------------------------------------------------------------------
    // Plumbing
    // ------------------------------------------------------------------------------------------

    /** One HTTP attempt with a given token; must not throw. */
    @FunctionalInterface
    private interface Attempt {
        Answer run(String token) throws InterruptedException;
    }

    /** What an attempt received, read into a ZohoResponse once the call slot is free again. */
    @FunctionalInterface
    private interface Answer {
        ZohoResponse read();
    }

    private ZohoResponse postJson(URI uri, JsonNode body) {
        byte[] json;
        try {
            json = ZohoResponses.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return count(ZohoResponse.localError("INVALID_REQUEST_BODY", "body cannot be written as JSON"));
        }
        return execute("POST", uri, Map.of(), "application/json", json);
    }

    private HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("Authorization", ZohoHttp.authorization(token))
                .header("Accept", "application/json");
    }

    private ZohoResponse execute(String method, URI uri, Map<String, String> headers, String contentType, byte[]... body) {
        return call(method, uri, token -> {
            try {
                ZohoHttp.Reply reply = exchanges.exchange(method, uri, token, headers, contentType, body);
                // parsed after the permit is released: the slot is Zoho's only while Zoho is busy with it
                return () -> ZohoResponses.normalize(reply.status(), reply.body());
            } catch (IOException e) {
                ZohoResponse failure = transportFailure(e);
                return () -> failure;
            }
        });
    }

    private ZohoResponse call(String method, URI uri, Attempt attempt) {
        String path = uri.getRawPath(); // never the query string, never headers
        boolean authRetried = false;
        int retry = 0;
        while (true) {
            String token;
            try {
                // outside the permit: a slow token refresh must not hold a Zoho call slot
                token = tokens.accessToken();
            } catch (ZohoAuthException e) {
                LOG.warn("Zoho call {} {} not made: no access token ({})", method, path, e.code());
                return count(ZohoResponse.authFailure(e.code(), e.getMessage()));
            }
            Answer answer;
            try (ZohoCallLimiter.Permit permit = limiter.acquire()) {
                answer = attempt.run(token);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count(ZohoResponse.localError("INTERRUPTED", "interrupted while calling Zoho"));
            }
            ZohoResponse response = answer.read();
            count(response);
            if (response.isSuccess()) {
                return response;
            }
            LOG.warn("Zoho call failed: {} {} -> {} (HTTP {}, attempt {})", method, path, response.code(),
                    response.httpStatus(), retry + (authRetried ? 2 : 1));
            if (response.outcome() == Outcome.AUTH && !authRetried) {
                authRetried = true;
                authRetries.increment();
                tokens.rejected(token);
                continue;
            }
            if (response.isThrottled()) {
                throttled.increment();
            }
            boolean transient_ = response.isThrottled() || response.isServerOrTransportFailure();
            if (!transient_ || retry >= settings.maxRetries() || Thread.currentThread().isInterrupted()) {
                return response;
            }
            Duration delay = backoff(retry++);
            retries.increment();
            try {
                sleeper.sleep(delay); // without the permit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** Full jitter: uniform in [0, min(max, initial * 2^retry)). */
    Duration backoff(int retry) {
        long cap = Math.max(0, settings.retryInitialDelay().toMillis());
        long max = settings.retryMaxDelay().toMillis();
        for (int i = 0; i < retry && cap < max; i++) {
            cap = cap * 2;
        }
        cap = Math.min(cap, max);
        double fraction = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis((long) (fraction * cap));
    }

    private ZohoResponse fetchToFile(URI start, String token, Path target, long maxBytes) throws InterruptedException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        URI uri = start;
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            for (int hop = 0; ; hop++) {
                HttpRequest req = request(uri, token).header("Accept", "*/*").GET().build();
                HttpResponse<InputStream> response = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream in = response.body()) {
                    if (status >= 300 && status < 400 && hop < MAX_REDIRECTS) {
                        String location = response.headers().firstValue("Location").orElse(null);
                        URI next = location == null ? null : uri.resolve(location);
                        if (next == null || !hosts.allowed(next)) {
                            return ZohoResponse.localError("DOWNLOAD_HOST_NOT_ALLOWED",
                                    "refusing redirect to host " + (next == null ? null : next.getHost()));
                        }
                        uri = next;
                        continue;
                    }
                    if (status / 100 != 2) {
                        return ZohoResponses.normalize(status, in.readNBytes(MAX_ERROR_BODY));
                    }
                    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (declared > maxBytes) {
                        return tooLarge(maxBytes);
                    }
                    long written = copy(in, part, maxBytes);
                    if (written < 0) {
                        Files.deleteIfExists(part);
                        return tooLarge(maxBytes);
                    }
                    move(part, target);
                    return ZohoResponses.downloaded(status, target, written);
                }
            }
        } catch (IOException e) {
            deleteQuietly(part);
            return transportFailure(e);
        } catch (InterruptedException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** Copies at most maxBytes; -1 when the body is longer. */
    private static long copy(InputStream in, Path part, long maxBytes) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(part)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    return -1;
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a stale .part file is overwritten by the next attempt
        }
    }

    private static ZohoResponse tooLarge(long maxBytes) {
        return ZohoResponse.localError("DOWNLOAD_TOO_LARGE", "download larger than " + maxBytes + " bytes");
    }

    private static ZohoResponse transportFailure(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectTimeoutException) {
            return ZohoResponse.transportFailure("CONNECTION_FAILED", "connect timeout");
        }
        if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            return ZohoResponse.transportFailure("TIMEOUT", "no answer within the read timeout");
        }
        return ZohoResponse.transportFailure("CONNECTION_FAILED", e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** Closes the pooled connections of the slot-holding calls. */
    @Override
    public void close() {
        exchanges.close();
    }

    private ZohoResponse count(ZohoResponse response) {
        String key = response.code() != null ? response.code() : (response.isSuccess() ? "SUCCESS" : "UNKNOWN");
        callsByCode.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (metered) {
            // exposed on /observe/metrics as zoho_calls_total{code=...}
            Metrics.counter("zoho.calls", "code", key).increment();
        }
        return response;
    }

    /** One path segment; Zoho ids and module api names never need escaping, anything else is refused by Zoho. */
    private static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "path segment"), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
