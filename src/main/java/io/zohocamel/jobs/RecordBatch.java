package io.zohocamel.jobs;

import java.util.List;

/**
 * One Records API call of a small dropped file: {@code rowCount} rows from data row {@code firstRow}.
 * {@code outcomes} holds, per row in order, {STATUS, RECORD_ID, ERRORS} once Zoho answered (state DONE);
 * a SENT batch has none: its call left and no answer was recorded.
 */
public record RecordBatch(long bulkFileId, int index, long firstRow, int rowCount, String state, List<String[]> outcomes) {

    public static final String SENT = "SENT";
    public static final String DONE = "DONE";

    public boolean isDone() {
        return DONE.equals(state);
    }
}
