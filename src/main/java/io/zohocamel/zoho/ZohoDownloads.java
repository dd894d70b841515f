package io.zohocamel.zoho;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Authenticated GETs of bulk-write results, streamed to a file. The token goes only to Zoho's hosts
 * and our configured ones ({@link ZohoHosts}), also along redirects, which are followed here (at most
 * {@value #MAX_REDIRECTS}) because the HTTP client follows none. A body over the caller's cap is
 * refused (DOWNLOAD_TOO_LARGE) and its partial file deleted. The call slot is held for the whole
 * transfer: the download is Zoho's work as long as bytes arrive.
 */
final class ZohoDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoDownloads.class);
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ZohoHttp http;
    private final ZohoRetries retries;
    private final ZohoHosts hosts;

    ZohoDownloads(ZohoHttp http, ZohoRetries retries, ZohoHosts hosts) {
        this.http = http;
        this.retries = retries;
        this.hosts = hosts;
    }

    /** See {@link ZohoClient#download(String, Path, long)}. */
    ZohoResponse download(String url, Path target, long maxBytes) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return retries.count(ZohoResponse.localError("DOWNLOAD_HOST_NOT_ALLOWED", "not a valid URL"));
        }
        if (!hosts.allowed(uri)) {
            LOG.warn("refusing to download from non-Zoho host {}", uri.getHost());
            return retries.count(ZohoResponse.localError("DOWNLOAD_HOST_NOT_ALLOWED",
                    "refusing to send the Zoho token to host " + uri.getHost()));
        }
        return retries.call("GET", uri, false, ZohoCallCosts.DOWNLOAD, token -> {
            ZohoResponse fetched = fetch(uri, token, target, maxBytes);
            return () -> fetched;
        });
    }

    private ZohoResponse fetch(URI start, String token, Path target, long maxBytes) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            URI uri = start;
            for (int hop = 0; ; hop++) {
                boolean mayRedirect = hop < MAX_REDIRECTS;
                URI from = uri;
                Hop result = http.stream(uri, token, (status, header, in) -> {
                    retries.credits().remainingHeader(header.apply(ZohoHttp.CREDITS_REMAINING), false);
                    if (status >= 300 && status < 400 && mayRedirect) {
                        String location = header.apply("Location");
                        URI next = location == null ? null : from.resolve(location);
                        if (next == null || !hosts.allowed(next)) {
                            return new Hop(null, ZohoResponse.localError("DOWNLOAD_HOST_NOT_ALLOWED",
                                    "refusing redirect to host " + (next == null ? null : next.getHost())));
                        }
                        return new Hop(next, null);
                    }
                    if (status / 100 != 2) {
                        return new Hop(null, ZohoResponses.normalize(status, in.readNBytes(MAX_ERROR_BODY)));
                    }
                    String length = header.apply("Content-Length");
                    if (length != null && declaredLength(length) > maxBytes) {
                        return new Hop(null, tooLarge(maxBytes));
                    }
                    long written = copy(in, part, maxBytes);
                    if (written < 0) {
                        Files.deleteIfExists(part);
                        return new Hop(null, tooLarge(maxBytes));
                    }
                    move(part, target);
                    return new Hop(null, ZohoResponses.downloaded(status, target, written));
                });
                if (result.next() == null) {
                    return result.response();
                }
                uri = result.next();
            }
        } catch (IOException e) {
            deleteQuietly(part);
            return ZohoHttp.transportFailure(e);
        }
    }

    /** Where to go next, or the answer. */
    private record Hop(URI next, ZohoResponse response) {
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // the copy's own count still holds the cap
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
}
