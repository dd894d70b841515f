package io.zohocamel.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server the sandbox answers through, on 127.0.0.1: it reads each call whole, has it answered,
 * and writes the answer (an empty body goes out without Content-Type and without length).
 */
final class SandboxHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpServer.class);

    private final HttpServer server;
    private ExecutorService pool;

    /** Binds 127.0.0.1:port (0 = a free port); serves nothing until {@link #serve}. */
    SandboxHttpServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Zoho sandbox", e);
        }
    }

    void serve(Function<SandboxRequest, SandboxResponse> answer) {
        // 64 threads: well above any sane cap, so the concurrency cap, not the pool, decides 429s
        pool = Executors.newFixedThreadPool(64, new SandboxDaemonThreads("zoho-sandbox-http"));
        server.setExecutor(pool);
        server.createContext("/", exchange -> exchange(exchange, answer));
        server.start();
    }

    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void exchange(HttpExchange exchange, Function<SandboxRequest, SandboxResponse> answer) {
        SandboxRequest request = null;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            request = new SandboxRequest(exchange.getRequestMethod().toUpperCase(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            SandboxResponse response = answer.apply(request);
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
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
}
