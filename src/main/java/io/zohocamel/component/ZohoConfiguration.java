package io.zohocamel.component;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.zohocamel.common.CloseableService;
import io.zohocamel.jobs.CreditLedger;
import io.zohocamel.jobs.JdbcTokenStore;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.JobStoreConfiguration;
import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.zoho.OAuthTokenManager;
import io.zohocamel.zoho.Sleeper;
import io.zohocamel.zoho.ZohoCallLimiter;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoHttp;
import io.zohocamel.zoho.ZohoSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zoho client every route's Zoho call runs on: the built-in sandbox when no refresh token is set
 * (started here, in-process, and reached over HTTP like Zoho), else the org of the settings. Its
 * access token lives in the job store, so every instance on that store shares one token, and so does
 * the ledger its calls' API credits are booked in.
 */
public class ZohoConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoConfiguration.class);

    @PropertyInject("zoho.sandbox")
    private String sandbox;
    @PropertyInject("data.dir")
    private String dataDir;
    @PropertyInject("zoho.accounts-url")
    private String accountsUrl;
    @PropertyInject("zoho.api-domain")
    private String apiDomain;
    @PropertyInject("zoho.upload-url")
    private String uploadUrl;
    @PropertyInject("zoho.api-version")
    private String version;
    @PropertyInject("zoho.client-id")
    private String clientId;
    @PropertyInject("zoho.client-secret")
    private String clientSecret;
    @PropertyInject("zoho.refresh-token")
    private String refreshToken;
    @PropertyInject("zoho.org-id")
    private String orgId;
    @PropertyInject("zoho.max-concurrent-calls")
    private int maxConcurrentCalls;
    @PropertyInject("zoho.connect-timeout")
    private Duration connectTimeout;
    @PropertyInject("zoho.read-timeout")
    private Duration readTimeout;
    @PropertyInject("zoho.max-retries")
    private int maxRetries;
    @PropertyInject("zoho.retry-initial-delay")
    private Duration retryInitialDelay;
    @PropertyInject("zoho.retry-max-delay")
    private Duration retryMaxDelay;
    @PropertyInject("zoho.token-refresh-margin")
    private Duration tokenRefreshMargin;

    @Override
    public void configure(CamelContext context) throws Exception {
        // zoho.sandbox left empty: the sandbox when no credential at all is set
        boolean useSandbox = blank(sandbox) ? blank(clientId) && blank(clientSecret) && blank(refreshToken)
                : Boolean.parseBoolean(sandbox.trim());
        if (useSandbox) {
            startSandbox(context);
        } else {
            requireCredentials();
            LOG.info("Running against Zoho at {} (accounts {}, uploads {})", apiDomain, accountsUrl, uploadUrl);
        }
        ZohoSettings settings = ZohoSettings.builder().accountsUrl(accountsUrl).apiDomain(apiDomain).uploadUrl(uploadUrl)
                .apiVersion(version).clientId(orNull(clientId)).clientSecret(orNull(clientSecret))
                .refreshToken(orNull(refreshToken)).orgId(orNull(orgId)).maxConcurrentCalls(maxConcurrentCalls)
                .connectTimeout(connectTimeout).readTimeout(readTimeout).maxRetries(maxRetries)
                .retryInitialDelay(retryInitialDelay).retryMaxDelay(retryMaxDelay).tokenRefreshMargin(tokenRefreshMargin)
                .build();
        context.getRegistry().bind("zohoSettings", settings);
        ZohoCallLimiter limiter = new ZohoCallLimiter(settings.maxConcurrentCalls());
        ZohoHttp http = new ZohoHttp(settings);
        JdbcTokenStore tokenStore = new JdbcTokenStore(context.getRegistry().findSingleByType(JobStore.class).dataSource(),
                accountsUrl, orNull(clientId), orNull(refreshToken),
                context.getRegistry().lookupByNameAndType(JobStoreConfiguration.INSTANCE, String.class), Clock.systemUTC());
        OAuthTokenManager tokens = new OAuthTokenManager(settings, http, Clock.systemUTC(), tokenStore, TokenMetrics.LISTENER);
        // every call's credits go to the ledger in the job store, shared by all instances
        ZohoClient client = new ZohoClient(settings, tokens, limiter, http, Sleeper.REAL,
                context.getRegistry().findSingleByType(CreditLedger.class));
        context.addService(new CloseableService(client), true, false);
        context.getRegistry().bind("zohoTokens", tokens);
        context.getRegistry().bind("zohoLimiter", limiter);
        context.getRegistry().bind("zohoClient", client);
        context.addComponent("zoho", new ZohoComponent(client));
        ExecutorServiceManager executors = context.getExecutorServiceManager();
        // twice the call slots: a thread reading one answer must not keep the next call from taking the slot
        context.getRegistry().bind("zohoCallExecutor", executors.newFixedThreadPool(this, "zoho-calls", 2 * maxConcurrentCalls));
        context.addStartupListener((ctx, alreadyStarted) -> fetchTokenInBackground(executors, tokens));
    }

    /**
     * A real org needs all three; with some set and some not (a typo, a variable left out) the runtime
     * would quietly run on the sandbox or fail at the first call, so it refuses to start. Names only,
     * never values.
     */
    private void requireCredentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("zoho.client-id", clientId);
        credentials.put("zoho.client-secret", clientSecret);
        credentials.put("zoho.refresh-token", refreshToken);
        List<String> missing = credentials.entrySet().stream().filter(e -> blank(e.getValue())).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Zoho credentials incomplete: " + String.join(", ", missing) + (missing.size() == 1
                    ? " is" : " are") + " not set. Set zoho.client-id, zoho.client-secret and zoho.refresh-token to use "
                    + "your Zoho org, or none of them to run on the built-in sandbox");
        }
    }

    private void startSandbox(CamelContext context) throws Exception {
        // uploads and job results on disk under data.dir, not in the runtime's heap
        ZohoSandbox zohoSandbox = new ZohoSandbox(SandboxSettings.fromProperties(
                key -> context.getPropertiesComponent().resolveProperty(key).orElse(null))
                .withStorage(Path.of(dataDir, "sandbox")));
        zohoSandbox.start();
        context.addService(new CloseableService(zohoSandbox::stop), true, false);
        context.getRegistry().bind("zohoSandbox", zohoSandbox);
        accountsUrl = zohoSandbox.accountsUrl();
        apiDomain = zohoSandbox.apiDomain();
        uploadUrl = zohoSandbox.uploadUrl(version);
        clientId = "sandbox-client";
        clientSecret = "sandbox-secret";
        refreshToken = "sandbox-refresh-token";
        orgId = blank(orgId) ? "sandbox-org" : orgId;
        LOG.warn("Running against the built-in Zoho SANDBOX at {}: nothing reaches a real Zoho org. "
                + "Set zoho.refresh-token, zoho.client-id and zoho.client-secret to use your org.", zohoSandbox.baseUrl());
    }

    /**
     * The first request should not wait for an access token: one is fetched (or the stored one reused)
     * as soon as the routes run, off the startup path. A refusal is only logged here; the first call
     * meets it again and the job tracker reports it on the health check.
     */
    private void fetchTokenInBackground(ExecutorServiceManager executors, OAuthTokenManager tokens) {
        ExecutorService once = executors.newSingleThreadExecutor(this, "zoho-token");
        once.execute(() -> {
            try {
                tokens.accessToken();
            } catch (RuntimeException e) {
                LOG.warn("No Zoho access token at start: {}", e.getMessage());
            } finally {
                executors.shutdown(once);
            }
        });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** An empty setting is no setting. */
    private static String orNull(String value) {
        return blank(value) ? null : value.trim();
    }

    /** Token refreshes on /observe/metrics: zoho_token_refreshes_total and failed ones by code. */
    private static final class TokenMetrics {
        static final OAuthTokenManager.Listener LISTENER = new OAuthTokenManager.Listener() {
            @Override
            public void refreshed(Duration expiresIn) {
                Counter.builder("zoho.token.refreshes").description("Zoho OAuth access tokens obtained with the refresh token")
                        .register(Metrics.globalRegistry).increment();
            }

            @Override
            public void refreshFailed(String code) {
                Counter.builder("zoho.token.refresh.failures").description("Refused token refreshes, by Zoho's error code")
                        .tag("code", code).register(Metrics.globalRegistry).increment();
            }
        };
    }
}
