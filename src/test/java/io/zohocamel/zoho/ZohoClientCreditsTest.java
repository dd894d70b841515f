package io.zohocamel.zoho;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API credits as the client sees them: every answered call booked at its price, Zoho's credits header
 * passed on, and a 429 for want of credits told from a 429 for too many calls at once: the first pauses
 * every call (none is sent until the pause ends), the second keeps the short backoff.
 */
class ZohoClientCreditsTest extends ZohoClientTestBase {

    static final String CREDITS_429 = "{\"code\":\"TOO_MANY_REQUESTS\",\"details\":{},"
            + "\"message\":\"Number of API requests for the 24 hour period is exceeded\",\"status\":\"error\"}";

    /** Records what the client reports; pauses for {@link #pause}. */
    static final class Ledger implements CreditListener {
        final List<String> spent = new CopyOnWriteArrayList<>();
        final List<Long> remaining = new CopyOnWriteArrayList<>();
        final List<Instant> exhausted = new CopyOnWriteArrayList<>();
        volatile boolean budgetSpent;
        volatile Duration pause = Duration.ofMillis(800);

        @Override
        public void spent(String api, int credits) {
            spent.add(api + "=" + credits);
        }

        @Override
        public void remaining(long credits) {
            remaining.add(credits);
        }

        @Override
        public boolean budgetSpent() {
            return budgetSpent;
        }

        @Override
        public Instant creditsExhausted(Instant now) {
            exhausted.add(now);
            return now.plus(pause);
        }
    }

    final Ledger ledger = new Ledger();
    private ZohoClient client;

