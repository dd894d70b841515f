package io.zohocamel.bulk;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.zohocamel.common.Json;
import io.zohocamel.component.ZohoHeaders;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.zoho.ZohoCallException;
import io.zohocamel.zoho.ZohoResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bulk routes send with their two Zoho calls (zoho:upload of a chunk's ZIP, then
 * zoho:createBulkWriteJob) and make of the answers. The job id is written to the job store the moment
 * it is known, so a restart never creates a second job for a chunk whose job exists.
 */
public class BulkChunks {

    private static final Logger LOG = LoggerFactory.getLogger(BulkChunks.class);

    private final JobStore store;
    /** Exchange properties of one chunk's way through bulk-upload and bulk-create-job. */
    static final String CHUNK_INDEX = "bulkChunkIndex";
    private static final String CHUNK = "bulkChunk";
    private static final String WORK = "bulkChunkWork";

    private final PollSchedule schedule;
    private final String callbackUrl;

    /** @param callbackUrl where Zoho should POST when a job ends, or null when the runtime is not reachable */
    public BulkChunks(JobStore store, PollSchedule schedule, String callbackUrl) {
        this.store = store;
        this.schedule = schedule;
        this.callbackUrl = callbackUrl;
    }

    /** bulk-upload route: a chunk (body) becomes the zoho:upload call's ZIP and file name. */
    public void uploadRequest(Exchange exchange) {
        Chunk chunk = exchange.getMessage().getBody(Chunk.class);
        String zipName = chunk.entryName().replaceAll("(?i)\\.csv$", "") + ".zip";
        exchange.setProperty(CHUNK_INDEX, chunk.index());
        exchange.setProperty(CHUNK, chunk);
        Message msg = exchange.getMessage();
        msg.setHeader(ZohoHeaders.FILE_NAME, zipName);
        msg.setHeader(ZohoHeaders.CALL, "upload of chunk " + (chunk.index() + 1) + " (" + zipName + ")");
        msg.setBody(chunk.zip());
    }

    /** bulk-upload route: Zoho holds the chunk (its file_id); the chunk's place in memory is freed. */
    public UploadedChunk uploaded(Exchange exchange) {
        Chunk chunk = exchange.getProperty(CHUNK, Chunk.class);
        exchange.removeProperty(CHUNK);
        exchange.getProperty(BulkIntake.STREAM, ChunkStream.class).uploaded();
        ZohoResponse answer = exchange.getMessage().getBody(ZohoResponse.class);
        String fileId = answer.fileId().orElse(null);
        if (fileId == null) {
            throw new ChunkFailure(chunk.index(), ZohoCallException.of("upload of chunk " + (chunk.index() + 1), answer));
        }
        BulkSubmission s = exchange.getProperty(BulkIntake.SUBMISSION, BulkSubmission.class);
        LOG.info("{}: chunk {} uploaded, rows {}", s.fileName(), chunk.index() + 1, rows(chunk.firstRow(), chunk.rowCount()));
        return new UploadedChunk(chunk.index(), chunk.firstRow(), chunk.rowCount(), fileId);
    }

    /** bulk-create-job route: an uploaded chunk (body) becomes its job request for zoho:createBulkWriteJob. */
    public void jobRequest(Exchange exchange) {
        ChunkWork work = new ChunkWork(exchange.getProperty(BulkIntake.SUBMISSION, BulkSubmission.class),
                exchange.getMessage().getBody(UploadedChunk.class));
        exchange.setProperty(WORK, work);
        exchange.getMessage().setHeader(ZohoHeaders.CALL, "bulk-write job for " + work.describe());
        exchange.getMessage().setBody(jobRequest(work));
    }

