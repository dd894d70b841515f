package io.zohocamel.zoho;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The client when calls fail: token refresh on auth errors, retries with back-off, timeouts, the concurrency cap. */
class ZohoClientRetryTest extends ZohoClientTestBase {

    @Test
    void invalidTokenCausesOneRefreshAndOneRetry() {
        Instant now = Instant.now();
        InMemoryTokenStore store = new InMemoryTokenStore(new StoredToken("stale", null, now, now.plusSeconds(3600)));
        handler = (req, n) -> "Zoho-oauthtoken stale".equals(req.header("Authorization"))
                ? Answer.json(401, INVALID_TOKEN) : Answer.json(200, OK_JOB);
        ZohoClient c = client(settings(5), store);

        ZohoResponse r = c.bulkWriteJob("77");

        assertThat(r.isSuccess()).isTrue();
        assertThat(tokenEndpoint.calls).hasValue(1);
        assertThat(c.tokenManager().refreshCount()).isEqualTo(1);
        assertThat(apiRequests).extracting(s -> s.header("Authorization"))
                .containsExactly("Zoho-oauthtoken stale", "Zoho-oauthtoken tok-1");
        assertThat(c.authRetryCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void authErrorIsRetriedOnlyOnce() {
        handler = (req, n) -> Answer.json(401, INVALID_TOKEN);
        ZohoClient c = client();
        ZohoResponse r = c.massUpdateStatus("Leads", "1");
        assertThat(r.outcome()).isEqualTo(Outcome.AUTH);
        assertThat(r.code()).isEqualTo("INVALID_TOKEN");
        assertThat(apiCalls).hasValue(2);
        assertThat(tokenEndpoint.calls).hasValue(2);
    }

    @Test
    void tokenFailureBecomesAnAuthResponseWithoutCallingZoho() {
        tokenEndpoint.answer = n -> "{\"error\":\"invalid_client\"}";
        ZohoClient c = client();
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.outcome()).isEqualTo(Outcome.AUTH);
        assertThat(r.code()).isEqualTo("INVALID_CLIENT");
        assertThat(apiCalls).hasValue(0);
    }

    @Test
    void throttledThenSuccessIsRetriedWithBackoff() {
        handler = (req, n) -> n <= 2 ? Answer.json(429, TOO_MANY) : Answer.json(200, OK_JOB);
        ZohoClient c = client();
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.isSuccess()).isTrue();
        assertThat(apiCalls).hasValue(3);
        // full jitter with a fixed 0.5: half of 100 ms, then half of 200 ms
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(c.throttledCount()).isEqualTo(2);
        assertThat(c.retryCount()).isEqualTo(2);
        assertThat(c.callsByCode()).containsEntry("TOO_MANY_REQUESTS", 2L).containsEntry("SUCCESS", 1L);
    }

