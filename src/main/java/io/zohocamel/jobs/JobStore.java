package io.zohocamel.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * JDBC access to the job store. Every state change is written here as it happens, so a restart at
 * any moment resumes from what is recorded. Claims are leases with an expiry: nothing else polls a
 * claimed job until it is released or the lease runs out, so several instances share the polling and
 * a dead instance's jobs are taken over. On PostgreSQL a claim is one {@code UPDATE ... WHERE id IN
 * (SELECT ... FOR UPDATE SKIP LOCKED)}; on H2 a conditional update per job (same guarantee).
 */
public class JobStore {

    private static final String JOB_COLUMNS = "id, kind, module, zoho_job_id, bulk_file_id, chunk_index, first_row, "
            + "row_count, upload_file_id, request_id, status, zoho_status, total_count, added_count, updated_count, "
            + "skipped_count, failed_count, not_updated_count, download_url, message, polls, poll_interval_ms, "
            + "next_poll_at, created_at, finished_at";
    private static final String FILE_COLUMNS = "id, checksum, module, operation, file_name, status, rows_total, "
            + "chunks_total, location, report_name, spec_json, message, created_at, updated_at";
    private static final String NOT_FINISHED = "status not in ('COMPLETED', 'FAILED', 'LOST', 'TIMED_OUT')";

    /** Due, not parked, and not claimed by a live lease; binds (now, now). */
    private static final String DUE = NOT_FINISHED + " and status not in ('AUTH_ERROR', 'CONFIG_ERROR') "
            + "and zoho_job_id is not null and next_poll_at <= ? and (claimed_until is null or claimed_until < ?)";

    private final DataSource dataSource;
    private final Clock clock;
    private volatile Boolean postgres;

    public JobStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public long now() {
        return clock.millis();
    }

