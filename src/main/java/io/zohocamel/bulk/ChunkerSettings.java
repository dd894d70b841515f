package io.zohocamel.bulk;

import java.util.zip.Deflater;

/**
 * Limits and tuning for {@link CsvChunker}. Defaults stay inside Zoho's bulk-write limits with
 * margin: 25,000 rows, 24 MiB of uncompressed CSV (so the ZIP can never reach 25 MB even if the data
 * does not compress), fast compression (the limit is far away), CRLF line ends (RFC 4180).
 *
 * @param maxRows          data rows per chunk (header not counted), 1..25,000
 * @param maxChunkBytes    UTF-8 bytes of CSV text per chunk, header included
 * @param maxCellChars     longest accepted cell; longer is INVALID_CSV (usually a stray quote)
 * @param compressionLevel java.util.zip.Deflater level 0..9
 * @param parallelism      threads compressing chunks while parsing goes on; 1 = compress inline
 * @param crlf             CRLF (true) or LF line ends in the uploaded CSV
 */
public record ChunkerSettings(int maxRows, long maxChunkBytes, int maxCellChars, int compressionLevel,
                              int parallelism, boolean crlf) {

    public static final int ZOHO_MAX_ROWS = 25_000;
    public static final long DEFAULT_MAX_CHUNK_BYTES = 24L * 1024 * 1024;
    public static final int DEFAULT_MAX_CELL_CHARS = 100_000;

    public ChunkerSettings {
        if (maxRows < 1 || maxRows > ZOHO_MAX_ROWS) {
            throw new IllegalArgumentException("maxRows must be 1.." + ZOHO_MAX_ROWS + ": " + maxRows);
        }
        if (maxChunkBytes < 1 || maxChunkBytes > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("maxChunkBytes out of range: " + maxChunkBytes);
        }
        if (maxCellChars < 1) {
            throw new IllegalArgumentException("maxCellChars must be positive: " + maxCellChars);
        }
        if (compressionLevel < Deflater.NO_COMPRESSION || compressionLevel > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("compressionLevel must be 0..9: " + compressionLevel);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
    }

    public static ChunkerSettings defaults() {
        return new ChunkerSettings(ZOHO_MAX_ROWS, DEFAULT_MAX_CHUNK_BYTES, DEFAULT_MAX_CELL_CHARS,
                Deflater.BEST_SPEED, Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors())), true);
    }

    public ChunkerSettings withMaxRows(int v) {
        return new ChunkerSettings(v, maxChunkBytes, maxCellChars, compressionLevel, parallelism, crlf);
    }

    public ChunkerSettings withMaxChunkBytes(long v) {
        return new ChunkerSettings(maxRows, v, maxCellChars, compressionLevel, parallelism, crlf);
    }

    public ChunkerSettings withMaxCellChars(int v) {
        return new ChunkerSettings(maxRows, maxChunkBytes, v, compressionLevel, parallelism, crlf);
    }

    public ChunkerSettings withCompressionLevel(int v) {
        return new ChunkerSettings(maxRows, maxChunkBytes, maxCellChars, v, parallelism, crlf);
    }

    public ChunkerSettings withParallelism(int v) {
        return new ChunkerSettings(maxRows, maxChunkBytes, maxCellChars, compressionLevel, v, crlf);
    }

    public ChunkerSettings withCrlf(boolean v) {
        return new ChunkerSettings(maxRows, maxChunkBytes, maxCellChars, compressionLevel, parallelism, v);
    }
}
