package io.zohocamel.bulk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.zohocamel.zoho.ZohoRejectedException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads a file's chunks through the bulk-upload route while the file is still being read: up to
 * {@code maxInFlight} uploads at once (each holds its ZIP in memory, so this also bounds memory), and
 * the reading waits when that many are on their way. Uploads create nothing in the CRM, so a file that
 * turns out bad further down costs only unused uploads, never a job.
 */
final class ChunkUploads implements ChunkConsumer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkUploads.class);

    private record InFlight(Chunk chunk, CompletableFuture<String> fileId) {
    }

    private final ProducerTemplate template;
    private final int maxInFlight;
    private final String fileName;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final List<UploadedChunk> uploaded = new ArrayList<>();

    ChunkUploads(ProducerTemplate template, int maxInFlight, String fileName) {
        this.template = template;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.fileName = fileName;
    }

    @Override
    public void accept(Chunk chunk) throws IOException {
        inFlight.add(new InFlight(chunk, template.asyncRequestBody("direct:bulk-upload", chunk, String.class)));
        while (inFlight.size() > maxInFlight) {
            finish(inFlight.poll());
        }
    }

    /** Waits for the uploads still on their way; the chunks Zoho now holds, in order. */
    List<UploadedChunk> awaitAll() throws IOException {
        while (!inFlight.isEmpty()) {
            finish(inFlight.poll());
        }
        return List.copyOf(uploaded);
    }

    private void finish(InFlight upload) throws IOException {
        Chunk chunk = upload.chunk();
        String fileId;
        try {
            fileId = upload.fileId().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading " + fileName);
        } catch (ExecutionException e) {
            throw failure(chunk, e.getCause());
        }
        uploaded.add(new UploadedChunk(chunk.index(), chunk.firstRow(), chunk.rowCount(), fileId));
        LOG.info("{}: chunk {} uploaded, rows {}..{}", fileName, chunk.index() + 1,
                String.format(Locale.ROOT, "%,d", chunk.firstRow()),
                String.format(Locale.ROOT, "%,d", chunk.firstRow() + chunk.rowCount() - 1));
    }

    /** The route's own exception (Camel wraps it): a refusal names its chunk; anything else as it is. */
    private static RuntimeException failure(Chunk chunk, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ZohoRejectedException rejected) {
                return new ChunkFailure(chunk.index(), rejected);
            }
            if (t instanceof io.zohocamel.zoho.ZohoCallException transientFailure) {
                return transientFailure;
            }
        }
        return thrown instanceof RuntimeException runtime ? runtime : new IllegalStateException(thrown);
    }

    /** Uploads still on their way when the pass fails are not waited for; their file ids go unused. */
    @Override
    public void close() {
        inFlight.forEach(upload -> upload.fileId().cancel(false));
        inFlight.clear();
    }
}
