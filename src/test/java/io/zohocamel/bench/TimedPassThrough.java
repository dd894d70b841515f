package io.zohocamel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A pass-through on 127.0.0.1 in front of the stand-in's API domain that notes when each call came in and
 * when its answer went back. The stand-in's request log keeps only when a call was answered; this gives its
 * start too, so calls that overlapped can be counted. The interval seen here holds the stand-in's own (one
 * local hop more on each side): the overlap counted here is an upper bound of the stand-in's, and what the
 * runtime had in flight. Calls to the upload host and the accounts server do not pass here.
 */
final class TimedPassThrough implements AutoCloseable {

    /** One call: its method, path, and {@link System#nanoTime()} when it came in and when its answer went out. */
    record Call(String method, String path, long startNanos, long endNanos) {
    }

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final String target;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pass-through");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Call> calls = new ArrayList<>();

    TimedPassThrough(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(pool);
        server.createContext("/", this::pass);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void pass(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        } finally {
            synchronized (this) {
                calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), start, System.nanoTime()));
            }
        }
    }

    /** The most calls matching {@code method} and a path that {@code pathRegex} matches that were in flight at once. */
    static int maxOverlap(List<Call> calls, String method, String pathRegex) {
        List<long[]> edges = new ArrayList<>();
        for (Call c : calls) {
            if (c.method().equals(method) && c.path().matches(pathRegex)) {
                edges.add(new long[] {c.startNanos(), 1});
                edges.add(new long[] {c.endNanos(), -1});
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // an end before a start
        int now = 0;
        int max = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        return max;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
