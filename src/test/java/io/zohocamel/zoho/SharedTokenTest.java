package io.zohocamel.zoho;

import java.nio.file.Path;
import java.time.Clock;
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

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.jobs.JdbcTokenStore;
import io.zohocamel.jobs.JobStoreDataSource;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two instances (two token managers, each with its own JDBC token store) on one database: they share
 * one access token, refresh it one at a time, and count Zoho's budget of 10 refreshes per 10 minutes
 * together. On H2, and on PostgreSQL when a server is reachable.
 */
class SharedTokenTest {

    private FakeTokenEndpoint endpoint;
    private MutableClock clock;
    private ZohoHttp http;

    @BeforeEach
    void start() throws Exception {
        endpoint = new FakeTokenEndpoint();
        clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        http = new ZohoHttp(TestSettings.at(endpoint.baseUrl()).build());
    }

    @AfterEach
    void stop() {
        http.close();
        endpoint.close();
    }

    @Test
    void h2() throws Exception {
        Path dir = Path.of("target", "test-data", "SharedTokenTest").toAbsolutePath();
        RuntimeTestSupport.deleteTree(dir);
        try (HikariDataSource ds = JobStoreDataSource.create("jdbc:h2:file:" + dir.resolve("jobs"), null, null, dir)) {
            concurrentCallersOnTwoInstancesCauseOneRefresh(ds);
            endpoint.calls.set(0);
            theBudgetIsCountedAcrossInstances(ds);
        }
    }

    @Test
    void postgres() throws Exception {
        Assumptions.assumeTrue(TestPostgres.available(), "no PostgreSQL reachable");
        try (TestPostgres pg = TestPostgres.create("token_test");
             HikariDataSource ds = JobStoreDataSource.create(pg.url, TestPostgres.USER, TestPostgres.PASSWORD, Path.of("target"))) {
            concurrentCallersOnTwoInstancesCauseOneRefresh(ds);
            endpoint.calls.set(0);
            theBudgetIsCountedAcrossInstances(ds);
        }
    }

    private OAuthTokenManager instance(DataSource ds, String refreshToken, String name) {
        ZohoSettings settings = TestSettings.at(endpoint.baseUrl()).clientId("client-1")
                .clientSecret("s3cr3t-value").refreshToken(refreshToken).readTimeout(Duration.ofSeconds(5)).build();
        return new OAuthTokenManager(settings, http, clock,
                new JdbcTokenStore(ds, settings.accountsUrl(), "client-1", refreshToken, name, Clock.systemUTC()), null);
    }

    private void concurrentCallersOnTwoInstancesCauseOneRefresh(DataSource ds) throws Exception {
        OAuthTokenManager a = instance(ds, "1000.refresh-a", "a");
        OAuthTokenManager b = instance(ds, "1000.refresh-a", "b");
        endpoint.delay = Duration.ofMillis(300);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            OAuthTokenManager m = i % 2 == 0 ? a : b;
            tokens.add(pool.submit(() -> {
                go.await();
                return m.accessToken();
            }));
        }
        go.countDown();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (Future<String> f : tokens) {
            seen.add(f.get());
        }
        pool.shutdown();
        endpoint.delay = Duration.ZERO;
        assertThat(seen).containsExactly("tok-1");
        assertThat(endpoint.calls).hasValue(1);
        assertThat(a.refreshCount() + b.refreshCount()).isEqualTo(1);
    }

    private void theBudgetIsCountedAcrossInstances(DataSource ds) {
        // another refresh token: its own row and its own budget
        OAuthTokenManager a = instance(ds, "1000.refresh-b", "a");
        OAuthTokenManager b = instance(ds, "1000.refresh-b", "b");
        for (int i = 0; i < 6; i++) {
            a.rejected(a.accessToken()); // every token refused: a refreshes each time
        }
        assertThat(endpoint.calls).hasValue(6);
        // b has made no refresh of its own, but only 4 are left in the shared window
        ZohoAuthException refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            try {
                b.rejected(b.accessToken());
            } catch (ZohoAuthException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo("TOKEN_BUDGET_EXHAUSTED");
        assertThat(endpoint.calls).hasValue(10);
        assertThat(b.refreshCount()).isEqualTo(4);
        // a has not seen tok-10 refused: it takes it from the store rather than refreshing
        assertThat(a.accessToken()).isEqualTo("tok-10");
        a.rejected("tok-10");
        ZohoAuthException alsoRefused = catchThrowableOfType(ZohoAuthException.class, () -> a.accessToken());
        assertThat(alsoRefused.code()).isEqualTo("TOKEN_BUDGET_EXHAUSTED");
        assertThat(endpoint.calls).hasValue(10);

        clock.advance(Duration.ofMinutes(11));
        String fresh = b.accessToken();
        assertThat(fresh).isEqualTo("tok-11");
        assertThat(a.accessToken()).as("a takes b's token from the store").isEqualTo(fresh);
        assertThat(endpoint.calls).hasValue(11);
    }
}
