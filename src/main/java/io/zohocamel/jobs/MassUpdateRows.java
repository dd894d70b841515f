package io.zohocamel.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Table {@code mass_update_request}: one row per mass-update request id, its state and its result. */
final class MassUpdateRows {

    private static final String REQUEST_COLUMNS = "request_id, module, kind, status, zoho_job_id, result, result_gzip, "
            + "created_at, updated_at";

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

    void finish(String requestId, String module, String kind, String status, String result) {
        long now = jdbc.now();
        byte[] gzip = result == null ? null : Gzip.compress(result);
        try {
            jdbc.update("insert into mass_update_request (request_id, module, kind, status, result_gzip, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", requestId, module, kind, status, gzip, now, now);
        } catch (JobStoreException known) { // recorded before (a redelivery, or the same request id sent twice)
            if (jdbc.update("update mass_update_request set status = ?, result_gzip = coalesce(?, result_gzip), updated_at = ? "
                    + "where request_id = ?", status, gzip, now, requestId) == 0) {
                throw known;
            }
        }
    }

    void update(String requestId, String status, String zohoJobId, String result) {
        jdbc.update("update mass_update_request set status = ?, zoho_job_id = coalesce(?, zoho_job_id), "
                + "result_gzip = coalesce(?, result_gzip), updated_at = ? where request_id = ?", status, zohoJobId,
                result == null ? null : Gzip.compress(result), jdbc.now(), requestId);
    }

    List<MassUpdateRecord> recent(int limit) {
        return jdbc.query("select " + REQUEST_COLUMNS + " from mass_update_request order by created_at desc",
                MassUpdateRows::request, limit);
    }

    private static MassUpdateRecord request(ResultSet rs) throws SQLException {
        return new MassUpdateRecord(rs.getString("request_id"), rs.getString("module"), rs.getString("kind"),
                rs.getString("status"), rs.getString("zoho_job_id"), result(rs), rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }

    private static String result(ResultSet rs) throws SQLException {
        byte[] gzip = rs.getBytes("result_gzip");
        return gzip != null ? Gzip.decompress(gzip) : rs.getString("result"); // rows older than V3 hold text
    }
}
