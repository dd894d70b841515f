package io.zohocamel.bulk;

/**
 * One upload-ready piece of a dropped file.
 *
 * @param index     0-based chunk number (stable across runs with the same settings — restarts rely on it)
 * @param firstRow  1-based data row number (header excluded) of the chunk's first row in the input
 * @param rowCount  data rows in the chunk
 * @param zip       the ZIP: exactly one entry, {@code entryName}, a comma-separated UTF-8 CSV with the header
 * @param entryName {@code <base>_part<NNN>.csv}, NNN = index + 1
 */
public record Chunk(int index, long firstRow, int rowCount, byte[] zip, String entryName) {
}
