package io.zohocamel.zoho;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the Zoho client needs, set key by key through {@link #builder()}. There are no defaults
 * here: the values come from the {@code zoho.*} keys of config/application.properties, and
 * {@link Builder#build()} refuses a value left unset rather than guess one. URLs lose their trailing
 * slashes so paths can be appended blindly. {@link #toString()} masks the client secret and the
 * refresh token so the settings can be logged.
 */
public final class ZohoSettings {

    private final String accountsUrl;
    private final String apiDomain;
    private final String uploadUrl;
    private final String apiVersion;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final String orgId;
    private final int maxConcurrentCalls;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxRetries;
    private final Duration retryInitialDelay;
    private final Duration retryMaxDelay;
    private final Duration tokenRefreshMargin;

    private ZohoSettings(Builder b) {
        accountsUrl = stripSlashes(b.accountsUrl);
        apiDomain = stripSlashes(b.apiDomain);
        uploadUrl = stripSlashes(b.uploadUrl);
        apiVersion = b.apiVersion.trim();
        clientId = emptyIfUnset(b.clientId);
        clientSecret = emptyIfUnset(b.clientSecret);
        refreshToken = emptyIfUnset(b.refreshToken);
        orgId = emptyIfUnset(b.orgId);
        maxConcurrentCalls = b.maxConcurrentCalls;
        connectTimeout = b.connectTimeout;
        readTimeout = b.readTimeout;
        maxRetries = b.maxRetries;
        retryInitialDelay = b.retryInitialDelay;
        retryMaxDelay = b.retryMaxDelay;
        tokenRefreshMargin = b.tokenRefreshMargin;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change a few of them. */
    public Builder toBuilder() {
        return new Builder().accountsUrl(accountsUrl).apiDomain(apiDomain).uploadUrl(uploadUrl)
                .apiVersion(apiVersion).clientId(clientId).clientSecret(clientSecret).refreshToken(refreshToken)
                .orgId(orgId).maxConcurrentCalls(maxConcurrentCalls).connectTimeout(connectTimeout)
                .readTimeout(readTimeout).maxRetries(maxRetries).retryInitialDelay(retryInitialDelay)
                .retryMaxDelay(retryMaxDelay).tokenRefreshMargin(tokenRefreshMargin);
    }

    /** zoho.accounts-url: the OAuth server. */
    public String accountsUrl() {
        return accountsUrl;
    }

    /** zoho.api-domain */
    public String apiDomain() {
        return apiDomain;
    }

    /** zoho.upload-url: the whole upload URL, version included. */
    public String uploadUrl() {
        return uploadUrl;
    }

    /** zoho.api-version */
    public String apiVersion() {
        return apiVersion;
    }

    /** zoho.client-id; empty when not set. */
    public String clientId() {
        return clientId;
    }

    /** zoho.client-secret; empty when not set. */
    public String clientSecret() {
        return clientSecret;
    }

    /** zoho.refresh-token; empty when not set. */
    public String refreshToken() {
        return refreshToken;
    }

    /** zoho.org-id; empty when not set (then no X-CRM-ORG header is sent). */
    public String orgId() {
        return orgId;
    }

    /** zoho.max-concurrent-calls */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** zoho.connect-timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** zoho.read-timeout */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** zoho.max-retries */
    public int maxRetries() {
        return maxRetries;
    }

    /** zoho.retry-initial-delay */
    public Duration retryInitialDelay() {
        return retryInitialDelay;
    }

    /** zoho.retry-max-delay */
    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** zoho.token-refresh-margin */
    public Duration tokenRefreshMargin() {
        return tokenRefreshMargin;
    }

    @Override
    public String toString() {
        return "ZohoSettings[accountsUrl=" + accountsUrl + ", apiDomain=" + apiDomain + ", uploadUrl=" + uploadUrl
                + ", apiVersion=" + apiVersion + ", clientId=" + clientId + ", clientSecret=" + mask(clientSecret)
                + ", refreshToken=" + mask(refreshToken) + ", orgId=" + orgId
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries
                + ", retryInitialDelay=" + retryInitialDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", tokenRefreshMargin=" + tokenRefreshMargin + "]";
    }

    private static String mask(String secret) {
        return secret.isEmpty() ? "<empty>" : "****";
    }

    private static String emptyIfUnset(String value) {
        return value == null ? "" : value.trim();
    }

    private static String stripSlashes(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** One setter per zoho.* key. Credentials and org id may stay unset (empty); every other key must be set. */
    public static final class Builder {
        private String accountsUrl;
        private String apiDomain;
        private String uploadUrl;
        private String apiVersion;
        private String clientId;
        private String clientSecret;
        private String refreshToken;
        private String orgId;
        private Integer maxConcurrentCalls;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Integer maxRetries;
        private Duration retryInitialDelay;
        private Duration retryMaxDelay;
        private Duration tokenRefreshMargin;

        private Builder() {
        }

        public Builder accountsUrl(String v) { accountsUrl = v; return this; }
        public Builder apiDomain(String v) { apiDomain = v; return this; }
        public Builder uploadUrl(String v) { uploadUrl = v; return this; }
        public Builder apiVersion(String v) { apiVersion = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder refreshToken(String v) { refreshToken = v; return this; }
        public Builder orgId(String v) { orgId = v; return this; }
        public Builder maxConcurrentCalls(int v) { maxConcurrentCalls = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder retryInitialDelay(Duration v) { retryInitialDelay = v; return this; }
        public Builder retryMaxDelay(Duration v) { retryMaxDelay = v; return this; }
        public Builder tokenRefreshMargin(Duration v) { tokenRefreshMargin = v; return this; }

        /** @throws IllegalArgumentException naming every key that is unset or out of range */
        public ZohoSettings build() {
            List<String> problems = new ArrayList<>();
            text(problems, "zoho.accounts-url", accountsUrl);
            text(problems, "zoho.api-domain", apiDomain);
            text(problems, "zoho.upload-url", uploadUrl);
            text(problems, "zoho.api-version", apiVersion);
            if (maxConcurrentCalls == null || maxConcurrentCalls < 1) {
                problems.add("zoho.max-concurrent-calls must be at least 1, is " + maxConcurrentCalls);
            }
            if (maxRetries == null || maxRetries < 0) {
                problems.add("zoho.max-retries must be 0 or more, is " + maxRetries);
            }
            duration(problems, "zoho.connect-timeout", connectTimeout, false);
            duration(problems, "zoho.read-timeout", readTimeout, false);
            duration(problems, "zoho.retry-initial-delay", retryInitialDelay, true);
            duration(problems, "zoho.retry-max-delay", retryMaxDelay, true);
            duration(problems, "zoho.token-refresh-margin", tokenRefreshMargin, true);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Zoho settings: " + String.join("; ", problems));
            }
            return new ZohoSettings(this);
        }

        private static void text(List<String> problems, String key, String value) {
            if (value == null || value.isBlank()) {
                problems.add(key + " is not set");
            }
        }

        private static void duration(List<String> problems, String key, Duration value, boolean zeroAllowed) {
            if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
                problems.add(key + " must be " + (zeroAllowed ? "0 or more" : "more than 0") + ", is "
                        + Objects.toString(value));
            }
        }
    }
}
