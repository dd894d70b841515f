package io.zohocamel.bulk;

import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Metrics;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.zoho.ZohoCallException;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoRejectedException;
import io.zohocamel.zoho.ZohoResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Zoho calls of a bulk write, for a file whose every row has been validated: upload a chunk's
 * ZIP while the file is being cut, then create the chunk's bulk-write job. The job id is written to
 * the job store the moment it is known, so a restart never creates a second job for a chunk whose job
 * exists.
 */
public class BulkChunks {

    private static final Logger LOG = LoggerFactory.getLogger(BulkChunks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobStore store;
    private final ZohoClient zoho;
    private final PollSchedule schedule;
    private final String callbackUrl;

    /** @param callbackUrl where Zoho should POST when a job ends, or null when the runtime is not reachable */
    public BulkChunks(JobStore store, ZohoClient zoho, PollSchedule schedule, String callbackUrl) {
        this.store = store;
        this.zoho = zoho;
        this.schedule = schedule;
        this.callbackUrl = callbackUrl;
    }

    /** bulk-upload route: one chunk's ZIP to Zoho's file store; its file_id. Creates nothing in the CRM. */
    public String upload(Chunk chunk) {
        String zipName = chunk.entryName().replaceAll("(?i)\\.csv$", "") + ".zip";
        ZohoResponse answer = zoho.upload(zipName, chunk.zip());
        String fileId = answer.isSuccess() ? answer.fileId().orElse(null) : null;
        if (fileId == null) {
            throw ZohoCallException.of("upload of chunk " + (chunk.index() + 1) + " (" + zipName + ")", answer);
        }
        return fileId;
    }

    /**
     * bulk-create-job route: creates the chunk's bulk-write job and records it the moment Zoho answers.
     * A refusal names the chunk (ChunkFailure); throttling and outages are retried by the route.
     */
    public void createJob(ChunkWork work) {
        BulkSubmission s = work.submission();
        UploadedChunk chunk = work.chunk();
        ZohoResponse answer = zoho.createBulkWriteJob(jobRequest(work));
        String jobId = answer.isSuccess() ? answer.jobId().orElse(null) : null;
        if (jobId == null) {
            ZohoCallException failure = ZohoCallException.of("bulk-write job for " + work.describe(), answer);
            throw failure instanceof ZohoRejectedException rejected ? new ChunkFailure(chunk.index(), rejected) : failure;
        }
        store.chunkJobCreated(s.file().id(), s.module(), chunk.index(), chunk.firstRow(), chunk.rowCount(), chunk.fileId(),
                jobId, store.now() + schedule.firstInterval(), schedule.firstInterval());
        Metrics.counter("bulk.chunks.submitted").increment();
        Metrics.counter("bulk.rows.submitted").increment(chunk.rowCount());
        LOG.info("{}: Zoho job {} for rows {}..{}", work.describe(), jobId,
                String.format(Locale.ROOT, "%,d", chunk.firstRow()),
                String.format(Locale.ROOT, "%,d", chunk.firstRow() + chunk.rowCount() - 1));
    }

    ObjectNode jobRequest(ChunkWork work) {
        BulkSubmission s = work.submission();
        ObjectNode body = JSON.createObjectNode();
        body.put("operation", s.operation());
        body.put("ignore_empty", s.spec().ignoreEmpty());
        if (callbackUrl != null) {
            body.putObject("callback").put("url", callbackUrl).put("method", "post");
        }
        ObjectNode resource = body.putArray("resource").addObject();
        resource.put("type", "data");
        resource.putObject("module").put("api_name", s.module());
        resource.put("file_id", work.chunk().fileId());
        if (s.spec().findBy() != null && !"insert".equals(s.operation())) {
            resource.put("find_by", s.spec().findBy());
        }
        resource.set("field_mappings", s.plan().mappings().toJson());
        return body;
    }
}
