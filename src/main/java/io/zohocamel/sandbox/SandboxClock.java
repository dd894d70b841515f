package io.zohocamel.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Wall clock plus an offset tests can push forward: token expiry, the 10-minute refresh budget and job
 * states are all computed from this clock, so a test can "wait an hour" without sleeping.
 */
final class SandboxClock {

    /** Zoho's timestamp shape, e.g. 2021-05-11T12:38:29+05:30 (UTC here: +00:00). */
    private static final DateTimeFormatter ZOHO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private volatile Duration offset = Duration.ZERO;

    Instant now() {
        return Instant.now().plus(offset);
    }

    synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offset = offset.plus(by);
    }

    static String format(Instant instant) {
        return ZOHO_TIME.format(instant);
    }
}
