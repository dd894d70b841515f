package io.zohocamel.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection and observation: latency, random 429/500, the concurrency cap, outage, plus the counters
 * and request log tests assert on. All knobs are live (volatile) so a test can flip them mid-run.
 */
final class SandboxFaults {

    /** Oldest entries are dropped beyond this, so long benchmarks do not grow the heap without bound. */
    static final int MAX_LOG = 10_000;

    volatile Duration latency;
    volatile double rate429;
    volatile double rate500;
    volatile int concurrencyCap;
    volatile boolean outage;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger sent429 = new AtomicInteger();
    /** Time API calls spent inside the sandbox (latency included), summed over calls. */
    private final AtomicLong busyNanos = new AtomicLong();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Deque<SandboxLoggedRequest> log = new ArrayDeque<>();
    private Random random = new Random();

    SandboxFaults(SandboxSettings settings) {
        latency = settings.latency();
        rate429 = settings.rate429();
        rate500 = settings.rate500();
        concurrencyCap = settings.concurrencyCap();
    }

    /** Counts the call in flight; returns how many are in flight including this one. */
    int enter() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        return now;
    }

    void exit(long nanosInside) {
        inFlight.decrementAndGet();
        busyNanos.addAndGet(nanosInside);
    }

    long busyNanos() {
        return busyNanos.get();
    }

    void counted429() {
        sent429.incrementAndGet();
    }

    synchronized void seed(long seed) {
        random = new Random(seed);
    }

    synchronized double draw() {
        return random.nextDouble();
    }

    void countCall(String method, String pattern) {
        calls.computeIfAbsent(method + " " + pattern, k -> new AtomicInteger()).incrementAndGet();
    }

    int calls(String method, String pattern) {
        AtomicInteger n = calls.get(method + " " + pattern);
        return n == null ? 0 : n.get();
    }

    Map<String, Integer> callCounts() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int sent429() {
        return sent429.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    synchronized void log(SandboxLoggedRequest entry) {
        if (log.size() >= MAX_LOG) {
            log.removeFirst();
        }
        log.addLast(entry);
    }

    synchronized List<SandboxLoggedRequest> log() {
        return List.copyOf(log);
    }

    synchronized void reset() {
        log.clear();
        calls.clear();
        sent429.set(0);
        busyNanos.set(0);
        maxInFlight.set(inFlight.get());
    }
}