    ZohoClient client(Ledger listener) {
        ZohoSettings s = settings(5);
        ZohoHttp http = new ZohoHttp(s);
        client = new ZohoClient(s, new OAuthTokenManager(s, http, Clock.systemUTC(), new InMemoryTokenStore(), null),
                new ZohoCallLimiter(s.maxConcurrentCalls()), http, sleeps::add, () -> 0.5, listener);
        return client;
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void everyAnsweredCallIsBookedAtItsPrice(@TempDir Path dir) {
        handler = (req, n) -> req.pathAndQuery().endsWith(".zip")
                ? new Answer(200, "PK", Map.of()) : Answer.json(200, OK_JOB);
        ZohoClient c = client(ledger);

        c.upload("a.zip", new byte[] {1});
        c.createBulkWriteJob(MAPPER.createObjectNode());
        c.bulkWriteJob("77");
        c.download(base() + "/v2/crm/1/bulk-write/77/77.zip", dir.resolve("r.zip"), 1000);
        c.massUpdate("Leads", MAPPER.createObjectNode());
        c.massUpdateStatus("Leads", "9");

        assertThat(ledger.spent).containsExactly("upload=1", "bulk_write_job=500", "job_details=1", "download=1",
                "mass_update=1", "mass_update_status=1");
        assertThat(tokenEndpoint.calls).as("the token refresh is no API call: not booked").hasValue(1);
    }

    @Test
    void recordsCallsAreBookedAtOneCreditPerTenRecords() {
        handler = (req, n) -> Answer.json(200, "{\"data\":[]}");
        ZohoClient c = client(ledger);
        c.insertRecords("Leads", records(95));
        c.updateRecords("Leads", records(100));
        c.upsertRecords("Contacts", records(11), List.of("Email"));
        c.insertRecords("Leads", records(1));
        assertThat(ledger.spent).containsExactly("records_insert=10", "records_update=10", "records_upsert=2",
                "records_insert=1");
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode records(int n) {
        com.fasterxml.jackson.databind.node.ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0; i < n; i++) {
            array.addObject().put("Last_Name", "R" + i).put("id", String.valueOf(i));
        }
        return array;
    }

    @Test
    void recordsCallsCostOneCreditPerTenRecords() {
        assertThat(ZohoCallCosts.of("POST", "/crm/v8/Leads", 1)).isEqualTo(new ZohoCallCosts.Call("records_insert", 1));
        assertThat(ZohoCallCosts.of("POST", "/crm/v8/Leads", 95)).isEqualTo(new ZohoCallCosts.Call("records_insert", 10));
        assertThat(ZohoCallCosts.of("PUT", "/crm/v8/Leads", 100)).isEqualTo(new ZohoCallCosts.Call("records_update", 10));
        assertThat(ZohoCallCosts.of("POST", "/crm/v8/Contacts/upsert", 11))
                .isEqualTo(new ZohoCallCosts.Call("records_upsert", 2));
        assertThat(ZohoCallCosts.of("POST", "/crm/v8/upload", 0)).isEqualTo(ZohoCallCosts.UPLOAD);
        assertThat(ZohoCallCosts.of("GET", "/crm/v8/settings/fields", 0)).isEqualTo(ZohoCallCosts.OTHER);
    }

    @Test
    void refusedAndUnansweredCallsAreNotBooked() {
        handler = (req, n) -> n == 1 ? Answer.json(401, INVALID_TOKEN) : n == 2 ? Answer.json(429, TOO_MANY)
                : Answer.json(200, OK_JOB);
        ZohoClient c = client(ledger);
        assertThat(c.bulkWriteJob("77").isSuccess()).isTrue();
        assertThat(ledger.spent).containsExactly("job_details=1");
    }

    @Test
    void zohosCreditsHeaderIsPassedOn() {
        handler = (req, n) -> new Answer(200, OK_JOB, Map.of("Content-Type", "application/json",
                "X-API-CREDITS-REMAINING", String.valueOf(25_000 - n)));
        ZohoClient c = client(ledger);
        c.bulkWriteJob("77");
        c.bulkWriteJob("77");
        assertThat(ledger.remaining).containsExactly(24_999L, 24_998L);
    }

    @Test
    void aCreditsMessagePausesEveryCallUntilTheLedgerSaysSo() throws Exception {
        handler = (req, n) -> n == 1 ? Answer.json(429, CREDITS_429) : Answer.json(200, OK_JOB);
        ZohoClient c = client(ledger);

        ZohoResponse refused = c.createBulkWriteJob(MAPPER.createObjectNode());
        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(sleeps).as("no backoff retry: the pause is every call's").isEmpty();
        assertThat(ledger.exhausted).hasSize(1);

        ZohoResponse paused = c.bulkWriteJob("77");
        assertThat(paused.code()).isEqualTo(ZohoResponse.CREDITS_EXHAUSTED);
        assertThat(paused.isThrottled()).isTrue();
        assertThat(paused.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(apiCalls).as("nothing sent while paused").hasValue(1);
        assertThat(ledger.spent).isEmpty();

        Thread.sleep(ledger.pause.toMillis() + 100);
        assertThat(c.bulkWriteJob("77").isSuccess()).isTrue();
        assertThat(apiCalls).hasValue(2);
    }

    @Test
    void zohosLastCreditsHeaderAtOrBelowTheCostMakesA429ACreditsOne() {
        handler = (req, n) -> n == 1
                ? new Answer(200, OK_JOB, Map.of("Content-Type", "application/json", "X-API-CREDITS-REMAINING", "499"))
                : Answer.json(429, TOO_MANY);
        ZohoClient c = client(ledger);
        c.bulkWriteJob("77");
        ObjectNode job = MAPPER.createObjectNode();
        assertThat(c.createBulkWriteJob(job).httpStatus()).isEqualTo(429);
        assertThat(ledger.exhausted).hasSize(1);
        assertThat(apiCalls).hasValue(2);
    }

    @Test
    void limitReachedOrASpentBudgetMakeA429ACreditsOne() {
        handler = (req, n) -> Answer.json(429,
                "{\"code\":\"LIMIT_REACHED\",\"details\":{},\"message\":\"limit reached\",\"status\":\"error\"}");
        ZohoClient c = client(ledger);
        ledger.pause = Duration.ZERO; // no pause between the two cases
        c.bulkWriteJob("77");
        assertThat(ledger.exhausted).hasSize(1);

        handler = (req, n) -> Answer.json(429, TOO_MANY);
        ledger.budgetSpent = true;
        c.bulkWriteJob("77");
        assertThat(ledger.exhausted).hasSize(2);
        assertThat(apiCalls).hasValue(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aConcurrency429KeepsTheShortBackoffAndPausesNothing() {
        handler = (req, n) -> n == 1
                ? new Answer(429, TOO_MANY, Map.of("Content-Type", "application/json", "X-API-CREDITS-REMAINING", "20000"))
                : Answer.json(200, OK_JOB);
        ZohoClient c = client(ledger);
        assertThat(c.bulkWriteJob("77").isSuccess()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofMillis(50));
        assertThat(ledger.exhausted).isEmpty();
        assertThat(c.limiter().pausedUntil()).isBefore(Instant.now());
    }
}
