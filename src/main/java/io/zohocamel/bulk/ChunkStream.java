package io.zohocamel.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.IntPredicate;

/**
 * A file's chunks as the bulk-inbox route's split takes them: cut on a thread of their own while
 * earlier chunks are uploaded, and never more than {@code maxInFlight} between being cut and being
 * uploaded (each holds its ZIP in memory: up to 25 MB). {@link #uploaded()} frees a place. Closed by
 * the split when it ends, also when it stops early: the cutting stops then too.
 */
final class ChunkStream implements Iterator<Chunk>, Closeable {

    private static final Chunk END = new Chunk(-1, 0, 0, new byte[0], "");

    private final BlockingQueue<Chunk> cut = new ArrayBlockingQueue<>(1);
    private final Semaphore places;
    private final Thread cutter;
    private volatile Throwable failure;
    private Chunk next;
    private boolean ended;

    ChunkStream(CsvChunker chunker, Path csv, BulkJobSpec spec, IntPredicate skip, int maxInFlight, String name) {
        this.places = new Semaphore(Math.max(1, maxInFlight));
        this.cutter = new Thread(() -> {
            try {
                chunker.read(csv, spec, this::put, skip);
            } catch (Throwable t) {
                failure = t;
            }
            try {
                cut.put(END);
            } catch (InterruptedException closed) {
                // nobody takes any more
            }
        }, "bulk-chunks-" + name);
        cutter.setDaemon(true);
        cutter.start();
    }

    private void put(Chunk chunk) throws IOException {
        try {
            places.acquire();
            cut.put(chunk);
        } catch (InterruptedException e) {
            throw new InterruptedIOException("stopped while cutting");
        }
    }

    /** A chunk's upload has been answered: its ZIP is no longer held. */
    void uploaded() {
        places.release();
    }

    @Override
    public boolean hasNext() {
        if (ended) {
            return false;
        }
        if (next == null) {
            try {
                next = cut.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next chunk", e);
            }
        }
        if (next == END) {
            ended = true;
            Throwable t = failure;
            if (t instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (t instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
            return false;
        }
        return true;
    }

    @Override
    public Chunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Chunk chunk = next;
        next = null;
        return chunk;
    }

    /** Stops the cutting (a refused chunk, a failed upload): what was cut and not taken is dropped. */
    @Override
    public void close() {
        cutter.interrupt();
        cut.clear();
    }
}
