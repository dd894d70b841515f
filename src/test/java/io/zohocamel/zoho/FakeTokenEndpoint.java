package io.zohocamel.zoho;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Zoho's accounts server, as far as the refresh-token grant goes. Also usable as context on a shared server. */
final class FakeTokenEndpoint implements AutoCloseable {

    final HttpServer server;
    final AtomicInteger calls = new AtomicInteger();
    final List<String> forms = new CopyOnWriteArrayList<>();
    /** call number (1-based) → JSON answer; default: a fresh token tok-N living 3600 s. */
    volatile IntFunction<String> answer = n -> token("tok-" + n, 3600);
    volatile Duration delay = Duration.ZERO;

    FakeTokenEndpoint() throws IOException {
        this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** Registers on an existing server (which the caller starts and stops). */
    FakeTokenEndpoint(HttpServer server) {
        this.server = server;
        server.createContext("/oauth/v2/token", this::handle);
    }

    static String token(String token, long expiresIn) {
        return "{\"access_token\":\"" + token + "\",\"api_domain\":\"https://www.zohoapis.com\","
                + "\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        forms.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " " + form);
        int n = calls.incrementAndGet();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answer.apply(n).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length); // Zoho answers refresh errors with 200 too
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
