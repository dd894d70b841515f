package io.zohocamel.zoho;

import java.time.Duration;

/** Zoho settings as config/application.properties has them, every URL pointing at a fake Zoho. */
final class TestSettings {

    private TestSettings() {
    }

    static ZohoSettings.Builder at(String base) {
        return ZohoSettings.builder().accountsUrl(base).apiDomain(base).uploadUrl(base + "/crm/v8/upload")
                .apiVersion("v8").clientId("cid").clientSecret("secret").refreshToken("refresh")
                .maxConcurrentCalls(10).connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60))
                .maxRetries(5).retryInitialDelay(Duration.ofSeconds(1)).retryMaxDelay(Duration.ofSeconds(60))
                .tokenRefreshMargin(Duration.ofMinutes(5));
    }
}
