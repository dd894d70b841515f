package io.zohocamel.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Table {@code mass_update_request}: one row per mass-update request id, its state and its result. */
final class MassUpdateRows {

    private static final String REQUEST_COLUMNS = "request_id, module, kind, status, zoho_job_id, result, result_gzip, "
            + "created_at, updated_at, error_code, message";

    private final JobStoreJdbc jdbc;

    MassUpdateRows(JobStoreJdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MassUpdateRecord> find(String requestId) {
        return jdbc.queryOne("select " + REQUEST_COLUMNS + " from mass_update_request where request_id = ?",
                MassUpdateRows::request, requestId);
    }

    boolean start(String requestId, String module, String kind) {
        long now = jdbc.now();
        try {
            return jdbc.update("insert into mass_update_request (request_id, module, kind, status, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?)", requestId, module, kind, MassUpdateRecord.IN_FLIGHT, now, now) == 1;
        } catch (JobStoreException duplicate) {
            return false;
        }
    }

    void finish(String requestId, String module, String kind, String status, String result, long arrivedAt) {
        long now = jdbc.now();
        byte[] gzip = result == null ? null : Gzip.compress(result);
        try {
            jdbc.update("insert into mass_update_request (request_id, module, kind, status, result_gzip, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", requestId, module, kind, status, gzip, Math.min(arrivedAt, now), now);
        } catch (JobStoreException known) { // recorded before (a redelivery, or the same request id sent twice)
            if (jdbc.update("update mass_update_request set status = ?, result_gzip = coalesce(?, result_gzip), "
                    + "error_code = null, message = null, updated_at = ? where request_id = ?", status, gzip, now, requestId) == 0) {
                throw known;
            }
        }
    }

    /**
     * A request dead-lettered, by the runtime before any call or by Zoho: recorded with its code. A request id
     * that already completed keeps its record (a redelivery of it must still find its result, not call again).
     */
    void deadLettered(String requestId, String module, String kind, String code, String message, long arrivedAt) {
        long now = jdbc.now();
        String text = JobStoreJdbc.truncate(message);
        try {
            jdbc.update("insert into mass_update_request (request_id, module, kind, status, error_code, message, created_at, "
                    + "updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)", requestId, module, kind, MassUpdateRecord.DEAD_LETTERED,
                    code, text, Math.min(arrivedAt, now), now);
        } catch (JobStoreException known) {
            jdbc.update("update mass_update_request set status = ?, error_code = ?, message = ?, updated_at = ? "
                    + "where request_id = ? and status <> ?", MassUpdateRecord.DEAD_LETTERED, code, text, now, requestId,
                    MassUpdateRecord.COMPLETED);
        }
    }

    void update(String requestId, String status, String zohoJobId, String result) {
        jdbc.update("update mass_update_request set status = ?, zoho_job_id = coalesce(?, zoho_job_id), "
                + "result_gzip = coalesce(?, result_gzip), error_code = null, message = null, updated_at = ? "
                + "where request_id = ?", status, zohoJobId, result == null ? null : Gzip.compress(result), jdbc.now(), requestId);
    }

    /** Newest arrival first, {@code limit} rows from {@code offset}. */
    List<MassUpdateRecord> page(int offset, int limit) {
        return jdbc.query("select " + REQUEST_COLUMNS + " from mass_update_request order by created_at desc, request_id desc "
                + "offset ? rows fetch next ? rows only", MassUpdateRows::request, limit, offset, limit);
    }

    private static MassUpdateRecord request(ResultSet rs) throws SQLException {
        return new MassUpdateRecord(rs.getString("request_id"), rs.getString("module"), rs.getString("kind"),
                rs.getString("status"), rs.getString("zoho_job_id"), result(rs), rs.getLong("created_at"),
                rs.getLong("updated_at"), rs.getString("error_code"), rs.getString("message"));
    }

    private static String result(ResultSet rs) throws SQLException {
        byte[] gzip = rs.getBytes("result_gzip");
        return gzip != null ? Gzip.decompress(gzip) : rs.getString("result"); // rows older than V3 hold text
    }
}
