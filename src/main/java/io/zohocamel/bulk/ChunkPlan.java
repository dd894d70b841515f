package io.zohocamel.bulk;

import java.util.List;

/**
 * What a pass over a file found: the validated mappings, totals, and every chunk's boundaries (also
 * the skipped ones), so the caller can record jobs per chunk and later build the merge input.
 *
 * @param mappings   header and field mappings
 * @param bom        the input started with a UTF-8 BOM (ResultMerger writes one back)
 * @param totalRows  data rows in the file
 * @param chunks     boundaries of every chunk, in order
 * @param csvBytes   UTF-8 bytes of CSV text over all chunks (headers included)
 * @param zipBytes   ZIP bytes handed to the consumer (skipped chunks and preflight: not counted)
 * @param skipped    chunks parsed but not zipped / handed over
 */
public record ChunkPlan(FieldMappings mappings, boolean bom, long totalRows, List<Bounds> chunks,
                        long csvBytes, long zipBytes, int skipped) {

    public ChunkPlan {
        chunks = List.copyOf(chunks);
    }

    public int chunkCount() {
        return chunks.size();
    }

    /** One chunk's place in the input. */
    public record Bounds(int index, long firstRow, int rowCount, long csvBytes) {
    }
}
