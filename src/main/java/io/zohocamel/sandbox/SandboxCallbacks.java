package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk-write job callbacks: validates callback URLs when a job is created and POSTs a small JSON nudge when
 * the job completes. Zoho refuses URLs it considers an SSRF risk; the sandbox refuses private / link-local
 * address literals and any host a test blocks, but allows loopback so local tests can receive callbacks.
 */
final class SandboxCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCallbacks.class);
    private static final Pattern IP_LITERAL = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9a-fA-F:]+\\]?)$");

    private final Set<String> blockedHosts = new HashSet<>();
    private final List<SandboxCallback> log = new ArrayList<>();
    private volatile boolean enabled = true;
    private volatile HttpClient client;

    void setEnabled(boolean value) {
        enabled = value;
    }

    synchronized void block(String host) {
        blockedHosts.add(host.toLowerCase(Locale.ROOT));
    }

    /** Null when acceptable, else the "reason" Zoho puts in INVALID_CALLBACK_URL details. */
    synchronized String rejectReason(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "invalid url";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return "invalid url";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (blockedHosts.contains(host)) {
            return "possible ssrf attempt";
        }
        if (IP_LITERAL.matcher(host).matches()) {
            try {
                InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
                if (address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                        || address.isMulticastAddress()) {
                    return "possible ssrf attempt";
                }
            } catch (Exception e) {
                return "invalid url";
            }
        }
        return null;
    }

    /** Fire and forget; the outcome lands in the callback log. */
    void send(String jobId, String url, ObjectNode body) {
        if (!enabled) {
            return;
        }
        String text = body.toString();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
            client().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    LOG.debug("callback for job {} to {} failed: {}", jobId, url, error.toString());
                }
                record(new SandboxCallback(jobId, url, text, error == null ? response.statusCode() : -1,
                        error == null ? null : error.toString()));
            });
        } catch (RuntimeException e) {
            record(new SandboxCallback(jobId, url, text, -1, e.toString()));
        }
    }

    private synchronized void record(SandboxCallback callback) {
        log.add(callback);
    }

    synchronized List<SandboxCallback> log() {
        return List.copyOf(log);
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                }
                c = client;
            }
        }
        return c;
    }
}
