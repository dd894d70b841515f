package io.zohocamel.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The client against a fake Zoho (token endpoint + CRM API) on 127.0.0.1. */
class ZohoClientTest {

    /** One recorded request of the fake. */
    record Seen(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** Answer of the fake to one API request. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json"));
        }
    }

    @FunctionalInterface
    interface Handler {
        Answer handle(Seen request, int callNumber) throws Exception;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OK_JOB = "{\"status\":\"COMPLETED\",\"id\":\"77\",\"resource\":[]}";
    private static final String INVALID_TOKEN =
            "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}";
    private static final String TOO_MANY =
            "{\"code\":\"TOO_MANY_REQUESTS\",\"details\":{},\"message\":\"too many requests\",\"status\":\"error\"}";

    private HttpServer server;
    private FakeTokenEndpoint tokenEndpoint;
    private final List<Seen> apiRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Handler handler = (req, n) -> Answer.json(200, OK_JOB);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private ExecutorService serverPool;
    private final List<ZohoClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        serverPool = Executors.newCachedThreadPool();
        server.setExecutor(serverPool);
        tokenEndpoint = new FakeTokenEndpoint(server);
        server.createContext("/", this::api);
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(ZohoClient::close);
        server.stop(0);
        serverPool.shutdownNow();
    }

    private void api(HttpExchange ex) throws IOException {
        Answer answer;
        // counted until the answer is ready, not until it is written: once written, the client may
        // release its permit and send the next call before this thread gets to decrement
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Seen seen = new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(),
                    Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes());
            apiRequests.add(seen);
            answer = handler.handle(seen, apiCalls.incrementAndGet());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            inFlight.decrementAndGet();
        }
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.ISO_8859_1);
        ex.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private ZohoSettings settings(int maxConcurrent) {
        return TestSettings.at(base()).orgId("org-42")
                .maxConcurrentCalls(maxConcurrent).readTimeout(Duration.ofSeconds(5)).maxRetries(3)
                .retryInitialDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofSeconds(2)).build();
    }

    private ZohoClient client(ZohoSettings s, TokenStore store) {
        ZohoHttp http = new ZohoHttp(s);
        OAuthTokenManager tokens = new OAuthTokenManager(s, http, java.time.Clock.systemUTC(), store, null);
        ZohoClient client = new ZohoClient(s, tokens, new ZohoCallLimiter(s.maxConcurrentCalls()), http, sleeps::add,
                () -> 0.5);
        clients.add(client);
        return client;
    }

    private ZohoClient client(ZohoSettings s) {
        return client(s, new InMemoryTokenStore());
    }

    private ZohoClient client() {
        return client(settings(5));
    }

    @Test
    void sendsTheTokenAndNormalises() {
        ZohoClient c = client();
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.jobStatus()).isEqualTo("COMPLETED");
        assertThat(apiRequests).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.pathAndQuery()).isEqualTo("/crm/bulk/v8/write/77");
            assertThat(s.header("Authorization")).isEqualTo("Zoho-oauthtoken tok-1");
        });
        assertThat(c.callsByCode()).containsEntry("SUCCESS", 1L);
    }

    @Test
    void invalidTokenCausesOneRefreshAndOneRetry() {
        Instant now = Instant.now();
        InMemoryTokenStore store = new InMemoryTokenStore(new StoredToken("stale", null, now, now.plusSeconds(3600)));
        handler = (req, n) -> "Zoho-oauthtoken stale".equals(req.header("Authorization"))
                ? Answer.json(401, INVALID_TOKEN) : Answer.json(200, OK_JOB);
        ZohoClient c = client(settings(5), store);

        ZohoResponse r = c.bulkWriteJob("77");

        assertThat(r.isSuccess()).isTrue();
        assertThat(tokenEndpoint.calls).hasValue(1);
        assertThat(c.tokenManager().refreshCount()).isEqualTo(1);
        assertThat(apiRequests).extracting(s -> s.header("Authorization"))
                .containsExactly("Zoho-oauthtoken stale", "Zoho-oauthtoken tok-1");
        assertThat(c.authRetryCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void authErrorIsRetriedOnlyOnce() {
        handler = (req, n) -> Answer.json(401, INVALID_TOKEN);
        ZohoClient c = client();
        ZohoResponse r = c.massUpdateStatus("Leads", "1");
        assertThat(r.outcome()).isEqualTo(Outcome.AUTH);
        assertThat(r.code()).isEqualTo("INVALID_TOKEN");
        assertThat(apiCalls).hasValue(2);
        assertThat(tokenEndpoint.calls).hasValue(2);
    }

    @Test
    void tokenFailureBecomesAnAuthResponseWithoutCallingZoho() {
        tokenEndpoint.answer = n -> "{\"error\":\"invalid_client\"}";
        ZohoClient c = client();
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.outcome()).isEqualTo(Outcome.AUTH);
        assertThat(r.code()).isEqualTo("INVALID_CLIENT");
        assertThat(apiCalls).hasValue(0);
    }

    @Test
    void throttledThenSuccessIsRetriedWithBackoff() {
        handler = (req, n) -> n <= 2 ? Answer.json(429, TOO_MANY) : Answer.json(200, OK_JOB);
        ZohoClient c = client();
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.isSuccess()).isTrue();
        assertThat(apiCalls).hasValue(3);
        // full jitter with a fixed 0.5: half of 100 ms, then half of 200 ms
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(c.throttledCount()).isEqualTo(2);
        assertThat(c.retryCount()).isEqualTo(2);
        assertThat(c.callsByCode()).containsEntry("TOO_MANY_REQUESTS", 2L).containsEntry("SUCCESS", 1L);
    }

    @Test
    void givesUpAfterMaxRetriesAndReturnsTheLastAnswer() {
        handler = (req, n) -> Answer.json(500,
                "{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"oops\",\"status\":\"error\"}");
        ZohoClient c = client();
        ZohoResponse r = c.massUpdate("Leads", MAPPER.createObjectNode());
        assertThat(r.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(apiCalls).hasValue(4); // 1 + maxRetries 3
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void permanentErrorsAndAlreadyScheduledAreNotRetried() {
        handler = (req, n) -> Answer.json(400, "{\"code\":\"ALREADY_SCHEDULED\",\"details\":{\"api_name\":\"cvid\"},"
                + "\"message\":\"busy\",\"status\":\"error\"}");
        ZohoClient c = client();
        ZohoResponse r = c.massUpdate("Leads", MAPPER.createObjectNode().put("cvid", "1"));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(apiCalls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void transportFailureIsRetriedThenReported() {
        ZohoSettings s = settings(5).toBuilder().apiDomain("http://127.0.0.1:1").build(); // nothing listens on port 1
        ZohoClient c = client(s);
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.code()).isEqualTo("CONNECTION_FAILED");
        assertThat(r.httpStatus()).isZero();
        assertThat(r.isServerOrTransportFailure()).isTrue();
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void gzipAnswersAreAskedForAndDecompressed() throws Exception {
        // 500 updated records are about 165 KB of JSON a call: compressed, a tenth of it crosses the network
        String json = "{\"data\":[{\"code\":\"SUCCESS\",\"details\":{\"id\":\"4150868000000224001\"},"
                + "\"message\":\"record updated\",\"status\":\"success\"}]}";
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        handler = (req, n) -> new Answer(200, new String(zipped.toByteArray(), StandardCharsets.ISO_8859_1),
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"));
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("ids").add("4150868000000224001");
        ZohoResponse r = client().massUpdate("Leads", body);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.data()).extracting(ZohoResponse.Entry::id).containsExactly("4150868000000224001");
        assertThat(apiRequests.get(0).header("Accept-Encoding")).contains("gzip");
    }

    @Test
    void readTimeoutIsReportedAsTimeout() {
        handler = (req, n) -> {
            Thread.sleep(1500);
            return Answer.json(200, OK_JOB);
        };
        ZohoSettings s = settings(5).toBuilder().readTimeout(Duration.ofMillis(300)).maxRetries(0).build();
        ZohoResponse r = client(s).bulkWriteJob("77");
        assertThat(r.code()).isEqualTo("TIMEOUT");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void concurrencyCapIsNeverExceeded() throws Exception {
        handler = (req, n) -> {
            Thread.sleep(40);
            return Answer.json(200, OK_JOB);
        };
        ZohoClient c = client(settings(5));
        c.tokenManager().accessToken();
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ZohoResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = String.valueOf(i);
            futures.add(pool.submit(() -> {
                go.await();
                return c.bulkWriteJob(id);
            }));
        }
        go.countDown();
        for (Future<ZohoResponse> f : futures) {
            assertThat(f.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        pool.shutdown();
        assertThat(apiCalls).hasValue(30);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(5).isGreaterThan(1);
        assertThat(c.limiter().maxObservedInFlight()).isLessThanOrEqualTo(5);
        assertThat(c.limiter().inFlight()).isZero();
        assertThat(tokenEndpoint.calls).hasValue(1);
    }

    @Test
    void uploadSendsMultipartFileWithBulkWriteHeaders() {
        handler = (req, n) -> Answer.json(200, "{\"status\":\"success\",\"code\":\"FILE_UPLOAD_SUCCESS\","
                + "\"message\":\"file uploaded.\",\"details\":{\"file_id\":\"4150868000005364001\",\"created_time\":\"x\"}}");
        byte[] zip = {'P', 'K', 3, 4, 1, 2, 3, (byte) 0xff};
        ZohoClient c = client();

        ZohoResponse r = c.upload("leads.zip", zip);

        assertThat(r.fileId()).contains("4150868000005364001");
        Seen seen = apiRequests.get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.pathAndQuery()).isEqualTo("/crm/v8/upload");
        assertThat(seen.header("feature")).isEqualTo("bulk-write");
        assertThat(seen.header("X-CRM-ORG")).isEqualTo("org-42");
        assertThat(seen.header("Authorization")).isEqualTo("Zoho-oauthtoken tok-1");
        String contentType = seen.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        String body = new String(seen.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith("--" + boundary + "\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"leads.zip\"\r\n")
                .contains("Content-Type: application/zip\r\n\r\n" + new String(zip, StandardCharsets.ISO_8859_1) + "\r\n--"
                        + boundary + "--");
    }

    @Test
    void uploadOmitsOrgHeaderWhenOrgIdIsEmpty() {
        handler = (req, n) -> Answer.json(200, "{\"status\":\"success\",\"code\":\"FILE_UPLOAD_SUCCESS\",\"details\":{\"file_id\":\"1\"}}");
        ZohoClient c = client(settings(5).toBuilder().orgId("").build());
        assertThat(c.upload("a.zip", new byte[] {1}).isSuccess()).isTrue();
        assertThat(apiRequests.get(0).header("X-CRM-ORG")).isNull();
    }

    @Test
    void createJobAndMassUpdatePostJsonToTheRightPaths() throws Exception {
        handler = (req, n) -> req.pathAndQuery().contains("bulk")
                ? Answer.json(201, "{\"status\":\"success\",\"code\":\"SUCCESS\",\"message\":\"success\",\"details\":{\"id\":\"55\"}}")
                : Answer.json(200, "{\"data\":[{\"code\":\"SUCCESS\",\"details\":{\"job_id\":\"66\"},\"message\":\"ok\",\"status\":\"success\"}]}");
        ZohoClient c = client();
        ObjectNode job = MAPPER.createObjectNode().put("operation", "insert");
        assertThat(c.createBulkWriteJob(job).jobId()).contains("55");
        assertThat(c.massUpdate("Leads", MAPPER.createObjectNode().put("cvid", "9")).jobId()).contains("66");
        assertThat(apiRequests.get(0).pathAndQuery()).isEqualTo("/crm/bulk/v8/write");
        assertThat(apiRequests.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(MAPPER.readTree(apiRequests.get(0).body()).path("operation").asText()).isEqualTo("insert");
        assertThat(apiRequests.get(1).pathAndQuery()).isEqualTo("/crm/v8/Leads/actions/mass_update");
    }

    @Test
    void massUpdateStatusOfUnknownJobIsNotFound() {
        handler = (req, n) -> new Answer(404, null, Map.of());
        ZohoClient c = client();
        ZohoResponse r = c.massUpdateStatus("Accounts", "554023000000506003");
        assertThat(r.code()).isEqualTo("NOT_FOUND");
        assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(apiRequests.get(0).pathAndQuery()).isEqualTo("/crm/v8/Accounts/actions/mass_update?job_id=554023000000506003");
    }

    @Test
    void downloadRefusesAForeignHostWithoutARequest(@TempDir Path dir) {
        ZohoClient c = client();
        Path target = dir.resolve("result.zip");
        int port = server.getAddress().getPort();
        for (String url : List.of("http://localhost:" + port + "/result.zip", // same fake, but not a configured host
                "https://download.evil.example/result.zip",
                "https://zohoapis.evil.com/x.zip",
                "https://evilzoho.com/x.zip",
                "http://download-accl.zoho.com/x.zip", // Zoho, but not over TLS
                "file:///etc/passwd")) {
            ZohoResponse r = c.download(url, target, 1000);
            assertThat(r.code()).as(url).isEqualTo("DOWNLOAD_HOST_NOT_ALLOWED");
            assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
        }
        assertThat(apiCalls).hasValue(0);
        assertThat(tokenEndpoint.calls).hasValue(0);
        assertThat(target).doesNotExist();
    }

    @Test
    void downloadStreamsToTheTarget(@TempDir Path dir) throws IOException {
        String content = "PK-result-content";
        handler = (req, n) -> new Answer(200, content, Map.of("Content-Type", "application/zip"));
        ZohoClient c = client();
        Path target = dir.resolve("out/result.zip");
        ZohoResponse r = c.download(base() + "/v2/crm/1/bulk-write/2/2.zip", target, 1000);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.details().path("bytes").asLong()).isEqualTo(content.length());
        assertThat(Files.readString(target)).isEqualTo(content);
        assertThat(apiRequests.get(0).header("Authorization")).isEqualTo("Zoho-oauthtoken tok-1");
    }

    @Test
    void downloadRefusesTooLargeBodiesAndDeletesThePartialFile(@TempDir Path dir) {
        handler = (req, n) -> new Answer(200, "x".repeat(5000), Map.of());
        ZohoClient c = client();
        Path target = dir.resolve("result.zip");
        ZohoResponse r = c.download(base() + "/big.zip", target, 1000);
        assertThat(r.code()).isEqualTo("DOWNLOAD_TOO_LARGE");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("result.zip.part")).doesNotExist();
    }

    @Test
    void downloadRefusesARedirectToAForeignHost(@TempDir Path dir) {
        handler = (req, n) -> new Answer(302, null, Map.of("Location", "https://attacker.example/steal"));
        ZohoResponse r = client().download(base() + "/redirect.zip", dir.resolve("r.zip"), 1000);
        assertThat(r.code()).isEqualTo("DOWNLOAD_HOST_NOT_ALLOWED");
        assertThat(apiCalls).hasValue(1);
    }

    @Test
    void downloadFollowsARedirectToAnAllowedHostWithTheToken(@TempDir Path dir) throws IOException {
        handler = (req, n) -> req.pathAndQuery().equals("/redirect.zip")
                ? new Answer(302, null, Map.of("Location", "/real.zip"))
                : new Answer(200, "PK-real", Map.of("Content-Type", "application/zip"));
        Path target = dir.resolve("r.zip");
        ZohoResponse r = client().download(base() + "/redirect.zip", target, 1000);
        assertThat(r.isSuccess()).isTrue();
        assertThat(Files.readString(target)).isEqualTo("PK-real");
        assertThat(apiRequests).extracting(Seen::pathAndQuery).containsExactly("/redirect.zip", "/real.zip");
        assertThat(apiRequests).extracting(s -> s.header("Authorization")).containsOnly("Zoho-oauthtoken tok-1");
    }

    @Test
    void downloadStopsAnEndlessBodyAtTheCapWithoutReadingTheRest(@TempDir Path dir) throws Exception {
        // no Content-Length, so only the copy's count can stop it; the rest must be dropped, not drained
        long limit = 256L * 1024 * 1024;
        CompletableFuture<Long> sent = new CompletableFuture<>();
        server.createContext("/endless.zip", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 0); // chunked
            byte[] block = new byte[64 * 1024];
            long total = 0;
            try (OutputStream out = ex.getResponseBody()) {
                while (total < limit) {
                    out.write(block);
                    total += block.length;
                }
            } catch (IOException e) {
                sent.complete(total); // the client hung up
                return;
            }
            sent.complete(-1L);
        });
        Path target = dir.resolve("endless.zip");
        ZohoResponse r = client().download(base() + "/endless.zip", target, 100_000);
        assertThat(r.code()).isEqualTo("DOWNLOAD_TOO_LARGE");
        assertThat(sent.get(30, TimeUnit.SECONDS)).as("bytes written before the client hung up")
                .isBetween(100_000L, limit - 1);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("endless.zip.part")).doesNotExist();
    }

    @Test
    void uploadFileNameCannotBreakOutOfItsHeader() {
        handler = (req, n) -> Answer.json(200, "{\"status\":\"success\",\"code\":\"FILE_UPLOAD_SUCCESS\",\"details\":{\"file_id\":\"1\"}}");
        client().upload("a\"b\\c\r\nX-Evil: 1.zip", new byte[] {1});
        String body = new String(apiRequests.get(0).body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("filename=\"a_b_c__X-Evil: 1.zip\"\r\n").doesNotContain("\r\nX-Evil");
    }

    @Test
    void failureLogsCarryNeitherTokenNorQuery() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ZohoRetries.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            handler = (req, n) -> Answer.json(401, INVALID_TOKEN);
            client().massUpdateStatus("Leads", "12345");
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).extracting(e -> e.getFormattedMessage())
                .allSatisfy(msg -> assertThat(msg).contains("/crm/v8/Leads/actions/mass_update")
                        .doesNotContain("job_id").doesNotContain("tok-").doesNotContain("Zoho-oauthtoken"));
    }

    @Test
    void countersByCode() {
        handler = (req, n) -> n == 1 ? Answer.json(400, "{\"code\":\"INVALID_DATA\",\"status\":\"error\",\"message\":\"x\"}")
                : Answer.json(200, OK_JOB);
        ZohoClient c = client();
        c.bulkWriteJob("1");
        c.bulkWriteJob("2");
        assertThat(c.callsByCode()).containsEntry("INVALID_DATA", 1L).containsEntry("SUCCESS", 1L);
    }
}
