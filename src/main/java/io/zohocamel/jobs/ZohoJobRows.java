package io.zohocamel.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.zohocamel.jobs.JobStoreJdbc.intOrNull;
import static io.zohocamel.jobs.JobStoreJdbc.longOrNull;

/**
 * Table {@code zoho_job}: one row per Zoho job the poller follows (a chunk's bulk-write job or a
 * scheduled mass update), as created and as made due; {@link JobClaims} polls them.
 */
final class ZohoJobRows {

    static final String JOB_COLUMNS = "id, kind, module, zoho_job_id, bulk_file_id, chunk_index, first_row, "
            + "row_count, upload_file_id, request_id, status, zoho_status, total_count, added_count, updated_count, "
            + "skipped_count, failed_count, not_updated_count, download_url, message, polls, poll_interval_ms, "
            + "next_poll_at, created_at, finished_at, progress_at";
    static final String NOT_FINISHED = JobState.NOT_FINISHED_SQL;

    private final JobStoreJdbc jdbc;

    ZohoJobRows(JobStoreJdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<TrackedJob> ofFile(long bulkFileId) {
        return jdbc.query("select " + JOB_COLUMNS + " from zoho_job where bulk_file_id = ? order by chunk_index",
                ZohoJobRows::job, Integer.MAX_VALUE, bulkFileId);
    }

    Optional<TrackedJob> byId(long id) {
        return jdbc.queryOne("select " + JOB_COLUMNS + " from zoho_job where id = ?", ZohoJobRows::job, id);
    }

    Optional<TrackedJob> byZohoId(String zohoJobId) {
        return jdbc.queryOne("select " + JOB_COLUMNS + " from zoho_job where zoho_job_id = ?", ZohoJobRows::job, zohoJobId);
    }

    List<TrackedJob> recent(int limit) {
        return jdbc.query("select " + JOB_COLUMNS + " from zoho_job order by id desc", ZohoJobRows::job, limit);
    }

    Optional<TrackedJob> ofChunk(long bulkFileId, int chunkIndex) {
        return jdbc.queryOne("select " + JOB_COLUMNS + " from zoho_job where bulk_file_id = ? and chunk_index = ?",
                ZohoJobRows::job, bulkFileId, chunkIndex);
    }

    void chunkJobCreated(long bulkFileId, String module, int chunkIndex, long firstRow, int rowCount,
                         String uploadFileId, String zohoJobId, long firstPollAt, long intervalMs) {
        long now = jdbc.now();
        int n = jdbc.update("update zoho_job set zoho_job_id = ?, upload_file_id = ?, status = ?, zoho_status = ?, "
                + "next_poll_at = ?, poll_interval_ms = ?, updated_at = ? where bulk_file_id = ? and chunk_index = ?",
                zohoJobId, uploadFileId, JobState.ADDED, "ADDED", firstPollAt, intervalMs, now, bulkFileId, chunkIndex);
        if (n == 0) {
            jdbc.update("insert into zoho_job (kind, module, bulk_file_id, chunk_index, first_row, row_count, upload_file_id, "
                    + "zoho_job_id, status, zoho_status, next_poll_at, poll_interval_ms, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", TrackedJob.BULK_WRITE, module, bulkFileId,
                    chunkIndex, firstRow, rowCount, uploadFileId, zohoJobId, JobState.ADDED, "ADDED", firstPollAt,
                    intervalMs, now, now);
        }
    }

    void chunkJobOutcomeUnknown(long bulkFileId, String module, int chunkIndex, long firstRow, int rowCount,
                                String uploadFileId, String message) {
        long now = jdbc.now();
        String why = JobStoreJdbc.truncate(message);
        int n = jdbc.update("update zoho_job set upload_file_id = ?, status = ?, message = ?, next_poll_at = null, "
                + "updated_at = ?, finished_at = ? where bulk_file_id = ? and chunk_index = ?", uploadFileId,
                JobState.OUTCOME_UNKNOWN, why, now, now, bulkFileId, chunkIndex);
        if (n == 0) {
            jdbc.update("insert into zoho_job (kind, module, bulk_file_id, chunk_index, first_row, row_count, upload_file_id, "
                    + "status, message, created_at, updated_at, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    TrackedJob.BULK_WRITE, module, bulkFileId, chunkIndex, firstRow, rowCount, uploadFileId,
                    JobState.OUTCOME_UNKNOWN, why, now, now, now);
        }
    }

    TrackedJob massUpdateJob(String module, String requestId, String zohoJobId, long firstPollAt, long intervalMs) {
        long now = jdbc.now();
        jdbc.update("insert into zoho_job (kind, module, zoho_job_id, request_id, status, zoho_status, next_poll_at, "
                + "poll_interval_ms, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", TrackedJob.MASS_UPDATE,
                module, zohoJobId, requestId, JobState.SCHEDULED, "SCHEDULED", firstPollAt, intervalMs, now, now);
        return byZohoId(zohoJobId).orElseThrow();
    }

    int makeDue(String zohoJobId) {
        return jdbc.update("update zoho_job set next_poll_at = ?, updated_at = ? where zoho_job_id = ? and " + NOT_FINISHED,
                jdbc.now(), jdbc.now(), zohoJobId);
    }

    int makeAllDue() {
        return jdbc.update("update zoho_job set next_poll_at = ? where kind = ? and zoho_job_id is not null and "
                + NOT_FINISHED + " and status not in ('AUTH_ERROR', 'CONFIG_ERROR')", jdbc.now(), TrackedJob.BULK_WRITE);
    }

    int unpark() {
        // back to the state Zoho last reported, in this store's spelling (IN PROGRESS -> IN_PROGRESS)
        return jdbc.update("update zoho_job set status = case when zoho_status in ('IN PROGRESS', 'INPROGRESS') then 'IN_PROGRESS' "
                + "else coalesce(zoho_status, 'ADDED') end, next_poll_at = ?, updated_at = ? "
                + "where status in ('AUTH_ERROR', 'CONFIG_ERROR')", jdbc.now(), jdbc.now());
    }

    Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select status, count(*) from zoho_job group by status", rs -> counts.put(rs.getString(1), rs.getLong(2)),
                Integer.MAX_VALUE);
        return counts;
    }

    static TrackedJob job(ResultSet rs) throws SQLException {
        return new TrackedJob(rs.getLong("id"), rs.getString("kind"), rs.getString("module"), rs.getString("zoho_job_id"),
                longOrNull(rs, "bulk_file_id"), intOrNull(rs, "chunk_index"), longOrNull(rs, "first_row"),
                intOrNull(rs, "row_count"), rs.getString("upload_file_id"), rs.getString("request_id"),
                rs.getString("status"), rs.getString("zoho_status"),
                new JobCounts(longOrNull(rs, "total_count"), longOrNull(rs, "added_count"), longOrNull(rs, "updated_count"),
                        longOrNull(rs, "skipped_count"), longOrNull(rs, "failed_count"), longOrNull(rs, "not_updated_count")),
                rs.getString("download_url"), rs.getString("message"), rs.getInt("polls"), rs.getLong("poll_interval_ms"),
                longOrNull(rs, "next_poll_at"), rs.getLong("created_at"), longOrNull(rs, "finished_at"),
                longOrNull(rs, "progress_at"));
    }
}
