package io.zohocamel.bulk;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
 *
 * <p>Chunk boundaries depend only on the file and the settings, so a restart with the same settings
 * and {@code skipChunks = chunks that already have jobs} resumes exactly where the last run stopped.
 */
public final class CsvChunker {

    private static final Logger LOG = LoggerFactory.getLogger(CsvChunker.class);
    private static final AtomicInteger POOL_SEQ = new AtomicInteger();

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
        Pass pass = new Pass(csv, consumer, skip);
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

    /** State of one pass over one file. */
    private final class Pass {
        private final ChunkConsumer consumer;
        private final IntPredicate skip;
        private final String base;
        private final ExecutorService pool;
        private final Deque<Future<Chunk>> inflight = new ArrayDeque<>();
        private final List<ChunkPlan.Bounds> bounds = new ArrayList<>();
        private long csvBytes;
        private long zipBytes;
        private int skipped;

        Pass(Path csv, ChunkConsumer consumer, IntPredicate skip) {
            this.consumer = consumer;
            this.skip = skip;
            this.base = baseName(csv);
            this.pool = consumer != null && settings.parallelism() > 1
                    ? Executors.newFixedThreadPool(settings.parallelism(), daemonThreads()) : null;
        }

        ChunkPlan run(CsvRows src, FieldMappings mappings) throws IOException {
            List<String> header = mappings.header();
            int width = header.size();
            int maxBytes = (int) settings.maxChunkBytes();
            int maxRows = settings.maxRows();

            final Utf8Buffer buf = new Utf8Buffer(1 << 20);
            final CsvWriter writer = CsvWriter.builder()
                    .bufferSize(0) // rows land in buf immediately, so buf.size() is exact after each row
                    .lineDelimiter(settings.crlf() ? LineDelimiter.CRLF : LineDelimiter.LF)
                    .build(buf);
            writer.writeRecord(header);
            byte[] headerBytes = buf.copyOfRange(0, buf.size());
            if (headerBytes.length >= maxBytes) {
                throw new BulkInputException(BulkInputException.ROW_TOO_LARGE,
                        "the header alone is " + headerBytes.length + " bytes, over the chunk limit of " + maxBytes);
            }

            byte[] lineEnd = (settings.crlf() ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII);
            int chunkIndex = 0;
            int rowsInChunk = 0;
            long chunkFirst = 1;
            while (src.next()) {
                int n = src.fieldCount();
                if (n > width) {
                    throw new BulkInputException(BulkInputException.ROW_TOO_WIDE, "data row " + src.row()
                            + " (line " + src.startingLine() + ") has " + n + " fields, the header has "
                            + width, src.row());
                }
                int before = buf.size();
                src.writeTo(buf, writer, width, lineEnd);
                if (buf.size() > maxBytes && rowsInChunk > 0) { // move the row to a fresh chunk
                    byte[] row = buf.copyOfRange(before, buf.size());
                    buf.truncate(before);
                    finish(buf, chunkIndex++, chunkFirst, rowsInChunk, headerBytes);
                    buf.writeBytes(row, 0, row.length);
                    rowsInChunk = 0;
                    chunkFirst = src.row();
                }
                if (buf.size() > maxBytes) { // does not fit even alone with the header
                    throw new BulkInputException(BulkInputException.ROW_TOO_LARGE, "data row " + src.row()
                            + " is " + (buf.size() - headerBytes.length) + " bytes; with the header it exceeds the "
                            + "chunk limit of " + maxBytes + " bytes", src.row());
                }
                if (++rowsInChunk == maxRows) {
                    finish(buf, chunkIndex++, chunkFirst, rowsInChunk, headerBytes);
                    rowsInChunk = 0;
                    chunkFirst = src.row() + 1;
                }
            }
            if (src.row() == 0) {
                throw new BulkInputException(BulkInputException.NO_ROWS, "the file has a header but no data rows");
            }
            if (rowsInChunk > 0) {
                finish(buf, chunkIndex, chunkFirst, rowsInChunk, headerBytes);
            }
            while (!inflight.isEmpty()) {
                deliver(inflight.poll());
            }
            return new ChunkPlan(mappings, src.hadBom(), src.row(), bounds, csvBytes, zipBytes, skipped);
        }

        /**
         * Closes the chunk held in buf and restarts buf with the header. buf stays the same object (the
         * CsvWriter is bound to it); only its array is handed over.
         */
        private void finish(Utf8Buffer buf, int index, long firstRow, int rows, byte[] headerBytes)
                throws IOException {
            int len = buf.size();
            csvBytes += len;
            bounds.add(new ChunkPlan.Bounds(index, firstRow, rows, len));
            if (consumer == null || skip.test(index)) {
                skipped++;
                buf.truncate(0);
            } else {
                byte[] data = buf.detach(Math.min((int) settings.maxChunkBytes(), len + len / 8 + 1024));
                String entry = base + "_part" + String.format("%03d", index + 1) + ".csv";
                if (pool == null) {
                    deliver(zip(index, firstRow, rows, data, len, entry));
                } else {
                    inflight.add(pool.submit(() -> zip(index, firstRow, rows, data, len, entry)));
                    // hand over every finished chunk at once (its upload can start), and wait when the pool is full
                    while (!inflight.isEmpty() && (inflight.size() > settings.parallelism() || inflight.peek().isDone())) {
                        deliver(inflight.poll());
                    }
                }
            }
            buf.writeBytes(headerBytes, 0, headerBytes.length);
        }

        private void deliver(Future<Chunk> f) throws IOException {
            try {
                deliver(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing chunks");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException("compressing a chunk failed", c);
            }
        }

        private void deliver(Chunk chunk) throws IOException {
            zipBytes += chunk.zip().length;
            LOG.debug("chunk {} rows {}..{} → {} ({} bytes zipped)", chunk.index(), chunk.firstRow(),
                    chunk.firstRow() + chunk.rowCount() - 1, chunk.entryName(), chunk.zip().length);
            consumer.accept(chunk);
        }

        private Chunk zip(int index, long firstRow, int rows, byte[] data, int len, String entry) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(4096, len / 4));
            try (ZipOutputStream z = new ZipOutputStream(bos, StandardCharsets.UTF_8)) {
                z.setLevel(settings.compressionLevel());
                z.putNextEntry(new ZipEntry(entry));
                z.write(data, 0, len);
                z.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in-memory: cannot really happen
            }
            return new Chunk(index, firstRow, rows, bos.toByteArray(), entry);
        }

        void shutdown() {
            for (Future<Chunk> f : inflight) {
                f.cancel(true);
            }
            inflight.clear();
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        int poolNo = POOL_SEQ.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "bulk-zip-" + poolNo + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
