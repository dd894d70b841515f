package io.zohocamel.jobs;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How far a running Zoho job is, from the counts Zoho reports, and when it will end at the rate it goes.
 * Bulk write: resource[].file added + updated + skipped of total_count (the chunk's row count when Zoho says 0).
 * Mass update: Updated_Count + Failed_Count of Total_Count (Zoho documents Not_Updated_Count as the records
 * "not updated yet", so it is what is left, not what is done). No counts, nothing done yet, or counts not moving:
 * no estimate, and the poller keeps its backoff.
 */
public final class ProgressEstimate {

    /** Beyond this the estimate says nothing useful (and the arithmetic would overflow). */
    private static final double FOREVER_MS = 365d * 24 * 3600 * 1000;

    private ProgressEstimate() {
    }

    /** The share of the job's records Zoho has gone through, 0..1; empty when the counts do not say. */
    public static OptionalDouble fraction(TrackedJob job, JobCounts counts) {
        if (counts == null || counts.total() == null) {
            return OptionalDouble.empty();
        }
        long total = counts.total() > 0 ? counts.total()
                : job.isBulkWrite() && job.rowCount() != null ? job.rowCount() : 0;
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        long done = job.isBulkWrite() ? n(counts.added()) + n(counts.updated()) + n(counts.skipped())
                : n(counts.updated()) + n(counts.failed());
        return OptionalDouble.of(Math.min(1.0, done / (double) total));
    }

    /**
     * When the job should end (epoch ms), from what Zoho says now and what it said at the previous answer that
     * carried counts ({@code job.counts()} read at {@code job.progressAt()}): the rate between the two, or since
     * the job's creation when there was none. The rate since the previous answer leaves out the time the job
     * waited in Zoho's queue before it ran.
     */
    public static OptionalLong expectedEnd(TrackedJob job, JobCounts now, long nowMs) {
        OptionalDouble current = fraction(job, now);
        if (current.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalDouble before = job.progressAt() == null ? OptionalDouble.empty() : fraction(job, job.counts());
        return expectedEnd(job.createdAt(), before.isPresent() ? before.getAsDouble() : null, job.progressAt(),
                current.getAsDouble(), nowMs);
    }

    /**
     * The arithmetic of {@link #expectedEnd(TrackedJob, JobCounts, long)}: linear from ({@code before} at
     * {@code beforeAt}), or from (0 at {@code createdAt}) when there is no earlier reading, through
     * ({@code fraction} at {@code now}) to 1.
     */
    static OptionalLong expectedEnd(long createdAt, Double before, Long beforeAt, double fraction, long now) {
        if (!(fraction > 0)) {
            return OptionalLong.empty(); // still queued: nothing to go by
        }
        double from = 0;
        long fromAt = createdAt;
        if (before != null && beforeAt != null) {
            if (before >= fraction) {
                return OptionalLong.empty(); // not moving (or counted differently): nothing to go by
            }
            if (beforeAt < now) {
                from = before;
                fromAt = beforeAt;
            }
        }
        if (fraction >= 1) {
            return OptionalLong.of(now); // every record gone through: only the result is being written
        }
        if (now <= fromAt) {
            return OptionalLong.empty();
        }
        double msPerShare = (now - fromAt) / (fraction - from);
        double remaining = (1 - fraction) * msPerShare;
        return remaining < FOREVER_MS ? OptionalLong.of(now + (long) Math.ceil(remaining)) : OptionalLong.empty();
    }

    private static long n(Long value) {
        return value == null ? 0 : value;
    }
}
