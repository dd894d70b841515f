package io.zohocamel.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the ZohoClient tests share: a fake Zoho (token endpoint + CRM API) on 127.0.0.1 whose API answers come
 * from {@link #handler}, the requests it saw, and clients pointed at it that record their back-off sleeps.
 */
abstract class ZohoClientTestBase {

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

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String OK_JOB = "{\"status\":\"COMPLETED\",\"id\":\"77\",\"resource\":[]}";
    static final String INVALID_TOKEN =
            "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}";
    static final String TOO_MANY =
            "{\"code\":\"TOO_MANY_REQUESTS\",\"details\":{},\"message\":\"too many requests\",\"status\":\"error\"}";

    HttpServer server;
    FakeTokenEndpoint tokenEndpoint;
    final List<Seen> apiRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger apiCalls = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile Handler handler = (req, n) -> Answer.json(200, OK_JOB);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
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

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ZohoSettings settings(int maxConcurrent) {
        return TestSettings.at(base()).orgId("org-42")
                .maxConcurrentCalls(maxConcurrent).readTimeout(Duration.ofSeconds(5)).maxRetries(3)
                .retryInitialDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofSeconds(2)).build();
    }

    ZohoClient client(ZohoSettings s, TokenStore store) {
        ZohoHttp http = new ZohoHttp(s);
        OAuthTokenManager tokens = new OAuthTokenManager(s, http, java.time.Clock.systemUTC(), store, null);
        ZohoClient client = new ZohoClient(s, tokens, new ZohoCallLimiter(s.maxConcurrentCalls()), http, sleeps::add,
                () -> 0.5);
        clients.add(client);
        return client;
    }

    ZohoClient client(ZohoSettings s) {
        return client(s, new InMemoryTokenStore());
    }

    ZohoClient client() {
        return client(settings(5));
    }
}
