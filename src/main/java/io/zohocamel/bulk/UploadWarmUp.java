package io.zohocamel.bulk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.zohocamel.runtime.PrivateZoho;
import io.zohocamel.zoho.ZohoResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zoho half of the CSV warm-up: the made-up file's chunks are uploaded, and their jobs created,
 * through a throwaway client against a private in-process sandbox ({@link PrivateZoho}). The HTTP
 * client, the upload and the answer parsing are then compiled before the first real file. Nothing is
 * recorded in the job store either.
 */
final class UploadWarmUp implements ChunkConsumer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadWarmUp.class);

    private final PrivateZoho zoho;
    /** The runtime's own upload and job-request code; without a job store, as nothing is recorded. */
    private final BulkChunks chunks;
    private final List<UploadedChunk> uploaded = new ArrayList<>();

    UploadWarmUp() {
        LOG.info("CSV warm-up: its uploads and jobs go to a private in-process sandbox; nothing reaches Zoho");
        zoho = PrivateZoho.start();
        chunks = new BulkChunks(null, zoho.client(), null, null);
    }

    @Override
    public void accept(Chunk chunk) {
        uploaded.add(new UploadedChunk(chunk.index(), chunk.firstRow(), chunk.rowCount(), chunks.upload(chunk)));
    }

    /** One bulk-write job per uploaded chunk, asked for as {@link BulkChunks} asks; how many were created. */
    int createJobs(Path csv, ChunkPlan plan) {
        BulkSubmission submission = new BulkSubmission(csv, "Leads", "insert", BulkJobSpec.defaults(), plan, null);
        for (UploadedChunk chunk : uploaded) {
            ZohoResponse answer = zoho.client().createBulkWriteJob(chunks.jobRequest(new ChunkWork(submission, chunk)));
            if (answer.jobId().isEmpty()) {
                throw new IllegalStateException("warm-up job refused: " + answer);
            }
        }
        return uploaded.size();
    }

    @Override
    public void close() {
        zoho.close();
    }
}
