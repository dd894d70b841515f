package io.zohocamel.jobs;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * When a job is asked about next: from poll.period, doubling while Zoho keeps saying "not yet",
 * up to poll.max-interval; sooner when Zoho's counts say the job ends sooner (near its expected end,
 * {@link #nextPollAt}); and when it is too old to keep asking (poll.max-age).
 */
public record PollSchedule(Duration period, Duration maxInterval, Duration maxAge) {

    /**
     * Share of a job's run time (creation to expected end) asked after the expected end: a job that ends a
     * little later than its rate so far says is still caught by that one question, and one that ends on time is
     * noticed within 10 % of its run time (this margin plus up to one {@link #tickMs()}).
     */
    static final double END_MARGIN = 0.04;

    public long firstInterval() {
        return period.toMillis();
    }

    public long nextInterval(long previousMs) {
        long base = Math.max(previousMs, period.toMillis());
        return Math.min(base * 2, Math.max(maxInterval.toMillis(), period.toMillis()));
    }

    /**
     * When to ask next about a job Zoho says is still running, {@code backoffMs} (its {@link #nextInterval})
     * being the latest: near its expected end when Zoho's counts give one (a margin after it, never sooner than
     * poll.period from now), else when the backoff says. Never later than the backoff, so the job is asked about
     * no more often than the backoff alone would ask when its rate holds: the question at the expected end is
     * the one that finds it finished.
     */
    public long nextPollAt(long now, long backoffMs, long createdAt, OptionalLong expectedEnd) {
        long byBackoff = now + backoffMs;
        if (expectedEnd.isEmpty()) {
            return byBackoff;
        }
        long end = expectedEnd.getAsLong();
        long margin = (long) (Math.max(0, end - createdAt) * END_MARGIN);
        return Math.min(byBackoff, Math.max(end + margin, now + period.toMillis()));
    }

    /**
     * How often the poller looks in the job store for due jobs: a tenth of poll.period, between 100 ms and 1 s
     * (one indexed query, no Zoho call), so a job is asked about within a tick of its time.
     */
    public long tickMs() {
        long p = Math.max(1, period.toMillis());
        return Math.min(p, Math.max(100, Math.min(1000, p / 10)));
    }

    public boolean isTooOld(TrackedJob job, long now) {
        return now - job.createdAt() > maxAge.toMillis();
    }
}
