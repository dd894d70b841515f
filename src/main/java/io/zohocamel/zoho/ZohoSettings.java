package io.zohocamel.zoho;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Everything the Zoho client needs. URLs lose their trailing slashes so paths can be appended
 * blindly; missing values fall back to the defaults of config/application.properties.
 * {@link #toString()} masks the client secret and the refresh token so the settings can be logged.
 */
public record ZohoSettings(
        String accountsUrl,
        String apiDomain,
        String uploadUrl,
        String apiVersion,
        String clientId,
        String clientSecret,
        String refreshToken,
        String orgId,
        int maxConcurrentCalls,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        Duration tokenRefreshMargin,
        int tokenBudget,
        Duration tokenBudgetWindow) {

    public static final int DEFAULT_TOKEN_BUDGET = 10;
    public static final Duration DEFAULT_TOKEN_BUDGET_WINDOW = Duration.ofMinutes(10);

    public ZohoSettings {
        accountsUrl = stripSlashes(orDefault(accountsUrl, "https://accounts.zoho.com"));
        apiDomain = stripSlashes(orDefault(apiDomain, "https://www.zohoapis.com"));
        uploadUrl = stripSlashes(orDefault(uploadUrl, "https://content.zohoapis.com/crm/v8/upload"));
        apiVersion = orDefault(apiVersion, "v8");
        clientId = nullToEmpty(clientId);
        clientSecret = nullToEmpty(clientSecret);
        refreshToken = nullToEmpty(refreshToken);
        orgId = nullToEmpty(orgId);
        maxConcurrentCalls = maxConcurrentCalls > 0 ? maxConcurrentCalls : 10;
        connectTimeout = positiveOr(connectTimeout, Duration.ofSeconds(10));
        readTimeout = positiveOr(readTimeout, Duration.ofSeconds(60));
        maxRetries = maxRetries >= 0 ? maxRetries : 5;
        retryInitialDelay = nonNegativeOr(retryInitialDelay, Duration.ofSeconds(1));
        retryMaxDelay = nonNegativeOr(retryMaxDelay, Duration.ofSeconds(60));
        tokenRefreshMargin = nonNegativeOr(tokenRefreshMargin, Duration.ofMinutes(5));
        tokenBudget = tokenBudget > 0 ? tokenBudget : DEFAULT_TOKEN_BUDGET;
        tokenBudgetWindow = positiveOr(tokenBudgetWindow, DEFAULT_TOKEN_BUDGET_WINDOW);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these settings, to change a few of them. */
    public Builder toBuilder() {
        return new Builder().accountsUrl(accountsUrl).apiDomain(apiDomain).uploadUrl(uploadUrl)
                .apiVersion(apiVersion).clientId(clientId).clientSecret(clientSecret).refreshToken(refreshToken)
                .orgId(orgId).maxConcurrentCalls(maxConcurrentCalls).connectTimeout(connectTimeout)
                .readTimeout(readTimeout).maxRetries(maxRetries).retryInitialDelay(retryInitialDelay)
                .retryMaxDelay(retryMaxDelay).tokenRefreshMargin(tokenRefreshMargin).tokenBudget(tokenBudget)
                .tokenBudgetWindow(tokenBudgetWindow);
    }

    /**
     * Reads the {@code zoho.*} keys of application.properties through {@code lookup} (which may
     * return null for a missing key). Durations accept 500ms / 10s / 5m / 1h / 1d, plain millis or ISO-8601.
     */
    public static ZohoSettings fromProperties(Function<String, String> lookup) {
        return builder()
                .accountsUrl(lookup.apply("zoho.accounts-url"))
                .apiDomain(lookup.apply("zoho.api-domain"))
                .uploadUrl(lookup.apply("zoho.upload-url"))
                .apiVersion(lookup.apply("zoho.api-version"))
                .clientId(lookup.apply("zoho.client-id"))
                .clientSecret(lookup.apply("zoho.client-secret"))
                .refreshToken(lookup.apply("zoho.refresh-token"))
                .orgId(lookup.apply("zoho.org-id"))
                .maxConcurrentCalls(parseInt(lookup.apply("zoho.max-concurrent-calls"), 10))
                .connectTimeout(parseDuration(lookup.apply("zoho.connect-timeout")))
                .readTimeout(parseDuration(lookup.apply("zoho.read-timeout")))
                .maxRetries(parseInt(lookup.apply("zoho.max-retries"), 5))
                .retryInitialDelay(parseDuration(lookup.apply("zoho.retry-initial-delay")))
                .retryMaxDelay(parseDuration(lookup.apply("zoho.retry-max-delay")))
                .tokenRefreshMargin(parseDuration(lookup.apply("zoho.token-refresh-margin")))
                .tokenBudget(parseInt(lookup.apply("zoho.token-budget"), DEFAULT_TOKEN_BUDGET))
                .tokenBudgetWindow(parseDuration(lookup.apply("zoho.token-budget-window")))
                .build();
    }

    /** Parses 500ms / 10s / 5m / 1h / 1d, plain millis, or ISO-8601 (PT10S); null or blank gives null. */
    public static Duration parseDuration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
        }
        long amount;
        char unit = t.charAt(t.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofMillis(Long.parseLong(t));
        }
        amount = Long.parseLong(t.substring(0, t.length() - 1).trim());
        switch (unit) {
            case 's': return Duration.ofSeconds(amount);
            case 'm': return Duration.ofMinutes(amount);
            case 'h': return Duration.ofHours(amount);
            case 'd': return Duration.ofDays(amount);
            default: throw new IllegalArgumentException("unknown duration unit in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return "ZohoSettings[accountsUrl=" + accountsUrl + ", apiDomain=" + apiDomain + ", uploadUrl=" + uploadUrl
                + ", apiVersion=" + apiVersion + ", clientId=" + clientId + ", clientSecret=" + mask(clientSecret)
                + ", refreshToken=" + mask(refreshToken) + ", orgId=" + orgId
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries
                + ", retryInitialDelay=" + retryInitialDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", tokenRefreshMargin=" + tokenRefreshMargin + ", tokenBudget=" + tokenBudget
                + ", tokenBudgetWindow=" + tokenBudgetWindow + "]";
    }

    private static String mask(String secret) {
        return secret.isEmpty() ? "<empty>" : "****";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    private static String stripSlashes(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value == null || value.isNegative() || value.isZero() ? fallback : value;
    }

    private static Duration nonNegativeOr(Duration value, Duration fallback) {
        return value == null || value.isNegative() ? fallback : value;
    }

    private static int parseInt(String text, int fallback) {
        return text == null || text.isBlank() ? fallback : Integer.parseInt(text.trim());
    }

    /** Named setters instead of a 17-argument constructor call. */
    public static final class Builder {
        private String accountsUrl;
        private String apiDomain;
        private String uploadUrl;
        private String apiVersion;
        private String clientId;
        private String clientSecret;
        private String refreshToken;
        private String orgId;
        private int maxConcurrentCalls = 10;
        private Duration connectTimeout;
        private Duration readTimeout;
        private int maxRetries = 5;
        private Duration retryInitialDelay;
        private Duration retryMaxDelay;
        private Duration tokenRefreshMargin;
        private int tokenBudget = DEFAULT_TOKEN_BUDGET;
        private Duration tokenBudgetWindow;

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
        public Builder tokenBudget(int v) { tokenBudget = v; return this; }
        public Builder tokenBudgetWindow(Duration v) { tokenBudgetWindow = v; return this; }

        public ZohoSettings build() {
            return new ZohoSettings(accountsUrl, apiDomain, uploadUrl, apiVersion, clientId, clientSecret,
                    refreshToken, orgId, maxConcurrentCalls, connectTimeout, readTimeout, maxRetries,
                    retryInitialDelay, retryMaxDelay, tokenRefreshMargin, tokenBudget, tokenBudgetWindow);
        }
    }
}
