package io.zohocamel.zoho;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The answers the recorded examples do not cover: empty bodies, HTML, throttling, transport. */
class ZohoResponsesTest {

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyBody404IsNotFound() {
        ZohoResponse r = ZohoResponses.normalize(404, new byte[0]);
        assertThat(r.code()).isEqualTo("NOT_FOUND");
        assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(r.body().isMissingNode()).isTrue();
        assertThat(r.details().isObject()).isTrue();
    }

    @Test
    void emptyBody2xxIsSuccess() {
        ZohoResponse r = ZohoResponses.normalize(204, null);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.code()).isNull();
        assertThat(r.jobStatus()).isNull();
        assertThat(r.jobId()).isEmpty();
    }

    @Test
    void emptyBodyOtherStatusIsHttpCode() {
        assertThat(ZohoResponses.normalize(400, json("  ")).code()).isEqualTo("HTTP_400");
        ZohoResponse r = ZohoResponses.normalize(503, new byte[0]);
        assertThat(r.code()).isEqualTo("HTTP_503");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(r.isServerOrTransportFailure()).isTrue();
    }

    @Test
    void nonJsonBodyIsHttpCode() {
        ZohoResponse r = ZohoResponses.normalize(502, json("<html>Bad gateway</html>"));
        assertThat(r.code()).isEqualTo("HTTP_502");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        ZohoResponse ok = ZohoResponses.normalize(200, json("not json"));
        assertThat(ok.isSuccess()).isFalse();
        assertThat(ok.code()).isEqualTo("HTTP_200");
    }

    @Test
    void throttled() {
        ZohoResponse r = ZohoResponses.normalize(429, json(
                "{\"code\":\"TOO_MANY_REQUESTS\",\"details\":{},\"message\":\"too many\",\"status\":\"error\"}"));
        assertThat(r.isThrottled()).isTrue();
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(ZohoResponses.normalize(429, new byte[0]).isThrottled()).isTrue();
    }

    @Test
    void internalErrorIsRetryable() {
        ZohoResponse r = ZohoResponses.normalize(500, json(
                "{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"oops\",\"status\":\"error\"}"));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(r.isServerOrTransportFailure()).isTrue();
    }

    @Test
    void invalidTokenIsAuth() {
        assertThat(ZohoResponses.normalize(401, json(
                "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}"))
                .outcome()).isEqualTo(Outcome.AUTH);
        assertThat(ZohoResponses.normalize(401, json("{\"code\":\"INVALID_OAUTHTOKEN\",\"status\":\"error\"}"))
                .outcome()).isEqualTo(Outcome.AUTH);
    }

    @Test
    void uploadSuccessHasFileId() {
        ZohoResponse r = ZohoResponses.normalize(200, json("{\"status\":\"success\",\"code\":\"FILE_UPLOAD_SUCCESS\","
                + "\"message\":\"file uploaded.\",\"details\":{\"file_id\":\"111\",\"created_time\":\"2021\"}}"));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.code()).isEqualTo("FILE_UPLOAD_SUCCESS");
        assertThat(r.fileId()).contains("111");
    }

    @Test
    void bodyDecidesBeforeHttpStatus() {
        // the reference says ALREADY_SCHEDULED is a 202; whatever the status, the body's error wins
        ZohoResponse r = ZohoResponses.normalize(202, json(
                "{\"code\":\"ALREADY_SCHEDULED\",\"details\":{},\"message\":\"busy\",\"status\":\"error\"}"));
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void olderJobStatusSpellingsAndBareModule() {
        ZohoResponse r = ZohoResponses.normalize(200, json(
                "{\"status\":\"INPROGRESS\",\"id\":\"9\",\"resource\":[{\"status\":\"IN PROGRESS\",\"module\":\"Leads\"}]}"));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.jobStatus()).isEqualTo("INPROGRESS");
        assertThat(r.jobId()).contains("9");
        assertThat(r.counts()).isEmpty();
        assertThat(r.downloadUrl()).isEmpty();
    }

    @Test
    void bulkCountsAreSummedOverResources() {
        ZohoResponse r = ZohoResponses.normalize(200, json("{\"status\":\"COMPLETED\",\"resource\":["
                + "{\"file\":{\"added_count\":1,\"updated_count\":2,\"skipped_count\":3,\"total_count\":6}},"
                + "{\"file\":{\"added_count\":10,\"updated_count\":20,\"skipped_count\":30,\"total_count\":60}}]}"));
        assertThat(r.counts()).contains(new ZohoCounts(66, 11, 22, 33, 0, 0));
    }

    @Test
    void oauthStyleError() {
        ZohoResponse r = ZohoResponses.normalize(200, json("{\"error\":\"invalid_code\"}"));
        assertThat(r.code()).isEqualTo("INVALID_CODE");
        assertThat(r.outcome()).isEqualTo(Outcome.PERMANENT);
    }

    @Test
    void transportAndAuthFailures() {
        ZohoResponse t = ZohoResponse.transportFailure("TIMEOUT", "slow");
        assertThat(t.httpStatus()).isZero();
        assertThat(t.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(t.isServerOrTransportFailure()).isTrue();
        assertThat(ZohoResponse.transportFailure("CONNECTION_FAILED", "refused").isServerOrTransportFailure()).isTrue();

        ZohoResponse a = ZohoResponse.authFailure("TOKEN_BUDGET_EXHAUSTED", "later");
        assertThat(a.outcome()).isEqualTo(Outcome.AUTH);
        assertThat(a.isServerOrTransportFailure()).isFalse();
    }

    @Test
    void settingsStripSlashesAndMaskSecrets() {
        ZohoSettings s = TestSettings.at("https://x.example").accountsUrl("https://accounts.zoho.eu//")
                .apiDomain("https://www.zohoapis.eu/").uploadUrl("https://content.zohoapis.com/crm/v8/upload/")
                .clientId("cid").clientSecret("very-secret").refreshToken("1000.refresh").build();
        assertThat(s.accountsUrl()).isEqualTo("https://accounts.zoho.eu");
        assertThat(s.apiDomain()).isEqualTo("https://www.zohoapis.eu");
        assertThat(s.uploadUrl()).isEqualTo("https://content.zohoapis.com/crm/v8/upload");
        assertThat(s.toString()).doesNotContain("very-secret").doesNotContain("1000.refresh").contains("cid");
        assertThat(s.toBuilder().build().toString()).isEqualTo(s.toString());
    }

    @Test
    void settingsHaveNoDefaultsButMayLeaveCredentialsEmpty() {
        assertThatThrownBy(() -> ZohoSettings.builder().accountsUrl("https://accounts.zoho.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zoho.api-domain is not set").hasMessageContaining("zoho.upload-url is not set")
                .hasMessageContaining("zoho.api-version is not set").hasMessageContaining("zoho.max-concurrent-calls")
                .hasMessageContaining("zoho.max-retries").hasMessageContaining("zoho.connect-timeout")
                .hasMessageContaining("zoho.read-timeout").hasMessageContaining("zoho.retry-initial-delay")
                .hasMessageContaining("zoho.retry-max-delay").hasMessageContaining("zoho.token-refresh-margin")
                .message().doesNotContain("zoho.accounts-url");
        assertThatThrownBy(() -> TestSettings.at("https://x.example").readTimeout(java.time.Duration.ZERO).build())
                .hasMessageContaining("zoho.read-timeout must be more than 0");
        ZohoSettings s = TestSettings.at("https://x.example").clientId(null).clientSecret(null).refreshToken(null)
                .orgId(null).build();
        assertThat(s.clientId()).isEmpty();
        assertThat(s.orgId()).isEmpty();
    }
}
