package io.zohocamel.zoho;

import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Caps the Zoho calls in flight across the whole runtime: Zoho counts concurrency per org and answers
 * 429 above it. Fair, so a burst of one route cannot starve another. Callers hold a permit only for
 * the HTTP exchange itself and sleep their retry backoff without it. Calls in Zoho's group of complex
 * APIs are also held to {@link #SUB_CONCURRENCY}, whatever the general cap. While Zoho's API credits are
 * used up the limiter is paused: a call that gets its permit then is not made ({@link CreditGuard}).
 */
public final class ZohoCallLimiter {

    /**
     * Zoho's sub-concurrency limit for its complex APIs, the same on every edition ("Sub-concurrency for
     * Complex APIs", Zoho community, 2020; Kaizen #203): among them insert, update and upsert calls of more
     * than 10 records. Zoho's number, not a setting: a zoho.max-concurrent-calls above it must not lift it.
     */
    public static final int SUB_CONCURRENCY = 10;

    private final int maxConcurrentCalls;
    private final Semaphore permits;
    private final Semaphore complexPermits = new Semaphore(SUB_CONCURRENCY, true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxObserved = new AtomicInteger();
    private final AtomicInteger complexInFlight = new AtomicInteger();
    private final AtomicInteger maxObservedComplex = new AtomicInteger();
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);

    public ZohoCallLimiter(int maxConcurrentCalls) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be >= 1");
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.permits = new Semaphore(maxConcurrentCalls, true);
    }

    /** Blocks until a call may start; close the permit when the exchange is over. */
    public Permit acquire() throws InterruptedException {
        return acquire(false);
    }

    /**
     * Blocks until a call may start; {@code complex}: the call is in Zoho's sub-concurrency group. Its place
     * there is taken first, so a complex call waiting for one keeps no general slot from other calls.
     */
    public Permit acquire(boolean complex) throws InterruptedException {
        if (complex) {
            complexPermits.acquire();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            if (complex) {
                complexPermits.release();
            }
            throw e;
        }
        int now = inFlight.incrementAndGet();
        maxObserved.accumulateAndGet(now, Math::max);
        if (complex) {
            maxObservedComplex.accumulateAndGet(complexInFlight.incrementAndGet(), Math::max);
        }
        return new Permit(complex);
    }

    /**
     * No call until {@code until} (a pause already running longer stays as it is). True when this
     * started a pause: none was running at {@code now}.
     */
    public boolean pauseUntil(Instant until, Instant now) {
        Instant before = pausedUntil.getAndAccumulate(until, (a, b) -> a.isAfter(b) ? a : b);
        return !before.isAfter(now) && until.isAfter(now);
    }

    /** Until when calls are paused; in the past (EPOCH at first) when they are not. */
    public Instant pausedUntil() {
        return pausedUntil.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxObservedInFlight() {
        return maxObserved.get();
    }

    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** Calls of Zoho's sub-concurrency group in flight now, and the most seen at once. */
    public int complexInFlight() {
        return complexInFlight.get();
    }

    public int maxObservedComplexInFlight() {
        return maxObservedComplex.get();
    }

    /** One call slot; closing it twice is harmless. */
    public final class Permit implements AutoCloseable {

        private final AtomicBoolean released = new AtomicBoolean();
        private final boolean complex;

        private Permit(boolean complex) {
            this.complex = complex;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                permits.release();
                if (complex) {
                    complexInFlight.decrementAndGet();
                    complexPermits.release();
                }
            }
        }
    }
}
