package io.zohocamel.zoho;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * How every Zoho call is made and retried, and the counters of what came of it.
 *
 * <p>Per call: a token first (outside the permit: a slow refresh must not hold a call slot), then a
 * limiter permit for the HTTP exchange only; on an auth error the token is reported as rejected and
 * the call retried once; on throttling, 5xx and transport failures exponential backoff with full
 * jitter (slept without the permit, so waiting callers don't block others), at most
 * {@code maxRetries} retries. ALREADY_SCHEDULED is retryable too but not here: the scheduler is busy
 * for minutes, so the caller re-queues the job instead. Every answer is booked with the {@link CreditGuard};
 * a 429 for want of credits is not retried (every call is paused instead), and no call is made while paused.
 */
final class ZohoRetries {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoRetries.class);

    /** One HTTP attempt with a given token; must not throw but for an interrupt. */
    @FunctionalInterface
    interface Attempt {
        Answer run(String token) throws InterruptedException;
    }

    /** What an attempt received, read into a ZohoResponse once the call slot is free again. */
    @FunctionalInterface
    interface Answer {
        ZohoResponse read();
    }

    private final ZohoSettings settings;
    private final OAuthTokenManager tokens;
    private final ZohoCallLimiter limiter;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final CreditGuard credits;

    private final Map<String, LongAdder> callsByCode = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder authRetries = new LongAdder();

    /** @param jitter yields [0,1): the fraction of the backoff cap actually slept (full jitter) */
    ZohoRetries(ZohoSettings settings, OAuthTokenManager tokens, ZohoCallLimiter limiter, Sleeper sleeper,
                DoubleSupplier jitter, CreditGuard credits) {
        this.settings = settings;
        this.tokens = tokens;
        this.limiter = limiter;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.credits = credits;
    }

    CreditGuard credits() {
        return credits;
    }

    /**
     * Makes the call at price {@code cost}, retrying as the class says; the last answer, counted. complex:
     * the call is in Zoho's sub-concurrency group ({@link ZohoCallLimiter#SUB_CONCURRENCY}).
     */
    ZohoResponse call(String method, URI uri, boolean complex, ZohoCallCosts.Call cost, Attempt attempt) {
        return call(method, uri, complex, cost, true, attempt);
    }

    /**
     * As above; a call that is not {@code repeatable} (applied twice it does twice: an insert) is sent again only
     * when Zoho surely did not take it ({@link ZohoResponse#surelyNotTaken()}). After a timeout, a broken
     * connection or a 5xx it is answered with {@link Outcome#UNKNOWN}, for the caller to report.
     */
    ZohoResponse call(String method, URI uri, boolean complex, ZohoCallCosts.Call cost, boolean repeatable, Attempt attempt) {
        String path = uri.getRawPath(); // never the query string, never headers
        boolean authRetried = false;
        int retry = 0;
        while (true) {
            String token;
            try {
                token = tokens.accessToken();
            } catch (ZohoAuthException e) {
                LOG.warn("Zoho call {} {} not made: no access token ({})", method, path, e.code());
                return count(ZohoResponse.authFailure(e.code(), e.getMessage()));
            }
            Answer answer;
            try (ZohoCallLimiter.Permit permit = limiter.acquire(complex)) {
                ZohoResponse paused = credits.refusal();
                if (paused != null) {
                    return count(paused);
                }
                answer = attempt.run(token);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count(ZohoResponse.localError("INTERRUPTED", "interrupted while calling Zoho"));
            }
            ZohoResponse response = count(answer.read());
            boolean creditsUsedUp = credits.answered(cost, response);
            if (response.isSuccess()) {
                return response;
            }
            LOG.warn("Zoho call failed: {} {} -> {} (HTTP {}, attempt {})", method, path, response.code(),
                    response.httpStatus(), retry + (authRetried ? 2 : 1));
            if (response.outcome() == Outcome.AUTH && !authRetried) {
                authRetried = true;
                authRetries.increment();
                tokens.rejected(token);
                continue;
            }
            if (response.isThrottled()) {
                throttled.increment();
            }
            if (creditsUsedUp) {
                return response; // every call waits out the pause, this one with the others
            }
            if (!repeatable && response.outcome() == Outcome.RETRYABLE && !response.surelyNotTaken()) {
                return response.outcomeUnknown();
            }
            boolean transient_ = response.isThrottled() || response.isServerOrTransportFailure();
            if (!transient_ || retry >= settings.maxRetries() || Thread.currentThread().isInterrupted()) {
                return response;
            }
            Duration delay = backoff(retry++);
            retries.increment();
            try {
                sleeper.sleep(delay); // without the permit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** Full jitter: uniform in [0, min(max, initial * 2^retry)). */
    Duration backoff(int retry) {
        long cap = Math.max(0, settings.retryInitialDelay().toMillis());
        long max = settings.retryMaxDelay().toMillis();
        for (int i = 0; i < retry && cap < max; i++) {
            cap = cap * 2;
        }
        cap = Math.min(cap, max);
        double fraction = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis((long) (fraction * cap));
    }

    /** Counts a call that ended without reaching Zoho (refused here) as well as every attempt. */
    ZohoResponse count(ZohoResponse response) {
        String key = response.code() != null ? response.code() : (response.isSuccess() ? "SUCCESS" : "UNKNOWN");
        callsByCode.computeIfAbsent(key, k -> new LongAdder()).increment();
        // exposed on /observe/metrics as zoho_calls_total{code=...}
        Counter.builder("zoho.calls").description("HTTP calls to Zoho, by outcome (SUCCESS or Zoho's error code)")
                .tag("code", key).register(Metrics.globalRegistry).increment();
        return response;
    }

    Map<String, Long> callsByCode() {
        Map<String, Long> out = new TreeMap<>();
        callsByCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long throttledCount() {
        return throttled.sum();
    }

    long retryCount() {
        return retries.sum();
    }

    long authRetryCount() {
        return authRetries.sum();
    }
}