    /** bulk-create-job route: the job is recorded the moment Zoho answers. */
    public void jobCreated(Exchange exchange) {
        ChunkWork work = exchange.getProperty(WORK, ChunkWork.class);
        BulkSubmission s = work.submission();
        UploadedChunk chunk = work.chunk();
        ZohoResponse answer = exchange.getMessage().getBody(ZohoResponse.class);
        String jobId = answer.jobId().orElse(null);
        if (jobId == null) {
            throw new ChunkFailure(chunk.index(), ZohoCallException.of("bulk-write job for " + work.describe(), answer));
        }
        store.chunkJobCreated(s.file().id(), s.module(), chunk.index(), chunk.firstRow(), chunk.rowCount(), chunk.fileId(),
                jobId, store.now() + schedule.firstInterval(), schedule.firstInterval());
        Counter.builder("bulk.chunks.submitted").description("Chunks of dropped files that became Zoho bulk-write jobs")
                .register(Metrics.globalRegistry).increment();
        Counter.builder("bulk.rows.submitted").description("Rows of dropped files submitted in Zoho bulk-write jobs")
                .register(Metrics.globalRegistry).increment(chunk.rowCount());
        LOG.info("{}: Zoho job {} for rows {}", work.describe(), jobId, rows(chunk.firstRow(), chunk.rowCount()));
    }

    /**
     * bulk-create-job route, an insert's job creation that got no answer saying whether Zoho made the job (timeout,
     * broken connection, 5xx): the chunk ends here, never created again (Zoho offers no way to find the job, and a
     * second one would insert the rows twice), and the merge reports its rows as of unknown outcome. The file goes on.
     */
    public void jobOutcomeUnknown(Exchange exchange) {
        ChunkWork work = exchange.getProperty(WORK, ChunkWork.class);
        ZohoResponse answer = exchange.getMessage().getBody(ZohoResponse.class);
        UploadedChunk chunk = work.chunk();
        String why = "Zoho gave no answer to the creation of this chunk's job (" + answer.code() + "); the job may exist"
                + " and the rows may have been inserted: look them up in Zoho before dropping them again";
        store.chunkJobOutcomeUnknown(work.submission().file().id(), work.submission().module(), chunk.index(),
                chunk.firstRow(), chunk.rowCount(), chunk.fileId(), why);
        LOG.warn("{}: no answer to the job creation for rows {} ({}): not created again; its rows are reported as {}",
                work.describe(), rows(chunk.firstRow(), chunk.rowCount()), answer.code(), JobState.OUTCOME_UNKNOWN);
    }

    /**
     * bulk-inbox route: whether a second job for this chunk would change nothing, so that its creation may run
     * beside others. A job whose creation answer is lost in a crash is created again after the restart (Zoho
     * offers no way to find it): a job that finds its records by {@code find_by} (update, upsert) finds them
     * again, a plain insert inserts its rows twice. So: true when the job Zoho gets carries a top-level find_by.
     */
    public boolean duplicateJobHarmless(Exchange exchange) {
        BulkSubmission s = exchange.getProperty(BulkIntake.SUBMISSION, BulkSubmission.class);
        return sendsFindBy(s);
    }

    /**
     * Zoho takes the resource's find_by for update and upsert. For insert the runtime does not send it (the
     * Zoho contract lists find_by for update/upsert only), so an insert is never one whose repeat is harmless.
     */
    private static boolean sendsFindBy(BulkSubmission s) {
        return s.spec().findBy() != null && !"insert".equals(s.operation());
    }

    /** "1..25,000" */
    private static String rows(long first, int count) {
        return String.format(Locale.ROOT, "%,d..%,d", first, first + count - 1);
    }

    ObjectNode jobRequest(ChunkWork work) {
        BulkSubmission s = work.submission();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("operation", s.operation());
        body.put("ignore_empty", s.spec().ignoreEmpty());
        if (callbackUrl != null) {
            body.putObject("callback").put("url", callbackUrl).put("method", "post");
        }
        ObjectNode resource = body.putArray("resource").addObject();
        resource.put("type", "data");
        resource.putObject("module").put("api_name", s.module());
        resource.put("file_id", work.chunk().fileId());
        if (sendsFindBy(s)) {
            resource.put("find_by", s.spec().findBy());
        }
        resource.set("field_mappings", s.plan().mappings().toJson());
        return body;
    }
}
