package io.zohocamel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.support.RawHttp;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator's /jobs page: login required (failed logins throttled per client address), JSON for tools,
 * HTML for people, links to the report files.
 */
class JobsPageTest extends RuntimeTestSupport {

    @BeanInject
    JobStore jobStore;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString("admin:pa55-word".getBytes(StandardCharsets.UTF_8));

    @Override
    protected Map<String, String> settings() {
        // a first block of ten minutes outlasts the login test whatever the machine's pace
        return Map.of("http.auth.password", "pa55-word", "http.auth.first-block", "10m", "poll.period", "300ms",
                "zoho.sandbox.job-step", "200ms", "bulk.scan-interval", "200", "bulk.read-lock-interval", "200",
                "bulk.read-lock-min-age", "300");
    }

    @Test
    void listsDroppedFilesWithTheirJobsAndLinksBehindTheLogin() throws Exception {
        Path staged = dataDir.resolve("staging/people.csv");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, "Last_Name,Email\nAda,ada@example.com\n,missing@example.com\n");
        Path target = dataDir.resolve("inbox/Leads/insert/people.csv");
        Files.createDirectories(target.getParent());
        Files.move(staged, target);
        await("people.result.csv", Duration.ofSeconds(30),
                () -> Files.exists(dataDir.resolve("reports/Leads/insert/people.result.csv")));