    /** Whether the store is PostgreSQL (claims use FOR UPDATE SKIP LOCKED there; H2 uses conditional updates). */
    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = dataSource.getConnection()) {
                known = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                throw new JobStoreException("job store unreachable: " + e.getMessage(), e);
            }
            postgres = known;
        }
        return known;
    }

    /** Probe for health: one round trip to the database. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ bulk files

    /** The file's record, created on first sight; the same content dropped again (any name) finds the same record. */
    public BulkFile bulkFile(String checksum, String module, String operation, String fileName, String location,
                             String reportName, String specJson) {
        Optional<BulkFile> existing = findBulkFile(checksum, module, operation);
        if (existing.isPresent()) {
            return existing.get();
        }
        long now = now();
        try {
            update("insert into bulk_file (checksum, module, operation, file_name, status, location, report_name, "
                    + "spec_json, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", checksum, module, operation,
                    fileName, BulkFile.SUBMITTING, location, reportName, specJson, now, now);
        } catch (JobStoreException raced) {
            // another consumer inserted it first: fall through and read theirs
        }
        return findBulkFile(checksum, module, operation)
                .orElseThrow(() -> new JobStoreException("bulk file record vanished: " + fileName, null));
    }

    public Optional<BulkFile> findBulkFile(String checksum, String module, String operation) {
        return queryOne("select " + FILE_COLUMNS + " from bulk_file where checksum = ? and module = ? and operation = ?",
                JobStore::file, checksum, module, operation);
    }

    public Optional<BulkFile> bulkFile(long id) {
        return queryOne("select " + FILE_COLUMNS + " from bulk_file where id = ?", JobStore::file, id);
    }

    /** Whether another file already reports under this name in that folder. */
    public boolean reportNameTaken(String module, String operation, String reportName) {
        return queryOne("select id from bulk_file where module = ? and operation = ? and report_name = ?",
                rs -> rs.getLong(1), module, operation, reportName).isPresent();
    }

    /** Submitted files whose every job has finished: their results can be merged. */
    public List<BulkFile> filesReadyForResults() {
        return query("select " + FILE_COLUMNS + " from bulk_file f where status = ? and not exists (select 1 from zoho_job j "
                + "where j.bulk_file_id = f.id and j.status not in ('COMPLETED', 'FAILED', 'LOST', 'TIMED_OUT')) order by id",
                JobStore::file, 100, BulkFile.SUBMITTED);
    }

    public List<BulkFile> recentBulkFiles(int limit) {
        return query("select " + FILE_COLUMNS + " from bulk_file order by id desc", JobStore::file, limit);
    }

    public void updateBulkFile(long id, String status, Long rowsTotal, Integer chunksTotal, String location, String message) {
        update("update bulk_file set status = ?, rows_total = coalesce(?, rows_total), chunks_total = coalesce(?, chunks_total), "
                + "location = coalesce(?, location), message = ?, updated_at = ? where id = ?",
                status, rowsTotal, chunksTotal, location, truncate(message), now(), id);
    }

    // ------------------------------------------------------------------ jobs

    public List<TrackedJob> jobsOfFile(long bulkFileId) {
        return query("select " + JOB_COLUMNS + " from zoho_job where bulk_file_id = ? order by chunk_index",
                JobStore::job, Integer.MAX_VALUE, bulkFileId);
    }

    public Optional<TrackedJob> job(long id) {
        return queryOne("select " + JOB_COLUMNS + " from zoho_job where id = ?", JobStore::job, id);
    }

    public Optional<TrackedJob> jobByZohoId(String zohoJobId) {
        return queryOne("select " + JOB_COLUMNS + " from zoho_job where zoho_job_id = ?", JobStore::job, zohoJobId);
    }

    public List<TrackedJob> recentJobs(int limit) {
        return query("select " + JOB_COLUMNS + " from zoho_job order by id desc", JobStore::job, limit);
    }

    public Optional<TrackedJob> chunkJob(long bulkFileId, int chunkIndex) {
        return queryOne("select " + JOB_COLUMNS + " from zoho_job where bulk_file_id = ? and chunk_index = ?",
                JobStore::job, bulkFileId, chunkIndex);
    }

    /**
     * The chunk's bulk-write job exists at Zoho: recorded the moment Zoho answered, and from now on
     * the poller follows it. One row per (file, chunk).
     */
    public void chunkJobCreated(long bulkFileId, String module, int chunkIndex, long firstRow, int rowCount,
                                String uploadFileId, String zohoJobId, long firstPollAt, long intervalMs) {
        long now = now();
        int n = update("update zoho_job set zoho_job_id = ?, upload_file_id = ?, status = ?, zoho_status = ?, "
                + "next_poll_at = ?, poll_interval_ms = ?, updated_at = ? where bulk_file_id = ? and chunk_index = ?",
                zohoJobId, uploadFileId, JobState.ADDED, "ADDED", firstPollAt, intervalMs, now, bulkFileId, chunkIndex);
        if (n == 0) {
            update("insert into zoho_job (kind, module, bulk_file_id, chunk_index, first_row, row_count, upload_file_id, "
                    + "zoho_job_id, status, zoho_status, next_poll_at, poll_interval_ms, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", TrackedJob.BULK_WRITE, module, bulkFileId,
                    chunkIndex, firstRow, rowCount, uploadFileId, zohoJobId, JobState.ADDED, "ADDED", firstPollAt,
                    intervalMs, now, now);
        }
    }

    /** A scheduled (cvid) mass update: followed by the poller like a bulk job. */
    public TrackedJob massUpdateJob(String module, String requestId, String zohoJobId, long firstPollAt, long intervalMs) {
        long now = now();
        update("insert into zoho_job (kind, module, zoho_job_id, request_id, status, zoho_status, next_poll_at, "
                + "poll_interval_ms, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", TrackedJob.MASS_UPDATE,
                module, zohoJobId, requestId, JobState.SCHEDULED, "SCHEDULED", firstPollAt, intervalMs, now, now);
        return jobByZohoId(zohoJobId).orElseThrow();
    }

    /**
     * Claims up to {@code limit} due jobs for {@code owner}, oldest due first. A claim is a lease:
     * nothing else polls the job until it is released or the lease runs out.
     */
    public List<TrackedJob> claimDue(String owner, int limit, long leaseMs) {
        long now = now();
        if (isPostgres()) {
            // one statement: rows another instance is claiming right now are skipped, not waited for
            List<TrackedJob> claimed = new ArrayList<>(query("update zoho_job set claimed_by = ?, claimed_until = ? "
                    + "where id in (select id from zoho_job where " + DUE + " order by next_poll_at, id limit ? "
                    + "for update skip locked) returning " + JOB_COLUMNS, JobStore::job, limit,
                    owner, now + leaseMs, now, now, limit));
            claimed.sort(Comparator.comparing(TrackedJob::nextPollAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparingLong(TrackedJob::id));
            return claimed;
        }
        List<TrackedJob> due = query("select " + JOB_COLUMNS + " from zoho_job where " + DUE + " order by next_poll_at, id",
                JobStore::job, limit, now, now);
        List<TrackedJob> claimed = new ArrayList<>(due.size());
        for (TrackedJob job : due) {
            int n = update("update zoho_job set claimed_by = ?, claimed_until = ? where id = ? "
                    + "and (claimed_until is null or claimed_until < ?)", owner, now + leaseMs, job.id(), now);
            if (n == 1) {
                claimed.add(job);
            }
        }
        return claimed;
    }

    /** Drops the claims an owner holds (its previous run died holding them). */
    public int releaseClaims(String owner) {
        return update("update zoho_job set claimed_by = null, claimed_until = null where claimed_by = ?", owner);
    }

    /** What a poll learnt; releases the claim. A terminal state is final: it is never overwritten. */
    public void recordPoll(long id, String status, String zohoStatus, JobCounts counts, String downloadUrl,
                           String message, Long nextPollAt, long intervalMs) {
        long now = now();
        JobCounts c = counts == null ? JobCounts.NONE : counts;
        update("update zoho_job set status = ?, zoho_status = coalesce(?, zoho_status), total_count = coalesce(?, total_count), "
                + "added_count = coalesce(?, added_count), updated_count = coalesce(?, updated_count), "
                + "skipped_count = coalesce(?, skipped_count), failed_count = coalesce(?, failed_count), "
                + "not_updated_count = coalesce(?, not_updated_count), download_url = coalesce(?, download_url), "
                + "message = ?, polls = polls + 1, next_poll_at = ?, poll_interval_ms = ?, claimed_by = null, "
                + "claimed_until = null, updated_at = ?, finished_at = ? where id = ? and " + NOT_FINISHED,
                status, zohoStatus, c.total(), c.added(), c.updated(), c.skipped(), c.failed(), c.notUpdated(),
                downloadUrl, truncate(message), nextPollAt, intervalMs, now, JobState.isFinished(status) ? now : null, id);
    }

    /** Gives the job back without news (a transient failure): polled again at {@code nextPollAt}. */
    public void release(long id, long nextPollAt, long intervalMs, String message) {
        update("update zoho_job set next_poll_at = ?, poll_interval_ms = ?, message = ?, claimed_by = null, "
                + "claimed_until = null, updated_at = ? where id = ?", nextPollAt, intervalMs, truncate(message), now(), id);
    }

    /** Zoho's callback: the job is due now. Returns how many jobs matched. */
    public int makeDue(String zohoJobId) {
        return update("update zoho_job set next_poll_at = ?, updated_at = ? where zoho_job_id = ? and " + NOT_FINISHED,
                now(), now(), zohoJobId);
    }

    /** A callback that names no known job: every unfinished bulk-write job is due now. */
    public int makeAllDue() {
        return update("update zoho_job set next_poll_at = ? where kind = ? and zoho_job_id is not null and "
                + NOT_FINISHED + " and status not in ('AUTH_ERROR', 'CONFIG_ERROR')", now(), TrackedJob.BULK_WRITE);
    }

    /** Resumes parked jobs (after an operator fixed credentials or scopes). */
    public int unpark() {
        // back to the state Zoho last reported, in this store's spelling (IN PROGRESS -> IN_PROGRESS)
        return update("update zoho_job set status = case when zoho_status in ('IN PROGRESS', 'INPROGRESS') then 'IN_PROGRESS' "
                + "else coalesce(zoho_status, 'ADDED') end, next_poll_at = ?, updated_at = ? "
                + "where status in ('AUTH_ERROR', 'CONFIG_ERROR')", now(), now());
    }

    /** How many jobs are in each state, for the jobs-by-status metric. */
    public java.util.Map<String, Long> countsByStatus() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        query("select status, count(*) from zoho_job group by status", rs -> counts.put(rs.getString(1), rs.getLong(2)),
                Integer.MAX_VALUE);
        return counts;
    }

    // ------------------------------------------------------------------ mass-update requests

    public Optional<MassUpdateRecord> massUpdateRequest(String requestId) {
        return queryOne("select request_id, module, kind, status, zoho_job_id, result, result_gzip, created_at, "
                + "updated_at from mass_update_request where request_id = ?", JobStore::request, requestId);
    }

    /** Records a request as in flight; false when the request id is already known. */
    public boolean startMassUpdate(String requestId, String module, String kind) {
        long now = now();
        try {
            return update("insert into mass_update_request (request_id, module, kind, status, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?)", requestId, module, kind, MassUpdateRecord.IN_FLIGHT, now, now) == 1;
        } catch (JobStoreException duplicate) {
            return false;
        }
    }

    /**
     * Records where a request ended ({@code COMPLETED} with its result, or {@code DEAD_LETTERED}) in one
     * statement: an ids request has no record while its calls run, so this is usually its first and only write.
     */
    public void finishMassUpdate(String requestId, String module, String kind, String status, String result) {
        long now = now();
        byte[] gzip = result == null ? null : Gzip.compress(result);
        try {
            update("insert into mass_update_request (request_id, module, kind, status, result_gzip, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", requestId, module, kind, status, gzip, now, now);
        } catch (JobStoreException known) { // recorded before (a redelivery, or the same request id sent twice)
            if (update("update mass_update_request set status = ?, result_gzip = coalesce(?, result_gzip), updated_at = ? "
                    + "where request_id = ?", status, gzip, now, requestId) == 0) {
                throw known;
            }
        }
    }

    public void updateMassUpdate(String requestId, String status, String zohoJobId, String result) {
        update("update mass_update_request set status = ?, zoho_job_id = coalesce(?, zoho_job_id), "
                + "result_gzip = coalesce(?, result_gzip), updated_at = ? where request_id = ?", status, zohoJobId,
                result == null ? null : Gzip.compress(result), now(), requestId);
    }

    public List<MassUpdateRecord> recentMassUpdates(int limit) {
        return query("select request_id, module, kind, status, zoho_job_id, result, result_gzip, created_at, "
                + "updated_at from mass_update_request order by created_at desc", JobStore::request, limit);
    }

    // ------------------------------------------------------------------ JDBC plumbing

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new JobStoreException("job store update failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, int limit, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.setMaxRows(limit == Integer.MAX_VALUE ? 0 : limit);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JobStoreException("job store query failed: " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, 1, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static TrackedJob job(ResultSet rs) throws SQLException {
        return new TrackedJob(rs.getLong("id"), rs.getString("kind"), rs.getString("module"), rs.getString("zoho_job_id"),
                longOrNull(rs, "bulk_file_id"), intOrNull(rs, "chunk_index"), longOrNull(rs, "first_row"),
                intOrNull(rs, "row_count"), rs.getString("upload_file_id"), rs.getString("request_id"),
                rs.getString("status"), rs.getString("zoho_status"),
                new JobCounts(longOrNull(rs, "total_count"), longOrNull(rs, "added_count"), longOrNull(rs, "updated_count"),
                        longOrNull(rs, "skipped_count"), longOrNull(rs, "failed_count"), longOrNull(rs, "not_updated_count")),
                rs.getString("download_url"), rs.getString("message"), rs.getInt("polls"), rs.getLong("poll_interval_ms"),
                longOrNull(rs, "next_poll_at"), rs.getLong("created_at"), longOrNull(rs, "finished_at"));
    }

    private static BulkFile file(ResultSet rs) throws SQLException {
        return new BulkFile(rs.getLong("id"), rs.getString("checksum"), rs.getString("module"), rs.getString("operation"),
                rs.getString("file_name"), rs.getString("status"), longOrNull(rs, "rows_total"),
                intOrNull(rs, "chunks_total"), rs.getString("location"), rs.getString("report_name"), rs.getString("spec_json"), rs.getString("message"),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    private static String result(ResultSet rs) throws SQLException {
        byte[] gzip = rs.getBytes("result_gzip");
        return gzip != null ? Gzip.decompress(gzip) : rs.getString("result"); // rows older than V3 hold text
    }

    private static MassUpdateRecord request(ResultSet rs) throws SQLException {
        return new MassUpdateRecord(rs.getString("request_id"), rs.getString("module"), rs.getString("kind"),
                rs.getString("status"), rs.getString("zoho_job_id"), result(rs), rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
