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
 * Fault injection and observation: latency, random 429/500, the concurrency cap, outage, the org's API credits
 * left, plus the counters and request log tests assert on. All knobs are live (volatile) so a test can flip
 * them mid-run.
 */
final class SandboxFaults {

    /** Oldest entries are dropped beyond this, so long benchmarks do not grow the heap without bound. */
    static final int MAX_LOG = 10_000;

    volatile Duration latency;
    volatile double rate429;
    volatile double rate500;
    volatile int concurrencyCap;
    volatile boolean outage;
    /**
     * The org's API credits left, sent as X-API-CREDITS-REMAINING on every API answer (Zoho sends it once half
     * the day's credits are used); at 0 every API call is refused with 429 as Zoho refuses calls when they
     * run out. Null: plenty left, no header. Not counted down by calls: a test sets what it needs.
     */
    volatile Long creditsRemaining;

    /** "METHOD pattern" -> how many more of those calls are carried out and then answered 500 (their answer lost). */
    private final Map<String, AtomicInteger> answersToLose = new ConcurrentHashMap<>();

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

    void loseAnswers(String method, String pattern, int count) {
        answersToLose.put(method + " " + pattern, new AtomicInteger(count));
    }

    /** Whether this carried-out call's answer is to be lost (one fewer to lose). */
    boolean loseAnswer(String method, String pattern) {
        AtomicInteger left = answersToLose.get(method + " " + pattern);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** A call refused for good after some were let through: how many more pass, and the code of the refusal. */
    private record Refusal(AtomicInteger passing, String code) {
    }

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    void refuseCalls(String method, String pattern, int after, String code) {
        refusals.put(method + " " + pattern, new Refusal(new AtomicInteger(after), code));
    }

    /** The 400 refusing this call, or null when it passes. */
    SandboxResponse refusal(String method, String pattern) {
        Refusal refusal = refusals.get(method + " " + pattern);
        if (refusal == null || refusal.passing().getAndUpdate(n -> Math.max(-1, n - 1)) > 0) {
            return null;
        }
        return SandboxErrors.error(400, refusal.code(), "the request was refused (sandbox fault)");
    }

    /** The 429 of an org whose credits are used up, or null while it has some. */
    SandboxResponse creditsExhausted() {
        Long left = creditsRemaining;
        // the cause as Zoho's status-code table words it; the code is the concurrency limit's too
        return left != null && left <= 0 ? SandboxErrors.error(429, "TOO_MANY_REQUESTS",
                "Number of API requests for the 24 hour period is exceeded") : null;
    }

    /** The answer with the credits header while credits are set. */
    SandboxResponse withCreditsHeader(SandboxResponse response) {
        Long left = creditsRemaining;
        return left == null ? response : response.withHeader("X-API-CREDITS-REMAINING", String.valueOf(Math.max(0, left)));
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
