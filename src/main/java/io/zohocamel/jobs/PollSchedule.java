package io.zohocamel.jobs;

import java.time.Duration;

/**
 * When a job is asked about next: from poll.period, doubling while Zoho keeps saying "not yet",
 * up to poll.max-interval; and when it is too old to keep asking (poll.max-age).
 */
public record PollSchedule(Duration period, Duration maxInterval, Duration maxAge) {

    public long firstInterval() {
        return period.toMillis();
    }

    public long nextInterval(long previousMs) {
        long base = Math.max(previousMs, period.toMillis());
        return Math.min(base * 2, Math.max(maxInterval.toMillis(), period.toMillis()));
    }

    public boolean isTooOld(TrackedJob job, long now) {
        return now - job.createdAt() > maxAge.toMillis();
    }
}
