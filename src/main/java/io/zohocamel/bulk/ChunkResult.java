package io.zohocamel.bulk;

import java.nio.file.Path;
import java.util.List;

/**
 * What became of one chunk, as input to {@link ResultMerger}.
 *
 * @param index          0-based chunk number
 * @param firstRow       1-based data row of the chunk's first row (as in {@link Chunk#firstRow()})
 * @param rowCount       data rows in the chunk
 * @param resultZip      Zoho's result ZIP, or null when there is none (upload/job failed, job lost)
 * @param failureCode    why there is no result (or why rows are missing from it), e.g. FILE_TOO_LARGE
 * @param failureMessage human explanation to go with failureCode (may be null)
 * @param resultRows     the rows' {STATUS, RECORD_ID, ERRORS} when they are known without a ZIP (a Records API
 *                       call's answer), else null
 */
public record ChunkResult(int index, long firstRow, int rowCount, Path resultZip, String failureCode,
                          String failureMessage, List<String[]> resultRows) {

    public ChunkResult(int index, long firstRow, int rowCount, Path resultZip, String failureCode, String failureMessage) {
        this(index, firstRow, rowCount, resultZip, failureCode, failureMessage, null);
    }

    public static ChunkResult of(ChunkPlan.Bounds b, Path resultZip) {
        return new ChunkResult(b.index(), b.firstRow(), b.rowCount(), resultZip, null, null);
    }

    public static ChunkResult failed(ChunkPlan.Bounds b, String code, String message) {
        return new ChunkResult(b.index(), b.firstRow(), b.rowCount(), null, code, message);
    }

    /** A Records API call's rows, answered. */
    public static ChunkResult answered(int index, long firstRow, int rowCount, List<String[]> rows) {
        return new ChunkResult(index, firstRow, rowCount, null, null, null, rows);
    }
}
