package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxTokenAndFaultTest {

    private static final String JOB_PATH = "/crm/bulk/v8/write/4150868000000000001";
    private ZohoSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = new ZohoSandbox().start();
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private String refreshedToken(String refreshToken) {
        SandboxHttp.Reply r = http.refresh(refreshToken);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("access_token")).as(r.text()).isTrue();
        return r.json().path("access_token").asText();
    }

    @Test
    void refreshAnswersZohoShapeAndTokensExpire() {
        SandboxHttp.Reply r = http.refresh("rt-1");
        JsonNode body = r.json();
        assertThat(body.path("api_domain").asText()).isEqualTo(sandbox.apiDomain());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(3600);
        String token = body.path("access_token").asText();

        // valid token: reaches the handler (unknown job → RESOURCE_NOT_FOUND)
        assertThat(http.get(JOB_PATH, token).code()).isEqualTo("RESOURCE_NOT_FOUND");
        sandbox.advanceTime(Duration.ofMinutes(59));
        assertThat(http.get(JOB_PATH, token).code()).isEqualTo("RESOURCE_NOT_FOUND");
        sandbox.advanceTime(Duration.ofMinutes(2));
        SandboxHttp.Reply expired = http.get(JOB_PATH, token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("INVALID_TOKEN");
        assertThat(expired.json().path("message").asText()).isEqualTo("invalid oauth token");

        SandboxHttp.Reply missing = http.get(JOB_PATH, null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("AUTHENTICATION_FAILURE");
        assertThat(sandbox.tokensMinted()).isEqualTo(1);
    }

    @Test
    void tokenLifetimeAndRevocation() {
        sandbox.setTokenLifetime(Duration.ofSeconds(30));
        String token = refreshedToken("rt");
        assertThat(http.get(JOB_PATH, token).status()).isEqualTo(400);
        sandbox.advanceTime(Duration.ofSeconds(31));
        assertThat(http.get(JOB_PATH, token).code()).isEqualTo("INVALID_TOKEN");

        String fresh = refreshedToken("rt");
        // Bearer is accepted too (Postman style); another scheme is an authentication failure
        assertThat(http.getWithAuthorization(JOB_PATH, "Bearer " + fresh).code()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(http.getWithAuthorization(JOB_PATH, "Basic " + fresh).code()).isEqualTo("AUTHENTICATION_FAILURE");
        sandbox.revokeTokens();
        assertThat(http.get(JOB_PATH, fresh).code()).isEqualTo("INVALID_TOKEN");

        sandbox.revokeRefreshToken("rt");
        assertThat(http.refresh("rt").json().path("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    void tenTokensPerRefreshTokenInTenMinutes() {
        for (int i = 0; i < 10; i++) {
            refreshedToken("rt-budget");
        }
        SandboxHttp.Reply denied = http.refresh("rt-budget");
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json().path("error").asText()).isEqualTo("Access Denied");
        assertThat(denied.json().path("error_description").asText())
                .isEqualTo("You have made too many requests continuously. Please try again after some time.");
        assertThat(sandbox.tokensMinted()).isEqualTo(10);

        refreshedToken("another-refresh-token"); // the budget is per refresh token
        sandbox.advanceTime(Duration.ofMinutes(10));
        refreshedToken("rt-budget");
        assertThat(sandbox.tokensMinted()).isEqualTo(12);
        assertThat(sandbox.calls("POST", ZohoSandbox.TOKEN)).isEqualTo(13);
    }

    @Test
    void tokenEndpointRejectsMissingClientCredentials() {
        SandboxHttp.Reply r = http.send("POST", "/oauth/v2/token?grant_type=refresh_token&refresh_token=x", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_client");
        // query-string parameters (as Zoho's docs show them) are accepted
        SandboxHttp.Reply ok = http.send("POST",
                "/oauth/v2/token?grant_type=refresh_token&refresh_token=x&client_id=a&client_secret=b", null, null);
        assertThat(ok.json().has("access_token")).isTrue();
    }

    @Test
    void refreshGrantSentAsMultipartFormData() {
        // Zoho's SDKs post the grant as multipart/form-data; the accounts server takes it like a form body
        SandboxHttp.Reply r = http.refreshAsMultipart("rt-sdk");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("access_token")).as(r.text()).isTrue();
        assertThat(r.json().path("api_domain").asText()).isEqualTo(sandbox.apiDomain());
        assertThat(http.get(JOB_PATH, r.json().path("access_token").asText()).code()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(sandbox.tokensMinted()).isEqualTo(1);
    }

    @Test
    void concurrencyCapAnswers429() throws Exception {
        sandbox.setConcurrencyCap(3);
        sandbox.setLatency(Duration.ofMillis(400));
        String token = sandbox.mintToken();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<SandboxHttp.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> http.get(JOB_PATH, token), pool));
            }
            List<SandboxHttp.Reply> replies = calls.stream().map(CompletableFuture::join).toList();
            List<SandboxHttp.Reply> throttled = replies.stream().filter(r -> r.status() == 429).toList();
            assertThat(throttled).isNotEmpty();
            assertThat(throttled).allSatisfy(r -> {
                assertThat(r.code()).isEqualTo("TOO_MANY_REQUESTS");
                assertThat(r.json().path("status").asText()).isEqualTo("error");
            });
            assertThat(replies.stream().filter(r -> r.status() == 400).count()).isBetween(1L, 3L);
            assertThat(sandbox.tooManyRequestsSent()).isEqualTo(throttled.size());
            assertThat(sandbox.maxInFlight()).isGreaterThan(3);
        } finally {
            pool.shutdownNow();
        }
        // one at a time is never throttled
        sandbox.setLatency(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            assertThat(http.get(JOB_PATH, token).status()).isEqualTo(400);
        }
    }

    @Test
    void outageAndRandomFaults() {
        String token = sandbox.mintToken();
        sandbox.setOutage(true);
        SandboxHttp.Reply down = http.get(JOB_PATH, token);
        assertThat(down.status()).isEqualTo(500);
        assertThat(down.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(http.refresh("rt").status()).isEqualTo(500);
        sandbox.setOutage(false);

        sandbox.setRate429(1.0);
        assertThat(http.get(JOB_PATH, token).status()).isEqualTo(429);
        sandbox.setRate429(0.0);
        sandbox.setRate500(1.0);
        assertThat(http.get(JOB_PATH, token).code()).isEqualTo("INTERNAL_ERROR");
        sandbox.setRate500(0.5);
        sandbox.setRandomSeed(7);
        long errors = java.util.stream.IntStream.range(0, 40).map(i -> http.get(JOB_PATH, token).status())
                .filter(s -> s == 500).count();
        assertThat(errors).isBetween(5L, 35L);
    }

    @Test
    void requestLogAndCounters() {
        String token = sandbox.mintToken();
        http.post("/crm/v8/Leads/actions/mass_update", "{\"data\":[{\"Rating\":\"Hot\"}],\"ids\":[\"1\"]}", token);
        http.get(JOB_PATH, token);
        http.refresh("rt");

        assertThat(sandbox.calls("POST", ZohoSandbox.MASS_UPDATE)).isEqualTo(1);
        assertThat(sandbox.calls("GET", ZohoSandbox.BULK_WRITE_JOB)).isEqualTo(1);
        assertThat(sandbox.callCounts()).containsEntry("POST " + ZohoSandbox.TOKEN, 1);
        List<SandboxLoggedRequest> log = sandbox.requestLog();
        assertThat(log).hasSize(3);
        assertThat(log.get(0).method()).isEqualTo("POST");
        assertThat(log.get(0).path()).isEqualTo("/crm/v8/Leads/actions/mass_update");
        assertThat(log.get(0).body()).contains("Rating");
        assertThat(log.get(0).status()).isEqualTo(200);
        assertThat(log.get(1).pattern()).isEqualTo(ZohoSandbox.BULK_WRITE_JOB);
        assertThat(log.get(2).body()).isNull(); // form body (client secret) is not logged

        sandbox.resetObservations();
        assertThat(sandbox.requestLog()).isEmpty();
        assertThat(sandbox.callCounts()).isEmpty();
    }

    @Test
    void settingsFromProperties() {
        java.util.Map<String, String> p = java.util.Map.of("zoho.sandbox.latency", "250ms", "zoho.sandbox.job-step", "2s",
                "zoho.sandbox.token-lifetime", "1h", "zoho.sandbox.rate-429", "0.1", "zoho.sandbox.concurrency-cap", "5");
        SandboxSettings s = SandboxSettings.fromProperties(p::get);
        assertThat(s.latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.jobStep()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.tokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(s.rate429()).isEqualTo(0.1);
        assertThat(s.concurrencyCap()).isEqualTo(5);
        assertThat(s.port()).isZero();
    }
}