    @Test
    void givesUpAfterMaxRetriesAndReturnsTheLastAnswer() {
        handler = (req, n) -> Answer.json(500,
                "{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"oops\",\"status\":\"error\"}");
        ZohoClient c = client();
        ZohoResponse r = c.massUpdate("Leads", MAPPER.createObjectNode());
        assertThat(r.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(apiCalls).hasValue(4); // 1 + maxRetries 3
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void permanentErrorsAndAlreadyScheduledAreNotRetried() {
        handler = (req, n) -> Answer.json(400, "{\"code\":\"ALREADY_SCHEDULED\",\"details\":{\"api_name\":\"cvid\"},"
                + "\"message\":\"busy\",\"status\":\"error\"}");
        ZohoClient c = client();
        ZohoResponse r = c.massUpdate("Leads", MAPPER.createObjectNode().put("cvid", "1"));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(apiCalls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void transportFailureIsRetriedThenReported() {
        ZohoSettings s = settings(5).toBuilder().apiDomain("http://127.0.0.1:1").build(); // nothing listens on port 1
        ZohoClient c = client(s);
        ZohoResponse r = c.bulkWriteJob("77");
        assertThat(r.code()).isEqualTo("CONNECTION_FAILED");
        assertThat(r.httpStatus()).isZero();
        assertThat(r.isServerOrTransportFailure()).isTrue();
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void anInsertIsNotSentAgainAfterAnAnswerThatMayFollowItsApplication() {
        String created = "{\"data\":[{\"code\":\"SUCCESS\",\"details\":{\"id\":\"1\"},\"message\":\"record added\",\"status\":\"success\"}]}";
        handler = (req, n) -> n == 1 ? Answer.json(500, "{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"oops\",\"status\":\"error\"}")
                : Answer.json(201, created);
        ZohoClient c = client();
        ZohoResponse insert = c.insertRecords("Leads", MAPPER.createArrayNode().add(MAPPER.createObjectNode().put("Last_Name", "A")));
        assertThat(insert.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(insert.surelyNotTaken()).isFalse();
        assertThat(apiCalls).hasValue(1);

        // an upsert applied twice changes nothing more: the same answer is retried
        ZohoResponse upsert = c.upsertRecords("Leads", MAPPER.createArrayNode().add(MAPPER.createObjectNode().put("Last_Name", "A")),
                List.of("Email"));
        assertThat(upsert.isSuccess()).isTrue();
        assertThat(apiCalls).hasValue(2);
    }

    @Test
    void anInsertJobIsNotCreatedAgainAfterAnAnswerThatMayFollowItsCreation() {
        String created = "{\"code\":\"SUCCESS\",\"details\":{\"id\":\"111\"},\"message\":\"success\",\"status\":\"success\"}";
        handler = (req, n) -> n <= 2 ? Answer.json(500, "{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"oops\",\"status\":\"error\"}")
                : Answer.json(201, created);
        ZohoClient c = client();
        ZohoResponse insert = c.createBulkWriteJob(MAPPER.createObjectNode().put("operation", "insert"));
        assertThat(insert.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(insert.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(apiCalls).hasValue(1);

        // an upsert job created twice finds the same records: retried
        ZohoResponse upsert = c.createBulkWriteJob(MAPPER.createObjectNode().put("operation", "upsert"));
        assertThat(upsert.isSuccess()).isTrue();
        assertThat(apiCalls).hasValue(3);
    }

    @Test
    void anInsertIsSentAgainWhenZohoSurelyDidNotTakeIt() {
        String created = "{\"data\":[{\"code\":\"SUCCESS\",\"details\":{\"id\":\"1\"},\"message\":\"record added\",\"status\":\"success\"}]}";
        handler = (req, n) -> n == 1 ? Answer.json(429, TOO_MANY) : Answer.json(201, created);
        ZohoClient c = client();
        ZohoResponse insert = c.insertRecords("Leads", MAPPER.createArrayNode().add(MAPPER.createObjectNode().put("Last_Name", "A")));
        assertThat(insert.isSuccess()).isTrue();
        assertThat(apiCalls).hasValue(2);

        ZohoResponse refused = client(settings(5).toBuilder().apiDomain("http://127.0.0.1:1").build())
                .insertRecords("Leads", MAPPER.createArrayNode().add(MAPPER.createObjectNode().put("Last_Name", "A")));
        assertThat(refused.code()).isEqualTo("CONNECTION_FAILED");
        assertThat(refused.surelyNotTaken()).isTrue();
    }

    @Test
    void readTimeoutIsReportedAsTimeout() {
        handler = (req, n) -> {
            Thread.sleep(1500);
            return Answer.json(200, OK_JOB);
        };
        ZohoSettings s = settings(5).toBuilder().readTimeout(Duration.ofMillis(300)).maxRetries(0).build();
        ZohoResponse r = client(s).bulkWriteJob("77");
        assertThat(r.code()).isEqualTo("TIMEOUT");
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void concurrencyCapIsNeverExceeded() throws Exception {
        handler = (req, n) -> {
            Thread.sleep(40);
            return Answer.json(200, OK_JOB);
        };
        ZohoClient c = client(settings(5));
        c.tokenManager().accessToken();
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ZohoResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = String.valueOf(i);
            futures.add(pool.submit(() -> {
                go.await();
                return c.bulkWriteJob(id);
            }));
        }
        go.countDown();
        for (Future<ZohoResponse> f : futures) {
            assertThat(f.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        pool.shutdown();
        assertThat(apiCalls).hasValue(30);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(5).isGreaterThan(1);
        assertThat(c.limiter().maxObservedInFlight()).isLessThanOrEqualTo(5);
        assertThat(c.limiter().inFlight()).isZero();
        assertThat(tokenEndpoint.calls).hasValue(1);
    }

    @Test
    void failureLogsCarryNeitherTokenNorQuery() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ZohoRetries.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            handler = (req, n) -> Answer.json(401, INVALID_TOKEN);
            client().massUpdateStatus("Leads", "12345");
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).extracting(e -> e.getFormattedMessage())
                .allSatisfy(msg -> assertThat(msg).contains("/crm/v8/Leads/actions/mass_update")
                        .doesNotContain("job_id").doesNotContain("tok-").doesNotContain("Zoho-oauthtoken"));
    }
}
