package io.zohocamel.zoho;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OAuthTokenManagerTest {

    private FakeTokenEndpoint endpoint;
    private MutableClock clock;
    private ZohoHttp http;

    @BeforeEach
    void start() throws Exception {
        endpoint = new FakeTokenEndpoint();
        clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        http = new ZohoHttp(settings(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        http.close();
        endpoint.close();
    }

    private ZohoSettings settings(Duration margin) {
        return TestSettings.at(endpoint.baseUrl() + "/").clientId("client-1")
                .clientSecret("s3cr3t-value").refreshToken("1000.refresh-value").tokenRefreshMargin(margin)
                .readTimeout(Duration.ofSeconds(5)).build();
    }

    private OAuthTokenManager manager(Duration margin) {
        return new OAuthTokenManager(settings(margin), http, clock, new InMemoryTokenStore(), null);
    }

    @Test
    void sendsTheRefreshTokenGrantAndCachesTheToken() {
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        assertThat(m.accessToken()).isEqualTo("tok-1");
        assertThat(m.accessToken()).isEqualTo("tok-1");
        assertThat(endpoint.calls).hasValue(1);
        assertThat(m.refreshCount()).isEqualTo(1);
        assertThat(m.apiDomain()).contains("https://www.zohoapis.com");
        assertThat(endpoint.forms.get(0)).startsWith("POST application/x-www-form-urlencoded")
                .contains("refresh_token=1000.refresh-value").contains("client_id=client-1")
                .contains("client_secret=s3cr3t-value").contains("grant_type=refresh_token");
    }

    @Test
    void expiryCausesRefresh() {
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        assertThat(m.accessToken()).isEqualTo("tok-1");
        clock.advance(Duration.ofHours(2));
        assertThat(m.accessToken()).isEqualTo("tok-2");
        assertThat(endpoint.calls).hasValue(2);
    }

    @Test
    void refreshesWithinTheMarginOnly() {
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        m.accessToken();
        clock.advance(Duration.ofSeconds(3600 - 301));
        assertThat(m.accessToken()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(2)); // 299 s left: inside the 5 min margin
        assertThat(m.accessToken()).isEqualTo("tok-2");
        assertThat(endpoint.calls).hasValue(2);
    }

    @Test
    void marginIsCappedAtAQuarterOfAShortLifetime() {
        endpoint.answer = n -> FakeTokenEndpoint.token("short-" + n, 120);
        OAuthTokenManager m = manager(Duration.ofMinutes(5)); // 5 min margin > 120 s lifetime
        assertThat(m.accessToken()).isEqualTo("short-1");
        clock.advance(Duration.ofSeconds(89)); // margin capped to 30 s
        assertThat(m.accessToken()).isEqualTo("short-1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(m.accessToken()).isEqualTo("short-2");
    }

    @Test
    void aOneMinuteTokenIsRefreshedOnlyWhenItExpiresSoTheBudgetHolds() {
        endpoint.answer = n -> FakeTokenEndpoint.token("minute-" + n, 60);
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        for (int minute = 1; minute <= 30; minute++) {
            assertThat(m.accessToken()).isEqualTo("minute-" + minute);
            clock.advance(Duration.ofSeconds(59));
            assertThat(m.accessToken()).as("still valid at 59 s").isEqualTo("minute-" + minute);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(m.refreshCount()).isEqualTo(30); // 30 minutes, 10 per 10 minutes: never over budget
    }

    @Test
    void twentyConcurrentCallersShareOneRefresh() throws Exception {
        endpoint.delay = Duration.ofMillis(300);
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return m.accessToken();
            }));
        }
        go.countDown();
        for (Future<String> f : results) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("tok-1");
        }
        pool.shutdown();
        assertThat(endpoint.calls).hasValue(1);
        assertThat(m.refreshCount()).isEqualTo(1);
    }

    @Test
    void twentyRejectionsOfTheSameTokenCauseOneRefresh() throws Exception {
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        String first = m.accessToken();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                m.rejected(first);
                seen.add(m.accessToken());
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // some callers may reject after the refresh: the new token is then current and stays
        assertThat(endpoint.calls).hasValue(2);
        assertThat(m.accessToken()).isEqualTo("tok-2");
        m.rejected("tok-1"); // stale report
        assertThat(m.accessToken()).isEqualTo("tok-2");
        assertThat(endpoint.calls).hasValue(2);
    }

    @Test
    void budgetHoldsWhenEveryRefreshFails() {
        endpoint.answer = n -> "{\"error\":\"invalid_client\"}";
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        AtomicInteger invalidClient = new AtomicInteger();
        AtomicInteger exhausted = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            ZohoAuthException e = catchThrowableOfType(ZohoAuthException.class, m::accessToken);
            assertThat(e).isNotNull();
            if (e.code().equals("INVALID_CLIENT")) {
                invalidClient.incrementAndGet();
            } else {
                assertThat(e.code()).isEqualTo("TOKEN_BUDGET_EXHAUSTED");
                assertThat(e.retryAt()).contains(Instant.parse("2025-01-01T00:10:00Z"));
                exhausted.incrementAndGet();
            }
            clock.advance(Duration.ofSeconds(1)); // 100 s in all: one window
        }
        assertThat(endpoint.calls.get()).isLessThanOrEqualTo(10).isEqualTo(10);
        assertThat(invalidClient).hasValue(10);
        assertThat(exhausted).hasValue(90);
        assertThat(m.refreshCount()).isZero();
        assertThat(m.refreshFailureCount()).isEqualTo(100);

        // the window slides: the first attempt leaves it after 10 minutes
        clock.advance(Duration.ofMinutes(10));
        endpoint.answer = n -> FakeTokenEndpoint.token("ok-" + n, 3600);
        assertThat(m.accessToken()).isEqualTo("ok-11");
    }

    @Test
    void budgetCountsSuccessfulRefreshesToo() {
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        for (int i = 1; i <= 10; i++) {
            String t = m.accessToken();
            assertThat(t).isEqualTo("tok-" + i);
            m.rejected(t);
        }
        assertThatThrownBy(m::accessToken).isInstanceOf(ZohoAuthException.class)
                .extracting(e -> ((ZohoAuthException) e).code()).isEqualTo("TOKEN_BUDGET_EXHAUSTED");
        assertThat(endpoint.calls).hasValue(10);
    }

    @Test
    void accessDeniedIsReportedWithItsDescription() {
        endpoint.answer = n -> "{\"error_description\":\"You have made too many requests continuously. "
                + "Please try again after some time.\",\"error\":\"Access Denied\",\"status\":\"failure\"}";
        ZohoAuthException e = catchThrowableOfType(ZohoAuthException.class, manager(Duration.ofMinutes(5))::accessToken);
        assertThat(e.code()).isEqualTo("ACCESS_DENIED");
        assertThat(e.getMessage()).contains("too many requests");
    }

    @Test
    void invalidCode() {
        endpoint.answer = n -> "{\"error\":\"invalid_code\"}";
        ZohoAuthException e = catchThrowableOfType(ZohoAuthException.class, manager(Duration.ofMinutes(5))::accessToken);
        assertThat(e.code()).isEqualTo("INVALID_CODE");
    }

    @Test
    void failedRefreshInsideTheMarginKeepsUsingTheUnexpiredToken() {
        OAuthTokenManager m = manager(Duration.ofMinutes(5));
        m.accessToken();
        endpoint.answer = n -> "{\"error\":\"Access Denied\"}";
        clock.advance(Duration.ofMinutes(58));
        assertThat(m.accessToken()).isEqualTo("tok-1");
        clock.advance(Duration.ofMinutes(3)); // now expired
        assertThatThrownBy(m::accessToken).isInstanceOf(ZohoAuthException.class);
    }

    @Test
    void unreachableAccountsServer() {
        endpoint.close();
        ZohoAuthException e = catchThrowableOfType(ZohoAuthException.class, manager(Duration.ofMinutes(5))::accessToken);
        assertThat(e.code()).isEqualTo("CONNECTION_FAILED");
    }

    @Test
    void usesATokenAnotherInstanceStored() {
        InMemoryTokenStore store = new InMemoryTokenStore(new StoredToken("shared", null, clock.instant(),
                clock.instant().plusSeconds(3600)));
        OAuthTokenManager m = new OAuthTokenManager(settings(Duration.ofMinutes(5)), http, clock, store, null);
        assertThat(m.accessToken()).isEqualTo("shared");
        assertThat(endpoint.calls).hasValue(0);
        m.rejected("shared");
        assertThat(m.accessToken()).isEqualTo("tok-1");
        assertThat(store.load()).get().extracting(StoredToken::accessToken).isEqualTo("tok-1");
    }

    @Test
    void listenerSeesRefreshesAndFailures() {
        List<String> events = new ArrayList<>();
        OAuthTokenManager m = new OAuthTokenManager(settings(Duration.ofMinutes(5)), http, clock, new InMemoryTokenStore(),
                new OAuthTokenManager.Listener() {
                    @Override
                    public void refreshed(Duration expiresIn) {
                        events.add("ok " + expiresIn.toSeconds());
                    }

                    @Override
                    public void refreshFailed(String code) {
                        events.add("fail " + code);
                    }
                });
        m.accessToken();
        endpoint.answer = n -> "{\"error\":\"invalid_client\"}";
        m.rejected("tok-1");
        assertThatThrownBy(m::accessToken).isInstanceOf(ZohoAuthException.class);
        assertThat(events).containsExactly("ok 3600", "fail INVALID_CLIENT");
    }

    @Test
    void neverLogsSecrets() {
        Logger logger = (Logger) LoggerFactory.getLogger(OAuthTokenManager.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            OAuthTokenManager m = manager(Duration.ofMinutes(5));
            m.accessToken();
            endpoint.answer = n -> "{\"error\":\"invalid_client\"}";
            m.rejected("tok-1");
            assertThatThrownBy(m::accessToken).isInstanceOf(ZohoAuthException.class);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("refreshed Zoho access token at " + settings(Duration.ofMinutes(5)).accountsUrl() + " (expires in 3600s)")
                .noneMatch(msg -> msg.contains("tok-1") || msg.contains("s3cr3t-value") || msg.contains("1000.refresh-value"));
    }
}
