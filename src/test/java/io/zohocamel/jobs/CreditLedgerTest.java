package io.zohocamel.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.zohocamel.zoho.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credit ledger (V5) over Zoho's rolling 24 hours, on H2 and on PostgreSQL when a server is reachable:
 * two instances book into one store, what is older than 24 hours no longer counts (and is deleted), "when
 * will N fit" is when enough of the window's credits have left it, and a credits 429 pauses until the
 * oldest credit is free, within bounds. Also prints roughly what a write costs (not a timed assertion).
 */
class CreditLedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void postgres() throws Exception {
        Assumptions.assumeTrue(TestPostgres.available(), "no PostgreSQL reachable");
        try (TestPostgres pg = TestPostgres.create("credit_test");
             HikariDataSource ds = JobStoreDataSource.create(pg.url, TestPostgres.USER, TestPostgres.PASSWORD, Path.of("target"))) {
            assertThat(new JobStore(ds, Clock.systemUTC()).isPostgres()).isTrue();
            theWindowRolls(ds);
            measureWrites(ds, "PostgreSQL");
        }
    }

    private static void theWindowRolls(HikariDataSource ds) {
        MutableClock clock = new MutableClock(T0);
        CreditLedger a = new CreditLedger(ds, clock, 2_000L, Duration.ofMinutes(10), "a:8080");
        CreditLedger b = new CreditLedger(ds, clock, 2_000L, Duration.ofMinutes(10), "b:8080");

        a.spent("bulk_write_job", 500);           // 08:00:00
        a.spent("upload", 1);
        clock.advance(Duration.ofHours(2));
        b.spent("bulk_write_job", 500);           // 10:00:00, another instance
        clock.advance(Duration.ofMinutes(30).plusMillis(400));
        a.spent("job_details", 1);                // 10:30:00.4
        a.spent("job_details", 1);
        b.spent("mass_update", 1);
        b.flush(); // the runtime's timer writes each instance's sums every second

        assertThat(a.spentLast24Hours()).isEqualTo(1_004);
        assertThat(b.spentLast24Hours()).as("every instance sees every instance's spending").isEqualTo(1_004);
        assertThat(a.spentLast24HoursByApi()).containsEntry("bulk_write_job", 1_000L).containsEntry("job_details", 2L)
                .containsEntry("upload", 1L).containsEntry("mass_update", 1L);
        assertThat(a.budgetRemaining()).hasValue(996);
        assertThat(a.budgetSpent()).isFalse();
        assertThat(a.whenFits(996)).contains(clock.instant());
        // 1,500 more need 504 freed: the 08:00 minute (501) is not enough, the 10:00 one is
        assertThat(a.whenFits(1_500)).contains(Instant.parse("2026-03-02T10:01:00Z"));
        assertThat(a.whenFits(2_001)).as("more than the whole budget never fits").isEmpty();

        // Zoho says the credits are used up: pause until the oldest credit (08:00:00) is free, at most 10 minutes
        assertThat(a.creditsExhausted(clock.instant())).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));

        clock.advance(Duration.ofHours(21).plusMinutes(30)); // 2026-03-02 08:00:00.4: the 08:00:00 credits left the window
        assertThat(a.spentLast24Hours()).as("older than 24 hours: no longer counted").isEqualTo(503);
        assertThat(a.whenFits(1_497)).contains(clock.instant());
        assertThat(a.whenFits(1_500)).as("3 more must leave: the 10:00 minute").contains(Instant.parse("2026-03-02T10:01:00Z"));
        // the oldest credit in the window (10:00) frees in 2 hours: the pause stays at its 10-minute cap
        assertThat(a.creditsExhausted(clock.instant())).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofHours(2).minusSeconds(30)); // 09:59:30.4: frees in 31 s, paused for the minimum minute
        assertThat(a.creditsExhausted(clock.instant())).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

        b.spent("bulk_write_job", 500);
        b.spent("bulk_write_job", 500);
        b.spent("bulk_write_job", 500);
        b.flush(); // what the runtime's timer does every second
        assertThat(a.budgetSpent()).isTrue();
        assertThat(a.budgetRemaining()).hasValue(-3);

        clock.advance(Duration.ofHours(1)); // past 10:30:00.4 of the day before: only today's 1,500 are left
        assertThat(b.spentLast24Hours()).isEqualTo(1_500);
        a.flush(); // the ten-minute prune has come round: rows out of the window are gone
        assertThat(count(ds, "select count(*) from zoho_credit")).isEqualTo(1);
        assertThat(new CreditLedger(ds, clock, null, Duration.ofMinutes(10), "c").whenFits(1_000_000))
                .as("no budget: everything fits").contains(clock.instant());
        a.close();
        b.close();
    }

    /**
     * Roughly what booking costs: the ledger's way (sums per second, one row per second and api) for calls
     * spread over seconds, against one insert per call. Printed, not asserted.
     */
    private static void measureWrites(HikariDataSource ds, String db) {
        MutableClock clock = new MutableClock(Instant.now());
        CreditLedger ledger = new CreditLedger(ds, clock, null, Duration.ofMinutes(10), "measure");
        CreditRows rows = new CreditRows(new JobStoreJdbc(ds, clock));
        int calls = 2_000;
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            rows.insert(clock.millis(), "job_details", 1, 1, "measure");
        }
        long perInsertMicros = (System.nanoTime() - started) / 1_000 / calls;
        started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            if (i % 100 == 0) {
                clock.advance(Duration.ofSeconds(1)); // 100 calls a second
            }
            ledger.spent("job_details", 1);
        }
        ledger.flush();
        long perCallMicros = (System.nanoTime() - started) / 1_000 / calls;
        System.out.printf("credit ledger on %s: one insert per call %d us a call; summed per second %d us a call%n",
                db, perInsertMicros, perCallMicros);
        assertThat(ledger.spentLast24Hours()).isGreaterThanOrEqualTo(2L * calls);
    }

    private static long count(HikariDataSource ds, String sql) {
        return new JobStoreJdbc(ds, Clock.systemUTC()).queryOne(sql, rs -> rs.getLong(1)).orElseThrow();
    }
}
