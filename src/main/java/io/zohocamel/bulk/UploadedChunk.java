package io.zohocamel.bulk;

/**
 * A chunk that Zoho holds as an uploaded file, waiting for its bulk-write job.
 *
 * @param index    0-based chunk number
 * @param firstRow 1-based data row number of the chunk's first row in the input
 * @param rowCount data rows in the chunk
 * @param fileId   Zoho's file_id of the upload
 */
public record UploadedChunk(int index, long firstRow, int rowCount, String fileId) {
}
