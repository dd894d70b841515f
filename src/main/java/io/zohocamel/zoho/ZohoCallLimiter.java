package io.zohocamel.zoho;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the Zoho calls in flight across the whole runtime: Zoho counts concurrency per org and answers
 * 429 above it. Fair, so a burst of one route cannot starve another. Callers hold a permit only for
 * the HTTP exchange itself and sleep their retry backoff without it.
 */
public final class ZohoCallLimiter {

    private final int maxConcurrentCalls;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxObserved = new AtomicInteger();

    public ZohoCallLimiter(int maxConcurrentCalls) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be >= 1");
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.permits = new Semaphore(maxConcurrentCalls, true);
    }

    /** Blocks until a call may start; close the permit when the exchange is over. */
    public Permit acquire() throws InterruptedException {
        permits.acquire();
        int now = inFlight.incrementAndGet();
        maxObserved.accumulateAndGet(now, Math::max);
        return new Permit();
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

    /** One call slot; closing it twice is harmless. */
    public final class Permit implements AutoCloseable {

        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                permits.release();
            }
        }
    }
}
