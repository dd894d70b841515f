package io.zohocamel.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import io.zohocamel.common.LogLimit;
import io.zohocamel.zoho.CreditListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API credits spent at Zoho over the last 24 hours, kept in the job store (V5, {@code zoho_credit}) so
 * every instance on it counts the same day. Zoho's window rolls: each credit is free again 24 hours after
 * it was spent, so the questions are "how much was spent after now - 24 h" and "when will N more fit"
 * (the earliest time enough of the window's credits have left it).
 *
 * <p>The Zoho client books every answered call here ({@link CreditListener}). Calls are added up per
 * second and api in memory and written as one row per second and api, by the first call of a later second,
 * by {@link #flush()} (the runtime runs it every second) or before any question: a call never waits for the
 * database (one insert per call took 2.6 ms on H2, 5.3 ms on PostgreSQL here; summed, 0.15 ms a call at 100
 * calls a second), and a day is some hundred thousand rows at most. A crash loses the current second. Rows that left the window are deleted every ten minutes.
 * A failing database loses nothing: what could not be written is kept and written with the next rows.
 */
public final class CreditLedger implements CreditListener, AutoCloseable {

    public static final Duration WINDOW = Duration.ofHours(24);
    /**
     * The shortest pause after Zoho said the credits are used up: credits this runtime spent a moment
     * apart free up a moment apart, and a probe every few seconds would only add refused calls.
     */
    private static final Duration MIN_PAUSE = Duration.ofMinutes(1);
    private static final long PRUNE_EVERY_MS = Duration.ofMinutes(10).toMillis();
    private static final Logger LOG = LoggerFactory.getLogger(CreditLedger.class);

    /** Zoho's {@code X-API-CREDITS-REMAINING}: the org's credits left, when Zoho said so. */
    public record Remaining(long credits, Instant at) {
    }

    private record Key(long second, String api) {
    }

    private final CreditRows rows;
    private final Clock clock;
    private final Long budget;
    private final Duration maxPause;
    private final String instance;
    private final LogLimit failures = new LogLimit(Duration.ofMinutes(1));
    /** Credits and calls per second and api not written yet; guarded by itself. */
    private final Map<Key, long[]> pending = new HashMap<>();
    private long oldestPendingSecond = Long.MAX_VALUE;
    private volatile long prunedAt;
    private volatile Remaining remaining;

    /**
     * @param budget   credits this runtime may spend in 24 hours ({@code zoho.daily-credit-budget}), null: none
     * @param maxPause the longest pause of every call after Zoho said the credits are used up
     */
    public CreditLedger(DataSource dataSource, Clock clock, Long budget, Duration maxPause, String instance) {
        if (budget != null && budget < 1) {
            throw new IllegalArgumentException("zoho.daily-credit-budget must be at least 1 or empty (none), is " + budget);
        }
        this.rows = new CreditRows(new JobStoreJdbc(dataSource, clock));
        this.clock = clock;
        this.budget = budget;
        this.maxPause = maxPause;
        this.instance = instance;
    }

    // ------------------------------------------------------------------ what the Zoho client reports

    @Override
    public void spent(String api, int credits) {
        CreditMetrics.used(api, credits);
        long second = clock.millis() / 1000 * 1000;
        Map<Key, long[]> due;
        synchronized (pending) {
            long[] sums = pending.computeIfAbsent(new Key(second, api), k -> new long[2]);
            sums[0] += credits;
            sums[1]++;
            oldestPendingSecond = Math.min(oldestPendingSecond, second);
            due = oldestPendingSecond < second ? take(second) : null;
        }
        if (due != null) {
            write(due);
        }
    }

    @Override
    public void remaining(long credits) {
        remaining = new Remaining(credits, clock.instant());
    }

    @Override
    public boolean budgetSpent() {
        try {
            return budget != null && spentLast24Hours() >= budget;
        } catch (JobStoreException e) {
            return false; // the other signs of a credits 429 still count
        }
    }

    /**
     * Until the oldest credit of the ledger's window is free again, at least a minute, at most
     * {@code maxPause} (all of it when the ledger is empty): Zoho's count holds other integrations' calls
     * too, so nothing here knows when enough will be free; the pause is a bounded wait before the next try.
     */
    @Override
    public Instant creditsExhausted(Instant now) {
        Duration pause = maxPause;
        try {
            flush();
            Long oldest = rows.oldestAfter(now.toEpochMilli() - WINDOW.toMillis());
            if (oldest != null) {
                // rows hold the start of their second: the credit is free a second later at the latest
                Duration untilFree = Duration.ofMillis(oldest + 1000 + WINDOW.toMillis() - now.toEpochMilli());
                pause = untilFree.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : untilFree;
                pause = pause.compareTo(maxPause) > 0 ? maxPause : pause;
            }
        } catch (JobStoreException e) {
            logFailure("could not read the credit ledger", e);
        }
        return now.plus(pause);
    }

    // ------------------------------------------------------------------ what the runtime asks

    /** Credits spent at Zoho in the last 24 hours by every instance on this job store. */
    public long spentLast24Hours() {
        flush();
        return rows.spentAfter(clock.millis() - WINDOW.toMillis());
    }

    /** As {@link #spentLast24Hours()}, by api label. */
    public Map<String, Long> spentLast24HoursByApi() {
        flush();
        return rows.spentAfterByApi(clock.millis() - WINDOW.toMillis());
    }

    /** {@code zoho.daily-credit-budget}; empty when none is set. */
    public OptionalLong budget() {
        return budget == null ? OptionalLong.empty() : OptionalLong.of(budget);
    }

    /** The budget less the last 24 hours' spending (negative when over); empty without a budget. */
    public OptionalLong budgetRemaining() {
        return budget == null ? OptionalLong.empty() : OptionalLong.of(budget - spentLast24Hours());
    }

    /**
     * The earliest time {@code credits} more fit the budget as the window rolls on (now when they fit now,
     * or when there is no budget); empty when they never fit (more than the whole budget). Minute by
     * minute: the answer is at most a minute late, never early.
     */
    public Optional<Instant> whenFits(long credits) {
        Instant now = clock.instant();
        if (budget == null) {
            return Optional.of(now);
        }
        if (credits > budget) {
            return Optional.empty();
        }
        flush();
        List<CreditRows.Minute> minutes = rows.minutesAfter(now.toEpochMilli() - WINDOW.toMillis());
        long excess = minutes.stream().mapToLong(CreditRows.Minute::credits).sum() + credits - budget;
        long freed = 0;
        for (CreditRows.Minute minute : minutes) {
            if (freed >= excess) {
                break;
            }
            freed += minute.credits();
            if (freed >= excess) {
                // the minute's credits are all free once its last millisecond is 24 hours old
                return Optional.of(Instant.ofEpochMilli((minute.minute() + 1) * 60_000 + WINDOW.toMillis()));
            }
        }
        return Optional.of(now);
    }

    /** The last {@code X-API-CREDITS-REMAINING} Zoho sent this instance; empty before the first. */
    public Optional<Remaining> zohoRemaining() {
        return Optional.ofNullable(remaining);
    }

    /** Writes what is pending now (before a question, at stop); deletes what left the window now and then. */
    public void flush() {
        Map<Key, long[]> due;
        synchronized (pending) {
            due = take(Long.MAX_VALUE);
        }
        write(due);
        long now = clock.millis();
        if (now - prunedAt > PRUNE_EVERY_MS) {
            prunedAt = now;
            try {
                rows.deleteUpTo(now - WINDOW.toMillis());
            } catch (JobStoreException e) {
                logFailure("could not delete old credit ledger rows", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (JobStoreException e) {
            logFailure("credits of the last second not written at stop", e);
        }
    }

    /** Removes and returns the pending sums of seconds before {@code before}; the caller holds the lock. */
    private Map<Key, long[]> take(long before) {
        Map<Key, long[]> due = new HashMap<>();
        long oldestLeft = Long.MAX_VALUE;
        for (Iterator<Map.Entry<Key, long[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, long[]> e = it.next();
            if (e.getKey().second() < before) {
                due.put(e.getKey(), e.getValue());
                it.remove();
            } else {
                oldestLeft = Math.min(oldestLeft, e.getKey().second());
            }
        }
        oldestPendingSecond = oldestLeft;
        return due;
    }

    private void write(Map<Key, long[]> due) {
        List<Map.Entry<Key, long[]>> entries = List.copyOf(due.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<Key, long[]> e = entries.get(i);
            try {
                rows.insert(e.getKey().second(), e.getKey().api(), e.getValue()[0], (int) e.getValue()[1], instance);
            } catch (JobStoreException failure) {
                logFailure("credits not written yet, kept for the next write", failure);
                synchronized (pending) {
                    for (Map.Entry<Key, long[]> left : entries.subList(i, entries.size())) {
                        long[] sums = pending.computeIfAbsent(left.getKey(), k -> new long[2]);
                        sums[0] += left.getValue()[0];
                        sums[1] += left.getValue()[1];
                        oldestPendingSecond = Math.min(oldestPendingSecond, left.getKey().second());
                    }
                }
                return;
            }
        }
    }

    private void logFailure(String what, RuntimeException e) {
        long times = failures.admit();
        if (times > 0) {
            LOG.warn("Credit ledger: {} ({}; {} time(s) since the last line)", what, e.getMessage(), times);
        }
    }
}