        assertThat(send("/jobs", null, "application/json").statusCode()).isEqualTo(401);
        assertThat(send("/jobs", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes()), "application/json")
                .statusCode()).isEqualTo(401);

        HttpResponse<String> json = send("/jobs", LOGIN, "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode file = JSON.readTree(json.body()).path("files").get(0);
        assertThat(file.path("file").asText()).isEqualTo("people.csv");
        assertThat(file.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(file.path("jobs").get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(file.path("jobs").get(0).path("added").asLong()).isEqualTo(1);
        String failedLink = file.path("links").path("failed.csv").asText();
        assertThat(failedLink).isNotBlank();

        HttpResponse<String> failed = send(failedLink, LOGIN, "*/*");
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("missing@example.com").contains("MANDATORY_NOT_FOUND-Last_Name");
        assertThat(send(failedLink, null, "*/*").statusCode()).isEqualTo(401);
        assertThat(send("/jobs/files/999/result.csv", LOGIN, "*/*").statusCode()).isEqualTo(404);
        assertThat(send("/jobs/files/1/..%2F..%2Fsecrets", LOGIN, "*/*").statusCode()).isEqualTo(404);

        HttpResponse<String> html = send("/jobs", LOGIN, "text/html,application/xhtml+xml");
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<table id=\"files\"").contains("people.csv").contains("<progress")
                .contains("href=\"" + failedLink + "\"").contains("http-equiv=\"refresh\"");

        // what a person sees: the page rendered by a real browser (.ci/run installs Debian's chromium)
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "headless Chromium is not installed (apt-get install chromium)");
        Path profile = Files.createTempDirectory("chromium-profile");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom",
                "http://admin:pa55-word@127.0.0.1:" + httpPort + "/jobs")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("Dropped files").contains("people.csv").contains("COMPLETED")
                .contains("1 added").contains("failed.csv</a>").contains("<progress");
    }

    @Test
    void failedLoginsBlockTheClientsAddressWhateverItsForwardedForAndNoOtherAddress() throws Exception {
        String attacker = "127.0.0.3";
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        List<Integer> answers = new ArrayList<>();
        RawHttp.Answer right;
        try {
            for (int i = 0; i < 20; i++) {
                // a new made-up forwarded address each time: the throttle must count the connection's address
                answers.add(RawHttp.get(attacker, httpPort, "/jobs", List.of("Authorization: " + basic("admin", "guess-" + i),
                        "X-Forwarded-For: 198.51.100." + i, "Forwarded: for=198.51.100." + i)).status());
            }
            right = RawHttp.get(attacker, httpPort, "/jobs", List.of("Authorization: " + LOGIN, "X-Forwarded-For: 198.51.100.99"));
        } finally {
            root.detachAppender(log);
        }

        assertThat(answers.subList(0, 6)).as("five free failures, then the sixth blocks").containsOnly(401);
        assertThat(answers.subList(6, 20)).as("blocked: the password is not even checked").containsOnly(429);
        assertThat(right.status()).as("the right password while blocked").isEqualTo(429);
        assertThat(right.header("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 600));
        assertThat(RawHttp.get("127.0.0.4", httpPort, "/jobs", List.of("Authorization: " + LOGIN)).status())
                .as("another address logs in").isEqualTo(200);

        List<String> lines;
        synchronized (log) {
            lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
        assertThat(lines.stream().filter(l -> l.contains(attacker))).as(String.join("\n", lines)).singleElement()
                .satisfies(l -> assertThat(l).contains("6 failed logins").contains("blocked for 600 s"));
        assertThat(lines).noneMatch(l -> l.contains("guess-") || l.contains("pa55-word") || l.contains("admin"));
    }

    @Test
    void aRightLoginForgetsTheFailuresBeforeIt() throws Exception {
        String client = "127.0.0.5";
        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.get(client, httpPort, "/jobs", List.of("Authorization: " + basic("admin", "typo"))).status()).isEqualTo(401);
        }
        assertThat(RawHttp.get(client, httpPort, "/jobs", List.of("Authorization: " + LOGIN)).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.get(client, httpPort, "/jobs", List.of("Authorization: " + basic("admin", "typo"))).status())
                    .as("failure %d after the right login", i + 1).isEqualTo(401);
        }
    }

    @Test
    void aReportOfAFileNamedWithAQuoteAndAnUmlautDownloadsUnderItsName() throws Exception {
        String name = "Q1 \"M\u00fcller\".csv";
        Path staged = dataDir.resolve("staging").resolve(name);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, "Last_Name,Email\nM\u00fcller,mueller@example.com\n");
        Files.move(staged, Files.createDirectories(dataDir.resolve("inbox/Leads/insert")).resolve(name));
        Path result = dataDir.resolve("reports/Leads/insert/Q1 \"M\u00fcller\".result.csv");
        await("the result of " + name, Duration.ofSeconds(30), () -> Files.exists(result));

        JsonNode files = JSON.readTree(send("/jobs", LOGIN, "application/json").body()).path("files");
        String link = null;
        for (JsonNode file : files) {
            if (name.equals(file.path("file").asText())) {
                link = file.path("links").path("result.csv").asText();
            }
        }
        assertThat(link).isNotBlank();
        RawHttp.Answer answer = RawHttp.get("127.0.0.1", httpPort, link, List.of("Authorization: " + LOGIN));
        assertThat(answer.status()).isEqualTo(200);
        // RFC 6266: an ASCII fallback without the quote, then the exact name percent-encoded as UTF-8 (RFC 5987)
        assertThat(answer.header("Content-Disposition")).hasValue(
                "attachment; filename=\"Q1 _M_ller_.result.csv\"; filename*=UTF-8''Q1%20%22M%C3%BCller%22.result.csv");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMassUpdateShowsTheStatusItsResultWasPublishedWith() throws Exception {
        for (String status : new String[] {"PARTIAL", "FAILED"}) {
            jobStore.finishMassUpdate("page-" + status, "Leads", "ids", MassUpdateRecord.COMPLETED, "{\"request_id\":\"page-"
                    + status + "\",\"module\":\"Leads\",\"status\":\"" + status + "\",\"summary\":{\"total\":2,\"updated\":"
                    + (status.equals("FAILED") ? 0 : 1) + ",\"failed\":" + (status.equals("FAILED") ? 2 : 1) + "}}");
        }
        JsonNode requests = JSON.readTree(send("/jobs", LOGIN, "application/json").body()).path("mass_updates");
        Map<String, String> shown = new java.util.HashMap<>();
        requests.forEach(r -> shown.put(r.path("request_id").asText(), r.path("status").asText()));
        assertThat(shown).containsEntry("page-PARTIAL", "PARTIAL").containsEntry("page-FAILED", "FAILED");
        String html = send("/jobs", LOGIN, "text/html").body();
        assertThat(html).contains("class=\"PARTIAL\">PARTIAL").contains("class=\"FAILED\">FAILED").contains(".PARTIAL{");
    }

    private HttpResponse<String> send(String path, String authorization, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
