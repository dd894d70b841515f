package io.zohocamel.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process fake of Zoho CRM's accounts server, upload host and API domain on 127.0.0.1: used by the
 * runtime when it has no real credentials and by tests/benchmarks with fault injection. It answers with the
 * bodies and HTTP statuses of Zoho's recorded examples (src/test/resources/zoho-api/examples), quirks included.
 *
 * <p>This class is the map of its endpoints, their lifecycle and the record of the calls they saw. Every call
 * passes the same {@link SandboxGate} (faults, token, method) and is answered by the class of its endpoint
 * group; a new group is one class and one line in {@link #routes()}. Job states follow the (advanceable) clock;
 * due jobs are applied at the start of every call, by a completion timer, and before {@link #records(String)}
 * answers ({@link SandboxJobTimers}). The knobs tests turn are inherited from {@link SandboxControls}.
 */
public final class ZohoSandbox extends SandboxControls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoSandbox.class);

    static {
        // The JDK server writes headers and body separately; with Nagle on, every answer waits ~40 ms for the
        // client's delayed ACK. Must be set before the JDK's ServerConfig class loads (first server created).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Path patterns ({@link SandboxRoute} says how they match); their names are the keys of the call counters. */
    public static final String TOKEN = "/oauth/v2/token";
    public static final String UPLOAD = "/crm/{v}/upload";
    public static final String BULK_WRITE = "/crm/bulk/{v}/write";
    public static final String BULK_WRITE_JOB = "/crm/bulk/{v}/write/{id}";
    public static final String MASS_UPDATE = "/crm/{v}/{module}/actions/mass_update";
    public static final String DOWNLOAD = "/download/bulk-write/{id}.zip";
    public static final String FIELDS = "/crm/{v}/settings/fields";
    /** Records API insert (POST) and update (PUT); after the other /crm/{v}/... paths, which it would take too. */
    public static final String RECORDS = "/crm/{v}/{module}";
    public static final String RECORDS_UPSERT = "/crm/{v}/{module}/upsert";
    public static final String UNMATCHED = "unmatched";

    /** Scope names a token minted with {@link #mintToken(java.util.Set)} may carry. */
    public static final String SCOPE_BULK = SandboxTokens.SCOPE_BULK;
    public static final String SCOPE_MASS_UPDATE = SandboxTokens.SCOPE_MASS_UPDATE;
    public static final String SCOPE_SETTINGS = SandboxTokens.SCOPE_SETTINGS;
    /** Every module's records; narrower: ZohoCRM.modules.leads.ALL, .WRITE, .CREATE (insert, upsert), .UPDATE. */
    public static final String SCOPE_MODULES = SandboxTokens.SCOPE_MODULES;

    private final SandboxGate gate;
    private volatile SandboxHttpServer server;

    public ZohoSandbox() {
        this(SandboxSettings.defaults());
    }

    public ZohoSandbox(SandboxSettings settings) {
        super(settings);
        this.gate = new SandboxGate(routes(), faults, tokens, jobTimers, clock);
    }

    /** The endpoints, by path; the first route whose pattern takes a path answers it. */
    private List<SandboxRoute> routes() {
        SandboxResultDownload results = new SandboxResultDownload(bulkJobs);
        SandboxFields fields = new SandboxFields(records);
        SandboxRecordsApi recordsApi = new SandboxRecordsApi(records);
        return List.of(
                SandboxRoute.accounts(TOKEN).on("POST", (request, path) -> tokens.refresh(request, apiDomain())),
                SandboxRoute.api(UPLOAD, SCOPE_BULK).on("POST", (request, path) -> uploads.upload(request)),
                SandboxRoute.api(BULK_WRITE, SCOPE_BULK).on("POST", (request, path) -> bulkJobs.create(request)),
                SandboxRoute.api(BULK_WRITE_JOB, SCOPE_BULK).on("GET", (request, path) -> bulkJobs.details(path.group("id"))),
                SandboxRoute.api(MASS_UPDATE, SCOPE_MASS_UPDATE).on("POST", massUpdates::post).on("GET", massUpdates::status),
                SandboxRoute.api(DOWNLOAD, SCOPE_BULK).on("GET", (request, path) -> results.download(path.group("id"))),
                SandboxRoute.api(FIELDS, SandboxTokens.SCOPE_FIELDS_READ).on("GET", (request, path) -> fields.list(request)),
                SandboxRoute.api(RECORDS_UPSERT, recordsApi.scopes(true)).on("POST", recordsApi::upsert),
                SandboxRoute.api(RECORDS, recordsApi.scopes(false)).on("POST", recordsApi::insert)
                        .on("PUT", recordsApi::update));
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    /** Binds 127.0.0.1 (settings.port, 0 = free port) and starts serving. */
    public synchronized ZohoSandbox start() {
        if (server != null) {
            return this;
        }
        SandboxHttpServer s = new SandboxHttpServer(settings.port());
        jobTimers.start();
        s.serve(gate::answer);
        server = s;
        LOG.info("Zoho sandbox listening on {}", baseUrl());
        return this;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        jobTimers.stop();
        storage.close();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        SandboxHttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return s.port();
    }

    @Override
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
