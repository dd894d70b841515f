package io.zohocamel.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the poller asks next: the doubling backoff, cut short near a job's expected end. The last test plays
 * the default settings against a job that runs 60 s (queued 2 s, then its rows at an even rate), question by
 * question, both ways.
 */
class PollScheduleTest {

    private static final PollSchedule DEFAULTS =
            new PollSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(24));

    @Test
    void theBackoffDoublesFromThePeriodUpToTheMaxInterval() {
        assertThat(DEFAULTS.firstInterval()).isEqualTo(10_000);
        assertThat(DEFAULTS.nextInterval(10_000)).isEqualTo(20_000);
        assertThat(DEFAULTS.nextInterval(200_000)).isEqualTo(300_000);
        assertThat(DEFAULTS.nextInterval(0)).isEqualTo(20_000);
    }

    @Test
    void withoutAnEstimateTheBackoffDecides() {
        assertThat(DEFAULTS.nextPollAt(30_000, 40_000, 0, OptionalLong.empty())).isEqualTo(70_000);
    }

    @Test
    void anExpectedEndBeforeTheBackoffIsAskedAboutAMarginAfterIt() {
        // ends at 60 s from creation: asked 4 % of that (2.4 s) after it, not at 70 s
        assertThat(DEFAULTS.nextPollAt(30_000, 40_000, 0, OptionalLong.of(60_000))).isEqualTo(62_400);
    }

    @Test
    void neverLaterThanTheBackoffNorSoonerThanThePeriod() {
        assertThat(DEFAULTS.nextPollAt(10_000, 20_000, 0, OptionalLong.of(65_000))).isEqualTo(30_000);
        assertThat(DEFAULTS.nextPollAt(10_000, 20_000, 0, OptionalLong.of(12_000))).isEqualTo(20_000);
        assertThat(DEFAULTS.nextPollAt(10_000, 20_000, 0, OptionalLong.of(5_000))).isEqualTo(20_000);
        assertThat(DEFAULTS.nextPollAt(600_000, 300_000, 0, OptionalLong.of(3_600_000))).isEqualTo(900_000);
    }

    @Test
    void theTickIsATenthOfThePeriodBetween100MsAnd1s() {
        assertThat(DEFAULTS.tickMs()).isEqualTo(1000);
        assertThat(new PollSchedule(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1)).tickMs()).isEqualTo(100);
        assertThat(new PollSchedule(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofHours(1)).tickMs()).isEqualTo(100);
        assertThat(new PollSchedule(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofHours(1)).tickMs()).isEqualTo(50);
    }

    @Test
    void aSixtySecondJobIsNoticedWithin10PercentWithNoMoreQuestionsThanTheBackoff() {
        List<Long> backoff = questions(false);
        List<Long> progress = questions(true);
        assertThat(backoff).containsExactly(10_000L, 30_000L, 70_000L);
        assertThat(progress).hasSizeLessThanOrEqualTo(backoff.size());
        long noticed = progress.get(progress.size() - 1);
        assertThat(noticed).isBetween(60_000L, 66_000L - DEFAULTS.tickMs());
    }

    /** When a 60-s job (ADDED 2 s, then 1/58 of its rows a second) is asked about, until the answer is COMPLETED. */
    private static List<Long> questions(boolean useProgress) {
        long end = 60_000;
        long queue = 2_000;
        int rows = 5_800;
        List<Long> at = new ArrayList<>();
        long now = DEFAULTS.firstInterval();
        long interval = DEFAULTS.firstInterval();
        JobCounts seen = JobCounts.NONE;
        Long seenAt = null;
        while (true) {
            at.add(now);
            if (now >= end) {
                return at;
            }
            long processed = now < queue ? 0 : (long) Math.floor(rows * (now - queue) / (double) (end - queue));
            JobCounts counts = new JobCounts((long) rows, processed, 0L, 0L, 0L, 0L);
            TrackedJob job = ProgressEstimateTest.bulk(rows, seen, seenAt);
            job = new TrackedJob(job.id(), job.kind(), job.module(), job.zohoJobId(), job.bulkFileId(), job.chunkIndex(),
                    job.firstRow(), job.rowCount(), job.uploadFileId(), job.requestId(), job.status(), job.zohoStatus(),
                    job.counts(), null, null, at.size() - 1, interval, now, 0, null, seenAt);
            interval = DEFAULTS.nextInterval(interval);
            OptionalLong expected = useProgress ? ProgressEstimate.expectedEnd(job, counts, now) : OptionalLong.empty();
            now = DEFAULTS.nextPollAt(now, interval, 0, expected);
            seen = counts;
            seenAt = at.get(at.size() - 1);
        }
    }
}
