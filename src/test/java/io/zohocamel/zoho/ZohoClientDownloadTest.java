package io.zohocamel.zoho;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Result downloads: allowed hosts only (redirects included), streamed to the target, capped in size. */
class ZohoClientDownloadTest extends ZohoClientTestBase {

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
}
