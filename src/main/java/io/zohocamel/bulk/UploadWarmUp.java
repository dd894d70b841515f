package io.zohocamel.bulk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoResponse;
import io.zohocamel.zoho.ZohoSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zoho half of the CSV warm-up: the made-up file's chunks are uploaded, and their jobs created,
 * through a throwaway client against a private in-process sandbox. The HTTP client, the upload and
 * the answer parsing are then compiled before the first real file. Nothing reaches Zoho, the job
 * store or the runtime's own client (its token, its call slots); the sandbox is gone afterwards.
 */
final class UploadWarmUp implements ChunkConsumer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadWarmUp.class);
    private static final String VERSION = "v8";

    private final ZohoSandbox sandbox;
    private final ZohoClient client;
    /** The runtime's own upload and job-request code; without a job store, as nothing is recorded. */
    private final BulkChunks chunks;
    private final List<UploadedChunk> uploaded = new ArrayList<>();

    UploadWarmUp() {
        LOG.info("CSV warm-up: its uploads and jobs go to a private in-process sandbox; nothing reaches Zoho");
        sandbox = new ZohoSandbox(SandboxSettings.defaults()).start();
        client = ZohoClient.unmetered(ZohoSettings.builder().accountsUrl(sandbox.accountsUrl()).apiDomain(sandbox.apiDomain())
                .uploadUrl(sandbox.uploadUrl(VERSION)).apiVersion(VERSION).clientId("warm-up").clientSecret("warm-up")
                .refreshToken("warm-up").orgId("warm-up").build());
        chunks = new BulkChunks(null, client, null, null);
    }

    @Override
    public void accept(Chunk chunk) {
        uploaded.add(new UploadedChunk(chunk.index(), chunk.firstRow(), chunk.rowCount(), chunks.upload(chunk)));
    }

    /** One bulk-write job per uploaded chunk, asked for as {@link BulkChunks} asks; how many were created. */
    int createJobs(Path csv, ChunkPlan plan) {
        BulkSubmission submission = new BulkSubmission(csv, "Leads", "insert", BulkJobSpec.defaults(), plan, null);
        for (UploadedChunk chunk : uploaded) {
            ZohoResponse answer = client.createBulkWriteJob(chunks.jobRequest(new ChunkWork(submission, chunk)));
            if (answer.jobId().isEmpty()) {
                throw new IllegalStateException("warm-up job refused: " + answer);
            }
        }
        return uploaded.size();
    }

    @Override
    public void close() {
        client.close();
        sandbox.stop();
    }
}
