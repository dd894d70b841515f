package io.zohocamel.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.zohocamel.common.Json;

/** Table {@code records_batch} (V6): the Records API calls of small files and their rows' outcomes. */
final class RecordBatchRows {

    private static final TypeReference<List<String[]>> ROWS = new TypeReference<>() {
    };

    private final JobStoreJdbc jdbc;

    RecordBatchRows(JobStoreJdbc jdbc) {
        this.jdbc = jdbc;
    }

    void sent(long fileId, int index, long firstRow, int rowCount) {
        write(fileId, index, firstRow, rowCount, RecordBatch.SENT, null);
    }

    void done(long fileId, int index, long firstRow, int rowCount, List<String[]> outcomes) {
        try {
            write(fileId, index, firstRow, rowCount, RecordBatch.DONE, Gzip.compress(Json.MAPPER.writeValueAsString(outcomes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(long fileId, int index, long firstRow, int rowCount, String state, byte[] outcome) {
        if (jdbc.update("update records_batch set state = ?, outcome_gzip = ?, updated_at = ? where bulk_file_id = ? "
                + "and batch_index = ?", state, outcome, jdbc.now(), fileId, index) == 0) {
            jdbc.update("insert into records_batch (bulk_file_id, batch_index, first_row, row_count, state, outcome_gzip, "
                    + "updated_at) values (?, ?, ?, ?, ?, ?, ?)", fileId, index, firstRow, rowCount, state, outcome, jdbc.now());
        }
    }

    void forget(long fileId, int index) {
        jdbc.update("delete from records_batch where bulk_file_id = ? and batch_index = ?", fileId, index);
    }

    List<RecordBatch> ofFile(long fileId) {
        return jdbc.query("select bulk_file_id, batch_index, first_row, row_count, state, outcome_gzip from records_batch "
                + "where bulk_file_id = ? order by batch_index", RecordBatchRows::batch, Integer.MAX_VALUE, fileId);
    }

    /** How many of the file's calls are recorded, and how many of them answered, without reading their rows. */
    long[] counts(long fileId) {
        return jdbc.queryOne("select count(*), count(case when state = ? then 1 end) from records_batch where bulk_file_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, RecordBatch.DONE, fileId).orElse(new long[2]);
    }

    private static RecordBatch batch(ResultSet rs) throws SQLException {
        byte[] gzip = rs.getBytes("outcome_gzip");
        List<String[]> outcomes;
        try {
            outcomes = gzip == null ? List.of() : Json.MAPPER.readValue(Gzip.decompress(gzip), ROWS);
        } catch (JsonProcessingException e) {
            throw new SQLException("records_batch outcome unreadable", e);
        }
        return new RecordBatch(rs.getLong("bulk_file_id"), rs.getInt("batch_index"), rs.getLong("first_row"),
                rs.getInt("row_count"), rs.getString("state"), new ArrayList<>(outcomes));
    }
}
