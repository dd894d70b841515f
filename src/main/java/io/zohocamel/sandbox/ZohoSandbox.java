package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process fake of Zoho CRM's accounts server, upload host and API domain on 127.0.0.1: used by the
 * runtime when it has no real credentials and by tests/benchmarks with fault injection. It answers with the
 * bodies and HTTP statuses of Zoho's recorded examples (src/test/resources/zoho-api/examples), quirks included.
 *
 * <p>Every call passes the same gate, in this order: concurrency cap (429), latency, outage (500),
 * random 429 / 500, path pattern (404 INVALID_URL_PATTERN), token and scope (401), method (400), handler.
 * Job states are computed from the (advanceable) clock; due jobs are applied at the start of every call, by
 * a completion timer, and before {@link #records(String)} answers, so the store never depends on who looks first.
 */
public final class ZohoSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoSandbox.class);
    private static final String V = "v\\d+(?:\\.\\d+)?";

    static {
        // The JDK server writes headers and body separately; with Nagle on, every answer waits ~40 ms for the
        // client's delayed ACK. Must be set before the JDK's ServerConfig class loads (first server created).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Path patterns; their names are the keys of the call counters. */
    public static final String TOKEN = "/oauth/v2/token";
    public static final String UPLOAD = "/crm/{v}/upload";
    public static final String BULK_WRITE = "/crm/bulk/{v}/write";
    public static final String BULK_WRITE_JOB = "/crm/bulk/{v}/write/{id}";
    public static final String MASS_UPDATE = "/crm/{v}/{module}/actions/mass_update";
    public static final String DOWNLOAD = "/download/bulk-write/{id}.zip";
    public static final String UNMATCHED = "unmatched";

    /** Scope names a token minted with {@link #mintToken(Set)} may carry. */
    public static final String SCOPE_BULK = SandboxTokens.SCOPE_BULK;
    public static final String SCOPE_MASS_UPDATE = SandboxTokens.SCOPE_MASS_UPDATE;

    private record Route(String pattern, Pattern regex, Set<String> methods, String scope) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(TOKEN, Pattern.compile("^/oauth/v2/token/?$"), Set.of("POST"), null),
            new Route(UPLOAD, Pattern.compile("^/crm/(" + V + ")/upload/?$"), Set.of("POST"), SandboxTokens.SCOPE_BULK),
            new Route(BULK_WRITE, Pattern.compile("^/crm/bulk/(" + V + ")/write/?$"), Set.of("POST"),
                    SandboxTokens.SCOPE_BULK),
            new Route(BULK_WRITE_JOB, Pattern.compile("^/crm/bulk/(" + V + ")/write/([^/]+)/?$"), Set.of("GET"),
                    SandboxTokens.SCOPE_BULK),
            new Route(MASS_UPDATE, Pattern.compile("^/crm/(" + V + ")/([A-Za-z0-9_]+)/actions/mass_update/?$"),
                    Set.of("POST", "GET"), SandboxTokens.SCOPE_MASS_UPDATE),
            new Route(DOWNLOAD, Pattern.compile("^/download/bulk-write/([^/]+)\\.zip$"), Set.of("GET"),
                    SandboxTokens.SCOPE_BULK));

    private final SandboxSettings settings;
    private final SandboxClock clock = new SandboxClock();
    private final SandboxIds ids = new SandboxIds();
    private final SandboxFaults faults;
    private final SandboxTokens tokens;
    private final SandboxRecords records;
    private final SandboxUploads uploads;
    private final SandboxCallbacks callbacks = new SandboxCallbacks();
    private final SandboxBulkJobs bulkJobs;
    private final SandboxMassUpdates massUpdates;
    private volatile HttpServer server;
    private ExecutorService pool;
    private ScheduledExecutorService timers;

    public ZohoSandbox() {
        this(SandboxSettings.defaults());
    }

    public ZohoSandbox(SandboxSettings settings) {
        this.settings = settings;
        this.faults = new SandboxFaults(settings);
        this.tokens = new SandboxTokens(clock, settings.tokenLifetime());
        this.records = new SandboxRecords(ids, clock);
        this.uploads = new SandboxUploads(ids, clock);
        this.bulkJobs = new SandboxBulkJobs(ids, clock, records, uploads, callbacks, this::baseUrl, settings.jobStep());
        this.massUpdates = new SandboxMassUpdates(ids, clock, records, settings.jobStep());
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    /** Binds 127.0.0.1 (settings.port, 0 = free port) and starts serving. */
    public synchronized ZohoSandbox start() {
        if (server != null) {
            return this;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 512);
            // 64 threads: well above any sane cap, so the concurrency cap, not the pool, decides 429s
            pool = Executors.newFixedThreadPool(64, daemonThreads("zoho-sandbox-http"));
            timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("zoho-sandbox-timer"));
            s.setExecutor(pool);
            s.createContext("/", this::handle);
            s.start();
            server = s;
            LOG.info("Zoho sandbox listening on {}", baseUrl());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Zoho sandbox", e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        pool.shutdownNow();
        timers.shutdownNow();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return s.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String accountsUrl() {
        return baseUrl();
    }

    public String apiDomain() {
        return baseUrl();
    }

    public String uploadUrl(String version) {
        return baseUrl() + "/crm/" + version + "/upload";
    }

    public SandboxSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) {
        SandboxResponse response;
        SandboxRequest request = null;
        String pattern = UNMATCHED;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            request = new SandboxRequest(exchange.getRequestMethod().toUpperCase(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            Route route = null;
            Matcher matcher = null;
            for (Route r : ROUTES) {
                Matcher m = r.regex().matcher(request.path());
                if (m.matches()) {
                    route = r;
                    matcher = m;
                    break;
                }
            }
            pattern = route == null ? UNMATCHED : route.pattern();
            faults.countCall(request.method(), pattern);
            boolean api = route == null || route.scope() != null;
            int inFlight = api ? faults.enter() : 0;
            long entered = System.nanoTime();
            try {
                response = gate(request, route, matcher, api, inFlight);
            } catch (RuntimeException e) {
                LOG.warn("sandbox handler failed for {} {}", request.method(), request.path(), e);
                response = SandboxErrors.internalError();
            } finally {
                if (api) {
                    faults.exit(System.nanoTime() - entered); // before writing: a client that got its answer is no longer in flight
                }
            }
            if (response.status() == 429) {
                faults.counted429();
            }
            faults.log(new SandboxLoggedRequest(clock.now(), request.method(), request.path(), request.query(),
                    pattern, request.isJson() ? new String(body, StandardCharsets.UTF_8) : null, response.status()));
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("sandbox could not answer {}: {}", request == null ? "?" : request.path(), e.toString());
        }
    }

    private SandboxResponse gate(SandboxRequest request, Route route, Matcher matcher, boolean api, int inFlight) {
        if (api && inFlight > faults.concurrencyCap) {
            return SandboxErrors.tooManyRequests();
        }
        sleep(faults.latency);
        if (faults.outage) {
            return SandboxErrors.internalError();
        }
        if (route != null && TOKEN.equals(route.pattern())) {
            return "POST".equals(request.method()) ? tokens.refresh(request, apiDomain())
                    : SandboxErrors.invalidRequestMethod();
        }
        if (faults.rate429 > 0 && faults.draw() < faults.rate429) {
            return SandboxErrors.tooManyRequests();
        }
        if (faults.rate500 > 0 && faults.draw() < faults.rate500) {
            return SandboxErrors.internalError();
        }
        tick();
        SandboxTokens.Check check = tokens.check(request.header("Authorization"), route == null ? null : route.scope());
        if (!check.ok()) {
            return check.error();
        }
        if (route == null) {
            return SandboxErrors.invalidUrlPattern();
        }
        if (!route.methods().contains(request.method())) {
            return SandboxErrors.invalidRequestMethod();
        }
        switch (route.pattern()) {
            case UPLOAD:
                return uploads.upload(request);
            case BULK_WRITE: {
                SandboxResponse created = bulkJobs.create(request);
                scheduleCompletionTimer(created);
                return created;
            }
            case BULK_WRITE_JOB:
                return bulkJobs.details(matcher.group(2));
            case DOWNLOAD:
                return bulkJobs.download(matcher.group(1));
            case MASS_UPDATE: {
                String module = records.module(matcher.group(2)).orElse(null);
                if (module == null) {
                    return SandboxErrors.invalidModule();
                }
                return "GET".equals(request.method()) ? massUpdates.status(module, request)
                        : massUpdates.post(module, request);
            }
            default:
                return SandboxErrors.invalidUrlPattern();
        }
    }

    /** Only callbacks need a timer: it applies the job when due even if nobody polls, then calls back. */
    private void scheduleCompletionTimer(SandboxResponse created) {
        if (created.status() != 201) {
            return;
        }
        JsonNode body = SandboxJson.parse(created.body());
        Instant at = bulkJobs.completesAt(body.path("details").path("id").asText());
        scheduleTick(at);
    }

    private void scheduleTick(Instant at) {
        ScheduledExecutorService t = timers;
        if (at == null || t == null || t.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.now(), at).toMillis()) + 5;
        try {
            t.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("sandbox timer not scheduled: {}", e.toString());
        }
    }

    private void tick() {
        bulkJobs.tick();
        massUpdates.tick();
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------------------------------ faults

    public void setLatency(Duration latency) {
        faults.latency = latency;
    }

    public void setRate429(double rate) {
        faults.rate429 = rate;
    }

    public void setRate500(double rate) {
        faults.rate500 = rate;
    }

    public void setConcurrencyCap(int cap) {
        faults.concurrencyCap = cap;
    }

    /** Every call, the token endpoint included, answers 500 INTERNAL_ERROR while on. */
    public void setOutage(boolean outage) {
        faults.outage = outage;
    }

    /** Makes the random 429/500 draws reproducible. */
    public void setRandomSeed(long seed) {
        faults.seed(seed);
    }

    /** Lifetime of tokens minted from now on. */
    public void setTokenLifetime(Duration lifetime) {
        tokens.setLifetime(lifetime);
    }

    /** State duration of jobs created from now on. */
    public void setJobStep(Duration step) {
        bulkJobs.setStep(step);
        massUpdates.setStep(step);
    }

    /** "IN PROGRESS" (default) or the older "INPROGRESS" spelling of the bulk-write job status. */
    public void setInProgressSpelling(String spelling) {
        bulkJobs.setInProgressSpelling(spelling);
    }

    /** Moves the sandbox clock forward (token expiry, refresh budget window, job states) without sleeping. */
    public void advanceTime(Duration by) {
        clock.advance(by);
        tick();
    }

    public Instant now() {
        return clock.now();
    }

    /** The job vanishes: job details answer RESOURCE_NOT_FOUND, mass-update status 404. */
    public boolean forgetJob(String jobId) {
        boolean bulk = bulkJobs.forget(jobId);
        boolean mass = massUpdates.forget(jobId);
        return bulk || mass;
    }

    /** New cvid mass-update jobs end FAILED (nothing written) while on. */
    public void setFailMassUpdates(boolean fail) {
        massUpdates.setFailJobs(fail);
    }

    /** Callback URLs on this host are refused at job creation (INVALID_CALLBACK_URL, "possible ssrf attempt"). */
    public void blockCallbackHost(String host) {
        callbacks.block(host);
    }

    /** Off = completed jobs do not POST their callback (tests replaying examples with real-world URLs). */
    public void setCallbacksEnabled(boolean enabled) {
        callbacks.setEnabled(enabled);
    }

    public List<SandboxCallback> callbacks() {
        return callbacks.log();
    }

    // ------------------------------------------------------------------------------------------ tokens

    /** A token carrying every scope, without touching the refresh budget. */
    public String mintToken() {
        return tokens.mint(SandboxTokens.ALL_SCOPES);
    }

    /** A token with just these scopes ({@link #SCOPE_BULK}, {@link #SCOPE_MASS_UPDATE}); others get 401 OAUTH_SCOPE_MISMATCH. */
    public String mintToken(Set<String> scopes) {
        return tokens.mint(scopes);
    }

    /** All access tokens issued so far answer 401 INVALID_TOKEN from now on. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** The token endpoint answers {"error":"invalid_code"} for this refresh token from now on. */
    public void revokeRefreshToken(String refreshToken) {
        tokens.revokeRefreshToken(refreshToken);
    }

    /** Access tokens minted by the token endpoint (not by {@link #mintToken}). */
    public int tokensMinted() {
        return tokens.minted();
    }

    // ------------------------------------------------------------------------------------------ data

    /** Registers a custom module (standard modules are known already). */
    public void addModule(String apiName) {
        records.addModule(apiName);
    }

    /** Registers a field mass update may touch on a module with a known field list (Leads, Contacts, Accounts, Deals). */
    public void addField(String module, String field) {
        records.addField(canonical(module), field);
    }

    /** The layout's mandatory fields for insert/upsert (defaults: Leads/Contacts Last_Name, Accounts Account_Name, Deals Deal_Name+Stage). */
    public void setMandatoryFields(String module, List<String> fields) {
        records.setMandatoryFields(canonical(module), fields);
    }

    /** Snapshot of a module's records, each with its "id"; due jobs are applied first. */
    public List<Map<String, String>> records(String module) {
        tick();
        return records.snapshot(canonical(module));
    }

    public String putRecord(String module, Map<String, String> fields) {
        return records.insert(canonical(module), fields);
    }

    public String putRecord(String module, String id, Map<String, String> fields) {
        return records.insert(canonical(module), id, fields);
    }

    /** Makes a file id known as if it had been uploaded (name = CSV file name inside the ZIP). */
    public void seedFile(String fileId, String name, List<String> header, List<List<String>> rows) {
        uploads.seed(SandboxCsvFile.of(fileId, name, header, rows, clock.now()));
    }

    /** Accepted uploads, oldest first. */
    public List<SandboxUpload> uploads() {
        return uploads.log();
    }

    /** Creates a bulk-write job with a given id from a create-job request body; throws with Zoho's error body if invalid. */
    public String seedBulkJob(String jobId, String createJobJson) {
        SandboxResponse r = bulkJobs.create(jobId, SandboxJson.parse(createJobJson.getBytes(StandardCharsets.UTF_8)));
        if (r.status() != 201) {
            throw new IllegalArgumentException(new String(r.body(), StandardCharsets.UTF_8));
        }
        scheduleTick(bulkJobs.completesAt(jobId));
        return jobId;
    }

    /** Current status of a bulk-write job (ADDED, IN PROGRESS, COMPLETED), or null when unknown. */
    public String bulkJobStatus(String jobId) {
        tick();
        SandboxBulkJobs.BulkJob job = bulkJobs.job(jobId);
        return job == null ? null : bulkJobs.status(job, clock.now());
    }

    /** Schedules a cvid mass-update job with a given id, created now; fail = it ends FAILED. */
    public void seedMassUpdateJob(String jobId, String module, String cvid, Map<String, String> values, boolean fail) {
        massUpdates.seed(jobId, canonical(module), cvid, values, fail);
    }

    /** Module names are case-insensitive, as in Zoho's URLs; unknown names are used as given. */
    private String canonical(String module) {
        return records.module(module).orElse(module);
    }

    // ------------------------------------------------------------------------------------------ observation

    /** Calls seen for a method and path pattern (e.g. "POST", {@link #UPLOAD}), faulted ones included. */
    public int calls(String method, String pattern) {
        return faults.calls(method, pattern);
    }

    /** All call counters, keyed "METHOD pattern". */
    public Map<String, Integer> callCounts() {
        return faults.callCounts();
    }

    public int tooManyRequestsSent() {
        return faults.sent429();
    }

    public int maxInFlight() {
        return faults.maxInFlight();
    }

    /** Time API calls have spent inside the sandbox since the last reset, latency included, summed over calls. */
    public Duration busyTime() {
        return Duration.ofNanos(faults.busyNanos());
    }

    /** The last 10,000 calls, oldest first. */
    public List<SandboxLoggedRequest> requestLog() {
        return faults.log();
    }

    /** Clears the request log, call counters, 429 count and max-in-flight mark. */
    public void resetObservations() {
        faults.reset();
    }
}
