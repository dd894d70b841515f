package io.zohocamel.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's arithmetic on a clock the test moves (LoginThrottle through the runtime: JobsPageTest). */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(15), clock);

    @Test
    void eachFailureAfterTheFreeOnesDoublesTheBlockUpToTheCap() {
        List<Long> blocks = new ArrayList<>();
        int attempts = 0;
        while (attempts < 20) {
            Duration blocked = throttle.blockedFor("198.51.100.7");
            if (blocked.isZero()) {
                attempts++;
                throttle.failed("198.51.100.7");
            } else {
                blocks.add(blocked.toSeconds());
                clock.move(blocked); // waits it out: the next attempt is let in
            }
        }
        assertThat(blocks).as("blocks after failures 6 to 19").containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L, 900L, 900L);
    }

    @Test
    void aQuietDayForgetsTheFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.blockedFor("198.51.100.8");
            throttle.failed("198.51.100.8");
        }
        clock.move(Duration.ofDays(1).plusSeconds(1));
        throttle.blockedFor("198.51.100.8");
        throttle.failed("198.51.100.8");
        assertThat(throttle.blockedFor("198.51.100.8")).as("the first failure of a new day is free").isZero();
    }

    @Test
    void memoryIsBoundedToTheMostRecentlySeenAddresses() {
        for (int i = 0; i < 6; i++) {
            throttle.blockedFor("198.51.100.9");
            throttle.failed("198.51.100.9");
        }
        assertThat(throttle.blockedFor("198.51.100.9")).isPositive();
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES; i++) {
            throttle.blockedFor("10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(throttle.blockedFor("198.51.100.9")).as("forgotten for ten thousand newer addresses").isZero();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
