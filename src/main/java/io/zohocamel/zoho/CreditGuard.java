package io.zohocamel.zoho;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's side of API credits: books every answered call with the {@link CreditListener}, keeps the
 * last {@code X-API-CREDITS-REMAINING} Zoho sent, and tells a 429 for want of credits from a 429 for too
 * many calls at once. Zoho answers both with the same status and code (TOO_MANY_REQUESTS), so a 429 counts
 * as "credits" when any of these holds (the recommendation of the research behind issue 20; Zoho's exact
 * wording for either is unpublished): the last header seen leaves no more than the call's cost; this
 * runtime has spent its own budget; the message speaks of credits, a 24 hour period or the API limit, or
 * the code is LIMIT_REACHED. A credits 429 pauses every call through the limiter for as long as the
 * listener says (logged once per pause); a concurrency 429 keeps the client's short backoff.
 */
final class CreditGuard {

    private static final Logger LOG = LoggerFactory.getLogger(CreditGuard.class);
    private static final Pattern CREDITS_WORDING = Pattern.compile("credit|24[ -]?hour|api limit", Pattern.CASE_INSENSITIVE);

    private final CreditListener listener;
    private final ZohoCallLimiter limiter;
    private final Clock clock;
    /** The header on the latest API answer; null when it had none (then more than half the credits are left). */
    private volatile Long remaining;

    CreditGuard(CreditListener listener, ZohoCallLimiter limiter, Clock clock) {
        this.listener = listener;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** The call not to make while paused, or null: calls may go. */
    ZohoResponse refusal() {
        Instant until = limiter.pausedUntil();
        if (!until.isAfter(clock.instant())) {
            return null;
        }
        return ZohoResponse.creditsExhausted("Zoho's API credits are used up: no call to Zoho until " + until);
    }

    /**
     * The {@code X-API-CREDITS-REMAINING} header of an answer. An API answer without it means less than
     * half the credits are used ({@code absentMeansPlenty}); a 429 or a download host may simply not send it.
     */
    void remainingHeader(String value, boolean absentMeansPlenty) {
        Long credits = parse(value);
        if (credits != null) {
            remaining = credits;
            listener.remaining(credits);
        } else if (absentMeansPlenty) {
            remaining = null;
        }
    }

    /**
     * Books an answer of {@code call}. True when it was a 429 for want of credits: calls are paused now,
     * and retrying this one would only be refused.
     */
    boolean answered(ZohoCallCosts.Call call, ZohoResponse response) {
        if (response.httpStatus() == 429 || (response.httpStatus() > 0 && response.isThrottled())) {
            String reason = creditsReason(call, response);
            if (reason == null) {
                return false;
            }
            Instant now = clock.instant();
            Instant until = listener.creditsExhausted(now);
            if (limiter.pauseUntil(until, now)) {
                LOG.warn("Zoho refused a call for want of API credits ({}): no call to Zoho for {} (until {})", reason,
                        Duration.between(now, until).withNanos(0), until);
            }
            return true;
        }
        // refused before any work: not charged (401: Zoho cannot tell whose call it was)
        if (response.httpStatus() > 0 && response.httpStatus() != 401) {
            listener.spent(call.api(), call.credits());
        }
        return false;
    }

    /** Why a throttled answer is about credits, or null when it is about concurrency. */
    private String creditsReason(ZohoCallCosts.Call call, ZohoResponse response) {
        Long left = remaining;
        if (left != null && left <= call.credits()) {
            return ZohoHttp.CREDITS_REMAINING + " was " + left;
        }
        if ("LIMIT_REACHED".equals(response.code())) {
            return "LIMIT_REACHED";
        }
        if (response.message() != null && CREDITS_WORDING.matcher(response.message()).find()) {
            String message = response.message();
            return "\"" + (message.length() > 200 ? message.substring(0, 200) + "..." : message) + "\"";
        }
        if (listener.budgetSpent()) {
            return "this runtime's daily credit budget is spent";
        }
        return null;
    }

    private static Long parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
