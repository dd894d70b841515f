package io.zohocamel.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.zohocamel.jobs.ZohoJobRows.JOB_COLUMNS;
import static io.zohocamel.jobs.ZohoJobRows.NOT_FINISHED;

/**
 * The poller's leases on {@code zoho_job} rows: claimed when due, given back with what a poll learnt
 * or without news. On PostgreSQL a claim is one {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE
 * SKIP LOCKED)}; on H2 a conditional update per job (same guarantee).
 */
final class JobClaims {

    /** Due, not parked, and not claimed by a live lease; binds (now, now). */
    private static final String DUE = NOT_FINISHED + " and status not in ('AUTH_ERROR', 'CONFIG_ERROR') "
            + "and zoho_job_id is not null and next_poll_at <= ? and (claimed_until is null or claimed_until < ?)";

    private final JobStoreJdbc jdbc;

    JobClaims(JobStoreJdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<TrackedJob> claimDue(String owner, int limit, long leaseMs) {
        long now = jdbc.now();
        if (jdbc.isPostgres()) {
            // one statement: rows another instance is claiming right now are skipped, not waited for
            List<TrackedJob> claimed = new ArrayList<>(jdbc.query("update zoho_job set claimed_by = ?, claimed_until = ? "
                    + "where id in (select id from zoho_job where " + DUE + " order by next_poll_at, id limit ? "
                    + "for update skip locked) returning " + JOB_COLUMNS, ZohoJobRows::job, limit,
                    owner, now + leaseMs, now, now, limit));
            claimed.sort(Comparator.comparing(TrackedJob::nextPollAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparingLong(TrackedJob::id));
            return claimed;
        }
        List<TrackedJob> due = jdbc.query("select " + JOB_COLUMNS + " from zoho_job where " + DUE + " order by next_poll_at, id",
                ZohoJobRows::job, limit, now, now);
        List<TrackedJob> claimed = new ArrayList<>(due.size());
        for (TrackedJob job : due) {
            int n = jdbc.update("update zoho_job set claimed_by = ?, claimed_until = ? where id = ? "
                    + "and (claimed_until is null or claimed_until < ?)", owner, now + leaseMs, job.id(), now);
            if (n == 1) {
                claimed.add(job);
            }
        }
        return claimed;
    }

    int releaseAll(String owner) {
        return jdbc.update("update zoho_job set claimed_by = null, claimed_until = null where claimed_by = ?", owner);
    }

    void recordPoll(long id, String status, String zohoStatus, JobCounts counts, String downloadUrl,
                    String message, Long nextPollAt, long intervalMs) {
        long now = jdbc.now();
        JobCounts c = counts == null ? JobCounts.NONE : counts;
        // "and not finished": a terminal state is never overwritten
        jdbc.update("update zoho_job set status = ?, zoho_status = coalesce(?, zoho_status), total_count = coalesce(?, total_count), "
                + "added_count = coalesce(?, added_count), updated_count = coalesce(?, updated_count), "
                + "skipped_count = coalesce(?, skipped_count), failed_count = coalesce(?, failed_count), "
                + "not_updated_count = coalesce(?, not_updated_count), download_url = coalesce(?, download_url), "
                + "message = ?, polls = polls + 1, next_poll_at = ?, poll_interval_ms = ?, claimed_by = null, "
                + "claimed_until = null, updated_at = ?, finished_at = ?, progress_at = coalesce(?, progress_at) "
                + "where id = ? and " + NOT_FINISHED,
                status, zohoStatus, c.total(), c.added(), c.updated(), c.skipped(), c.failed(), c.notUpdated(),
                downloadUrl, JobStoreJdbc.truncate(message), nextPollAt, intervalMs, now,
                JobState.isFinished(status) ? now : null, c.total() != null ? now : null, id);
    }

    void release(long id, long nextPollAt, long intervalMs, String message) {
        jdbc.update("update zoho_job set next_poll_at = ?, poll_interval_ms = ?, message = ?, claimed_by = null, "
                + "claimed_until = null, updated_at = ? where id = ?", nextPollAt, intervalMs,
                JobStoreJdbc.truncate(message), jdbc.now(), id);
    }
}
