package io.zohocamel.bulk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zohocamel.zoho.ZohoRejectedException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a validated file's chunks to Zoho while the file is being cut: each chunk through the
 * bulk-upload route, up to {@code maxInFlight} at once (each holds its ZIP in memory, so this also
 * bounds memory; the reading waits when that many are on their way), and each uploaded chunk, in
 * order, through the bulk-create-job route on one thread: one job creation in flight at a time, on
 * purpose, since a creation whose answer is lost in a crash is made again after the restart (Zoho
 * offers no way to find that job).
 */
final class ChunkUploads implements ChunkConsumer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkUploads.class);

    private record InFlight(Chunk chunk, CompletableFuture<String> fileId) {
    }

    private final ProducerTemplate template;
    private final int maxInFlight;
    private final BulkSubmission submission;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final ExecutorService creator;
    private final Deque<Future<?>> creations = new ArrayDeque<>();

    ChunkUploads(ProducerTemplate template, int maxInFlight, BulkSubmission submission) {
        this.template = template;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.submission = submission;
        this.creator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bulk-jobs-" + submission.fileName());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void accept(Chunk chunk) throws IOException {
        inFlight.add(new InFlight(chunk, template.asyncRequestBody("direct:bulk-upload", chunk, String.class)));
        while (inFlight.size() > maxInFlight) {
            finish(inFlight.poll());
        }
        while (!creations.isEmpty() && creations.peek().isDone()) {
            await(creations.poll(), -1); // a refused job stops the reading now, not at the end
        }
    }

    /** Waits for the uploads and job creations still on their way. */
    void awaitAll() throws IOException {
        while (!inFlight.isEmpty()) {
            finish(inFlight.poll());
        }
        while (!creations.isEmpty()) {
            await(creations.poll(), -1);
        }
    }

    private void finish(InFlight upload) throws IOException {
        Chunk chunk = upload.chunk();
        String fileId = await(upload.fileId(), chunk.index());
        UploadedChunk uploaded = new UploadedChunk(chunk.index(), chunk.firstRow(), chunk.rowCount(), fileId);
        LOG.info("{}: chunk {} uploaded, rows {}..{}", submission.fileName(), chunk.index() + 1,
                String.format(Locale.ROOT, "%,d", chunk.firstRow()),
                String.format(Locale.ROOT, "%,d", chunk.firstRow() + chunk.rowCount() - 1));
        creations.add(creator.submit(() -> template.requestBody("direct:bulk-create-job",
                new ChunkWork(submission, uploaded))));
    }

    /** The future's value; its failure as the route threw it ({@code chunkIndex} -1: a job creation). */
    private <T> T await(Future<T> future, int chunkIndex) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while submitting " + submission.fileName());
        } catch (ExecutionException e) {
            throw failure(chunkIndex, e.getCause());
        }
    }

    /** The route's own exception (Camel wraps it): a refusal names its chunk; anything else as it is. */
    private static RuntimeException failure(int chunkIndex, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ChunkFailure chunkFailure) {
                return chunkFailure;
            }
            if (t instanceof ZohoRejectedException rejected && chunkIndex >= 0) {
                return new ChunkFailure(chunkIndex, rejected);
            }
            if (t instanceof io.zohocamel.zoho.ZohoCallException zohoFailure) {
                return zohoFailure;
            }
        }
        return thrown instanceof RuntimeException runtime ? runtime : new IllegalStateException(thrown);
    }

    /**
     * When the pass fails: uploads on their way are not waited for (their file ids go unused), queued
     * job creations are dropped, and the one being created is let finish, so that its job id is
     * recorded rather than lost.
     */
    @Override
    public void close() {
        inFlight.forEach(upload -> upload.fileId().cancel(false));
        inFlight.clear();
        creations.forEach(creation -> creation.cancel(false));
        creations.clear();
        creator.shutdown();
        try {
            if (!creator.awaitTermination(5, TimeUnit.MINUTES)) {
                LOG.warn("{}: a job creation is still running after 5 minutes", submission.fileName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
