package io.zohocamel.bulk;

import java.nio.file.Path;

/**
 * What became of one chunk, as input to {@link ResultMerger}.
 *
 * @param index          0-based chunk number
 * @param firstRow       1-based data row of the chunk's first row (as in {@link Chunk#firstRow()})
 * @param rowCount       data rows in the chunk
 * @param resultZip      Zoho's result ZIP, or null when there is none (upload/job failed, job lost)
 * @param failureCode    why there is no result (or why rows are missing from it), e.g. FILE_TOO_LARGE
 * @param failureMessage human explanation to go with failureCode (may be null)
 */
public record ChunkResult(int index, long firstRow, int rowCount, Path resultZip, String failureCode,
                          String failureMessage) {

    public static ChunkResult of(ChunkPlan.Bounds b, Path resultZip) {
        return new ChunkResult(b.index(), b.firstRow(), b.rowCount(), resultZip, null, null);
    }

    public static ChunkResult failed(ChunkPlan.Bounds b, String code, String message) {
        return new ChunkResult(b.index(), b.firstRow(), b.rowCount(), null, code, message);
    }
}
