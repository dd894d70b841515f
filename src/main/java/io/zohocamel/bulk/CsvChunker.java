package io.zohocamel.bulk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Streams a dropped CSV into upload-ready ZIP chunks within Zoho's bulk-write limits.
 *
 * <p>Why it looks like this: files can be far larger than memory budgets, so the file is read once,
 * row by row ({@link CsvRows}: plain RFC 4180 rows copied as bytes, anything else parsed by FastCSV
 * and re-written with CsvWriter — comma, UTF-8, consistent line ends, so Zoho gets a clean CSV
 * whatever the operator's delimiter was) straight into a byte buffer, which gives the exact byte
 * size of every row: a chunk ends at {@code maxRows} rows or
 * before the row that would exceed {@code maxChunkBytes}; rows are never split. Compression runs on a
 * small pool while parsing continues, and the oldest chunk is handed to the consumer (in order, on the
 * caller's thread) before more work is queued, so at most {@code parallelism + 1} chunks are in memory.
 * Each read is one {@link ChunkingPass}.
 *
 * <p>Chunk boundaries depend only on the file and the settings, so a restart with the same settings
 * and {@code skipChunks = chunks that already have jobs} resumes exactly where the last run stopped.
 */
public final class CsvChunker {

    private static final Logger LOG = LoggerFactory.getLogger(CsvChunker.class);

    private final ChunkerSettings settings;
    private final boolean byteLevel;

    public CsvChunker(ChunkerSettings settings) {
        this(settings, true);
    }

    /** {@code byteLevel = false}: every row through FastCSV (see {@link CsvRows}), for comparison. */
    CsvChunker(ChunkerSettings settings, boolean byteLevel) {
        this.settings = Objects.requireNonNull(settings);
        this.byteLevel = byteLevel;
    }

    public CsvChunker() {
        this(ChunkerSettings.defaults());
    }

    public ChunkerSettings settings() {
        return settings;
    }

    /** Reads only the header and builds the field mappings: mapping errors show before any row is read. */
    public FieldMappings mappings(Path csv, BulkJobSpec spec) throws IOException {
        try (CsvSource src = CsvSource.open(csv, spec.delimiterChar(), settings.maxCellChars())) {
            return FieldMappings.build(src.header(), spec);
        }
    }

    /**
     * Validates header, mappings and every row, and computes the chunk boundaries, without zipping
     * anything.
     */
    public ChunkPlan preflight(Path csv, BulkJobSpec spec) throws IOException {
        return run(csv, spec, null, index -> true);
    }

    /**
     * Cuts {@code csv} into chunks and hands them to {@code consumer} in order, in one pass that also
     * validates every row. The first {@code skipChunks} chunks are parsed (to find where the next one
     * starts) but not zipped or handed over. Throws BulkInputException for bad input — for problems
     * past the first chunk, after earlier chunks were handed over: a caller that creates jobs while
     * reading runs {@link #preflight} first.
     */
    public ChunkPlan read(Path csv, BulkJobSpec spec, ChunkConsumer consumer, int skipChunks) throws IOException {
        if (skipChunks < 0) {
            throw new IllegalArgumentException("skipChunks must be >= 0: " + skipChunks);
        }
        return read(csv, spec, consumer, index -> index < skipChunks);
    }

    /** As above, skipping exactly the chunks {@code skip} names (those that already have their job). */
    public ChunkPlan read(Path csv, BulkJobSpec spec, ChunkConsumer consumer, IntPredicate skip) throws IOException {
        return run(csv, spec, Objects.requireNonNull(consumer, "consumer"), skip);
    }

    private ChunkPlan run(Path csv, BulkJobSpec spec, ChunkConsumer consumer, IntPredicate skip)
            throws IOException {
        long started = System.nanoTime();
        ChunkingPass pass = new ChunkingPass(settings, baseName(csv), consumer, skip);
        try (CsvRows src = CsvRows.open(csv, spec.delimiterChar(), settings.maxCellChars(), byteLevel)) {
            List<String> header = src.header();
            FieldMappings mappings = FieldMappings.build(header, spec);
            ChunkPlan plan = pass.run(src, mappings);
            LOG.info("{}: {} rows, {} chunks ({} skipped), {} CSV bytes, {} ZIP bytes in {} ms", csv.getFileName(),
                    plan.totalRows(), plan.chunkCount(), plan.skipped(), plan.csvBytes(), plan.zipBytes(),
                    (System.nanoTime() - started) / 1_000_000);
            return plan;
        } finally {
            pass.shutdown();
        }
    }

    /** File name without .csv, reduced to characters any ZIP reader and Zoho accept. */
    static String baseName(Path csv) {
        String name = stripCsv(csv).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "file" : name;
    }

    /** File name without a trailing .csv (any case). */
    static String stripCsv(Path csv) {
        String name = csv.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
