package io.zohocamel.jobs;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of the poller's "when will it end": Zoho's counts in, an expected end (or none) out. */
class ProgressEstimateTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void bulkWriteCountsTheRowsGoneThroughOfTheFileOrOfTheChunkWhenZohoSaysNoTotal() {
        TrackedJob job = bulk(1000, null, null);
        assertThat(ProgressEstimate.fraction(job, new JobCounts(1000L, 150L, 50L, 50L, 0L, 0L))).hasValue(0.25);
        assertThat(ProgressEstimate.fraction(job, new JobCounts(0L, 100L, 0L, 0L, 0L, 0L))).hasValue(0.1);
        assertThat(ProgressEstimate.fraction(job, JobCounts.NONE)).isEmpty(); // Zoho left the counts out
        assertThat(ProgressEstimate.fraction(job, null)).isEmpty();
    }

    @Test
    void massUpdateCountsUpdatedAndFailedNotTheRecordsNotUpdatedYet() {
        TrackedJob job = mass(null, null);
        // Zoho's "Job Running" reference sample: 30 updated, 20 not updated yet, of 50
        assertThat(ProgressEstimate.fraction(job, new JobCounts(50L, 0L, 30L, 0L, 0L, 20L))).hasValue(0.6);
        assertThat(ProgressEstimate.fraction(job, new JobCounts(50L, 0L, 0L, 0L, 0L, 50L))).hasValue(0.0);
        assertThat(ProgressEstimate.fraction(job, new JobCounts(50L, 0L, 0L, 0L, 50L, 0L))).hasValue(1.0);
        assertThat(ProgressEstimate.fraction(job, new JobCounts(0L, 0L, 0L, 0L, 0L, 0L))).isEmpty(); // no records
    }

    @Test
    void withoutAnEarlierReadingTheRateIsSinceCreation() {
        // a quarter done 15 s after creation: 45 s to go
        assertThat(ProgressEstimate.expectedEnd(T0, null, null, 0.25, T0 + 15_000)).hasValue(T0 + 60_000);
        TrackedJob job = bulk(1000, null, null);
        assertThat(ProgressEstimate.expectedEnd(job, new JobCounts(1000L, 250L, 0L, 0L, 0L, 0L), T0 + 15_000))
                .hasValue(T0 + 60_000);
    }

    @Test
    void anEarlierReadingLeavesOutTheTimeTheJobWaitedInZohosQueue() {
        // queued 20 s, then 1 % a second: 10 % at 30 s, 40 % at 60 s -> done at 120 s, not at 150 s (since creation)
        TrackedJob job = bulk(1000, new JobCounts(1000L, 100L, 0L, 0L, 0L, 0L), T0 + 30_000);
        assertThat(ProgressEstimate.expectedEnd(job, new JobCounts(1000L, 400L, 0L, 0L, 0L, 0L), T0 + 60_000))
                .hasValue(T0 + 120_000);
        // an ADDED answer with zero counts is an earlier reading too: the job ran after it
        TrackedJob queued = mass(new JobCounts(50L, 0L, 0L, 0L, 0L, 50L), T0 + 20_000);
        // (queued 20 s, then 2 % a second: 20 % at 30 s -> done at 70 s)
        assertThat(ProgressEstimate.expectedEnd(queued, new JobCounts(50L, 0L, 10L, 0L, 0L, 40L), T0 + 30_000))
                .hasValue(T0 + 70_000);
    }

    @Test
    void nothingToGoByGivesNoEstimate() {
        assertThat(ProgressEstimate.expectedEnd(T0, null, null, 0.0, T0 + 10_000)).isEmpty(); // still queued
        assertThat(ProgressEstimate.expectedEnd(T0, 0.3, T0 + 10_000, 0.3, T0 + 30_000)).isEmpty(); // not moving
        assertThat(ProgressEstimate.expectedEnd(T0, 0.5, T0 + 10_000, 0.3, T0 + 30_000)).isEmpty(); // went back
        assertThat(ProgressEstimate.expectedEnd(T0, null, null, 1e-12, T0 + 10_000)).isEmpty(); // a year away
        TrackedJob job = bulk(1000, null, null);
        assertThat(ProgressEstimate.expectedEnd(job, JobCounts.NONE, T0 + 10_000)).isEmpty();
    }

    @Test
    void everyRecordGoneThroughMeansNowOnlyTheResultIsBeingWritten() {
        assertThat(ProgressEstimate.expectedEnd(T0, 0.8, T0 + 10_000, 1.0, T0 + 20_000)).hasValue(T0 + 20_000);
    }

    @Test
    void aReadingAtTheSameMomentFallsBackToCreation() {
        assertThat(ProgressEstimate.expectedEnd(T0, 0.1, T0 + 20_000, 0.5, T0 + 20_000)).hasValue(T0 + 40_000);
        assertThat(ProgressEstimate.expectedEnd(T0, null, null, 0.5, T0)).isEqualTo(OptionalLong.empty());
    }

    static TrackedJob bulk(int rows, JobCounts counts, Long progressAt) {
        return new TrackedJob(1, TrackedJob.BULK_WRITE, "Leads", "4150868000005350003", 1L, 0, 1L, rows, "f", null,
                JobState.IN_PROGRESS, "IN PROGRESS", counts == null ? JobCounts.NONE : counts, null, null, 1, 10_000,
                null, T0, null, progressAt);
    }

    static TrackedJob mass(JobCounts counts, Long progressAt) {
        return new TrackedJob(2, TrackedJob.MASS_UPDATE, "Leads", "554023000000506003", null, null, null, null, null,
                "r", JobState.RUNNING, "RUNNING", counts == null ? JobCounts.NONE : counts, null, null, 1, 10_000,
                null, T0, null, progressAt);
    }
}
