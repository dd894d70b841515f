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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One pass of {@link CsvChunker} over one file: rows into the chunk buffer, chunks cut at the row and
 * byte limits, zipped on a small pool while reading goes on and handed to the consumer in order (or
 * only counted, for a preflight and for the chunks to skip).
 */
final class ChunkingPass {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkingPass.class);
    private static final AtomicInteger POOL_SEQ = new AtomicInteger();

    private final ChunkerSettings settings;
    private final ChunkConsumer consumer;
    private final IntPredicate skip;
    private final String base;
    private final ExecutorService pool;
    private final Deque<Future<Chunk>> inflight = new ArrayDeque<>();
    private final List<ChunkPlan.Bounds> bounds = new ArrayList<>();
    private long csvBytes;
    private long zipBytes;
    private int skipped;

    /** @param base the chunk files' name before {@code _partNNN.csv} */
    ChunkingPass(ChunkerSettings settings, String base, ChunkConsumer consumer, IntPredicate skip) {
        this.settings = settings;
        this.consumer = consumer;
        this.skip = skip;
        this.base = base;
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

    private static ThreadFactory daemonThreads() {
        int poolNo = POOL_SEQ.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "bulk-zip-" + poolNo + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
