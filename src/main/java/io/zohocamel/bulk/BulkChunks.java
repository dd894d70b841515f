package io.zohocamel.bulk;

import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Metrics;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.zoho.ZohoCallException;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Zoho calls of the bulk-chunk route: upload the chunk's ZIP, then create its bulk-write
 * job. Each result is written to the job store the moment it is known, so a restart never
 * creates a second job for a chunk whose job exists.
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

    public void upload(ChunkWork work) {
        Chunk chunk = work.chunk();
        String zipName = chunk.entryName().replaceAll("(?i)\\.csv$", "") + ".zip";
        ZohoResponse answer = zoho.upload(zipName, chunk.zip());
        String fileId = answer.isSuccess() ? answer.fileId().orElse(null) : null;
        if (fileId == null) {
            throw ZohoCallException.of("upload of " + work.describe(), answer);
        }
        BulkSubmission s = work.submission();
        TrackedJob row = store.chunkUploaded(s.file().id(), s.module(), chunk.index(), chunk.firstRow(), chunk.rowCount(), fileId);
        work.uploaded(row.id(), fileId);
    }

    public void createJob(ChunkWork work) {
        ZohoResponse answer = zoho.createBulkWriteJob(jobRequest(work));
        String jobId = answer.isSuccess() ? answer.jobId().orElse(null) : null;
        if (jobId == null) {
            throw ZohoCallException.of("bulk-write job for " + work.describe(), answer);
        }
        store.chunkJobCreated(work.jobRowId(), jobId, store.now() + schedule.firstInterval(), schedule.firstInterval());
        Chunk chunk = work.chunk();
        Metrics.counter("bulk.chunks.submitted").increment();
        Metrics.counter("bulk.rows.submitted").increment(chunk.rowCount());
        BulkSubmission s = work.submission();
        LOG.info("{}: chunk {}/{} uploaded, {}/{} rows (Zoho job {})", s.fileName(), chunk.index() + 1,
                s.plan().chunkCount(), String.format(Locale.ROOT, "%,d", chunk.firstRow() - 1 + chunk.rowCount()),
                String.format(Locale.ROOT, "%,d", s.plan().totalRows()), jobId);
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
        resource.put("file_id", work.uploadFileId());
        if (s.spec().findBy() != null && !"insert".equals(s.operation())) {
            resource.put("find_by", s.spec().findBy());
        }
        resource.set("field_mappings", s.plan().mappings().toJson());
        return body;
    }
}
