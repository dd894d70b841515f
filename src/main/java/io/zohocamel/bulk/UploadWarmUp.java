package io.zohocamel.bulk;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "v8";

    private final ZohoSandbox sandbox;
    private final ZohoClient client;
    private final List<String> fileIds = new ArrayList<>();

    UploadWarmUp() {
        LOG.info("CSV warm-up: its uploads and jobs go to a private in-process sandbox; nothing reaches Zoho");
        sandbox = new ZohoSandbox(SandboxSettings.defaults()).start();
        client = ZohoClient.unmetered(ZohoSettings.builder().accountsUrl(sandbox.accountsUrl()).apiDomain(sandbox.apiDomain())
                .uploadUrl(sandbox.uploadUrl(VERSION)).apiVersion(VERSION).clientId("warm-up").clientSecret("warm-up")
                .refreshToken("warm-up").orgId("warm-up").build());
    }

    @Override
    public void accept(Chunk chunk) {
        ZohoResponse answer = client.upload(chunk.entryName().replace(".csv", ".zip"), chunk.zip());
        fileIds.add(answer.fileId().orElseThrow(() -> new IllegalStateException("warm-up upload refused: " + answer)));
    }

    /** One bulk-write job per uploaded chunk, as {@link BulkChunks} asks for it; how many were created. */
    int createJobs(ChunkPlan plan) {
        for (String fileId : fileIds) {
            ObjectNode body = JSON.createObjectNode();
            body.put("operation", "insert");
            ObjectNode resource = body.putArray("resource").addObject();
            resource.put("type", "data");
            resource.putObject("module").put("api_name", "Leads");
            resource.put("file_id", fileId);
            resource.set("field_mappings", plan.mappings().toJson());
            ZohoResponse answer = client.createBulkWriteJob(body);
            if (answer.jobId().isEmpty()) {
                throw new IllegalStateException("warm-up job refused: " + answer);
            }
        }
        return fileIds.size();
    }

    @Override
    public void close() {
        client.close();
        sandbox.stop();
    }
}
