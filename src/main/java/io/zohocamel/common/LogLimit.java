package io.zohocamel.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval for an event that can come in floods from outside (refused requests):
 * an attacker must not be able to fill the log. The line that is written says how many it stands for.
 */
public final class LogLimit {

    private final long everyNanos;
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());
    private final AtomicLong events = new AtomicLong();

    public LogLimit(Duration every) {
        this.everyNanos = every.toNanos();
    }

    /**
     * Counts one event. Zero: do not log it (a line was written less than the interval ago); otherwise log
     * it now, as the number of events this line stands for (this one and those not logged since the last line).
     */
    public long admit() {
        long count = events.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLine.get();
        if (now - next < 0 || !nextLine.compareAndSet(next, now + everyNanos)) {
            return 0;
        }
        events.addAndGet(-count);
        return count;
    }
}
