package io.zohocamel.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static io.zohocamel.jobs.JobStoreJdbc.intOrNull;
import static io.zohocamel.jobs.JobStoreJdbc.longOrNull;

/** Table {@code bulk_file}: one row per dropped file's content (checksum, module, operation). */
final class BulkFileRows {

    private static final String FILE_COLUMNS = "id, checksum, module, operation, file_name, status, rows_total, "
            + "chunks_total, location, report_name, spec_json, message, created_at, updated_at, error_code";

    private final JobStoreJdbc jdbc;

    BulkFileRows(JobStoreJdbc jdbc) {
        this.jdbc = jdbc;
    }

    BulkFile findOrCreate(String checksum, String module, String operation, String fileName, String location,
                          String reportName, String specJson, long arrivedAt) {
        Optional<BulkFile> existing = find(checksum, module, operation);
        if (existing.isPresent()) {
            return existing.get();
        }
        long now = jdbc.now();
        try {
            jdbc.update("insert into bulk_file (checksum, module, operation, file_name, status, location, report_name, "
                    + "spec_json, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", checksum, module, operation,
                    fileName, BulkFile.SUBMITTING, location, reportName, specJson, Math.min(arrivedAt, now), now);
        } catch (JobStoreException raced) {
            // another consumer inserted it first: fall through and read theirs
        }
        return find(checksum, module, operation)
                .orElseThrow(() -> new JobStoreException("bulk file record vanished: " + fileName, null));
    }

    /**
     * A file refused before it was recorded (while it was checked): a row of its own, without a checksum, so
     * it claims no content and the same bytes dropped again are refused (or taken) again on their own.
     */
    BulkFile rejected(String module, String operation, String fileName, String location, String code, String message,
                      long arrivedAt) {
        long now = jdbc.now();
        long id = jdbc.insert("insert into bulk_file (module, operation, file_name, status, location, error_code, message, "
                + "created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", module, operation, fileName, BulkFile.ERROR,
                location, code, JobStoreJdbc.truncate(message), Math.min(arrivedAt, now), now);
        return byId(id).orElseThrow(() -> new JobStoreException("bulk file record vanished: " + fileName, null));
    }

    void markRejected(long id, String location, String code, String message) {
        jdbc.update("update bulk_file set status = ?, location = coalesce(?, location), error_code = ?, message = ?, "
                + "updated_at = ? where id = ?", BulkFile.ERROR, location, code, JobStoreJdbc.truncate(message), jdbc.now(), id);
    }

    Optional<BulkFile> find(String checksum, String module, String operation) {
        return jdbc.queryOne("select " + FILE_COLUMNS + " from bulk_file where checksum = ? and module = ? and operation = ?",
                BulkFileRows::file, checksum, module, operation);
    }

    Optional<BulkFile> byId(long id) {
        return jdbc.queryOne("select " + FILE_COLUMNS + " from bulk_file where id = ?", BulkFileRows::file, id);
    }

    boolean reportNameTaken(String module, String operation, String reportName) {
        return jdbc.queryOne("select id from bulk_file where module = ? and operation = ? and report_name = ?",
                rs -> rs.getLong(1), module, operation, reportName).isPresent();
    }

    /**
     * Submitted files, and files refused after some of their chunks became jobs that have no result files yet,
     * whose jobs have all ended.
     */
    List<BulkFile> readyForResults() {
        return jdbc.query("select " + FILE_COLUMNS + " from bulk_file f where (status = ? or (status = ? "
                + "and results_at is null and exists (select 1 from zoho_job k where k.bulk_file_id = f.id))) "
                + "and not exists (select 1 from zoho_job j where j.bulk_file_id = f.id and j." + JobState.NOT_FINISHED_SQL
                + ") order by id",
                BulkFileRows::file, 100, BulkFile.SUBMITTED, BulkFile.ERROR);
    }

    void resultsWritten(long id) {
        jdbc.update("update bulk_file set results_at = ?, updated_at = ? where id = ?", jdbc.now(), jdbc.now(), id);
    }

    /** Newest arrival first, {@code limit} rows from {@code offset}. */
    List<BulkFile> page(int offset, int limit) {
        return jdbc.query("select " + FILE_COLUMNS + " from bulk_file order by created_at desc, id desc "
                + "offset ? rows fetch next ? rows only", BulkFileRows::file, limit, offset, limit);
    }

    void update(long id, String status, Long rowsTotal, Integer chunksTotal, String location, String message) {
        jdbc.update("update bulk_file set status = ?, rows_total = coalesce(?, rows_total), chunks_total = coalesce(?, chunks_total), "
                + "location = coalesce(?, location), message = ?, updated_at = ? where id = ?",
                status, rowsTotal, chunksTotal, location, JobStoreJdbc.truncate(message), jdbc.now(), id);
    }

    private static BulkFile file(ResultSet rs) throws SQLException {
        return new BulkFile(rs.getLong("id"), rs.getString("checksum"), rs.getString("module"), rs.getString("operation"),
                rs.getString("file_name"), rs.getString("status"), longOrNull(rs, "rows_total"),
                intOrNull(rs, "chunks_total"), rs.getString("location"), rs.getString("report_name"), rs.getString("spec_json"), rs.getString("message"),
                rs.getLong("created_at"), rs.getLong("updated_at"), rs.getString("error_code"));
    }
}
