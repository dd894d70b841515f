package io.zohocamel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zohocamel.support.RawHttp;
import io.zohocamel.support.RuntimeTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an unauthenticated client can make the business server (http.port) do with odd requests:
 * nothing beyond a 4xx answer and a short, rate-limited log line; no file written anywhere.
 */
class BusinessServerTest extends RuntimeTestSupport {

    /** Camel's upload folders (one per runtime, made at its first form) as they were before this runtime started. */
    private final Path tmpCamel = Path.of(System.getProperty("java.io.tmpdir"), "camel");
    private Set<Path> uploadFoldersBefore;

    @BeforeAll
    void noteUploadFolders() throws IOException {
        uploadFoldersBefore = children(tmpCamel);
        deleteTree(Path.of("file-uploads"));
    }

    @Test
    void twoHundredOversizedFormsGetA4xxAndLeaveAFewShortLinesWithoutStackTrace() throws Exception {
        // one form field over Vert.x's 8 KB form attribute limit, far under the 64 KB body limit
        String form = "job_id=" + "1".repeat(9 * 1024);
        List<ILoggingEvent> events = logged(() -> {
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/zoho/callback/abc"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("answer to form %d", i).isBetween(400, 499);
            }
        });
        List<ILoggingEvent> warnings = events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(events).as("no stack trace").allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(warnings).as(lines(warnings)).hasSizeLessThanOrEqualTo(3)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).hasSizeLessThan(300).doesNotContain("\n").doesNotContain("111111"));
    }

    @Test
    void aMalformedRequestGetsA400AndNoStackTrace() throws Exception {
        List<ILoggingEvent> events = logged(() -> {
            assertThat(RawHttp.get("127.0.0.1", httpPort, "/jobs/files/%zz/result.csv", List.of()).status()).isEqualTo(400);
            HttpResponse<String> tooLarge = post(httpPort, "/zoho/callback/abc", "x".repeat(70_000));
            assertThat(tooLarge.statusCode()).isEqualTo(413);
        });
        assertThat(events).as(lines(events)).allSatisfy(e -> {
            assertThat(e.getThrowableProxy()).isNull();
            assertThat(e.getLevel()).isNotEqualTo(Level.ERROR);
        });
    }

    @Test
    void aMultipartUploadIsRefusedAndNothingIsWrittenOutsideTheDataFolder() throws Exception {
        // a small form first: Vert.x makes its upload folder at the first form it reads
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/zoho/callback/abc"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("job_id=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("a wrong secret").isEqualTo(404);

        String boundary = "b0undary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"evil.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "x".repeat(4096) + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/zoho/callback/abc"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(upload.statusCode()).isEqualTo(415);
        assertThat(Path.of("file-uploads")).as("Vert.x's default upload folder in the working directory").doesNotExist();
        assertThat(children(tmpCamel)).as("Camel's default upload folders under java.io.tmpdir").isSubsetOf(uploadFoldersBefore);
        try (Stream<Path> written = Files.walk(dataDir).filter(Files::isRegularFile)) {
            assertThat(written).noneMatch(p -> p.toString().contains("upload"));
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Everything the runtime logged (any logger) while the action ran. */
    private static List<ILoggingEvent> logged(Action action) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            action.run();
        } finally {
            root.detachAppender(appender);
        }
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    private static String lines(List<ILoggingEvent> events) {
        return events.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
                .collect(Collectors.joining("\n"));
    }

    private static Set<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.collect(Collectors.toSet());
        }
    }
}
