package io.zohocamel.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.component.ZohoHeaders;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobCounts;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.RecordBatch;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.zoho.Outcome;
import io.zohocamel.zoho.ZohoResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.zohocamel.common.Json;

/**
 * A dropped file's report ({@code reports/<Module>/<operation>/<name>.report.json}), kept current
 * as chunks are submitted and the poller learns more; and, once every job of the file has ended,
 * its {@code <name>.result.csv} and {@code <name>.failed.csv} from Zoho's result files.
 */
public class BulkReports {

    private static final Logger LOG = LoggerFactory.getLogger(BulkReports.class);

    private final JobStore store;
    /** Exchange properties and a header of one file's way through bulk-results. */
    static final String FILE = "bulkResultsFile";
    /** The merged file's totals: set once result.csv and failed.csv are written, for its event and its end. */
    static final String TOTALS = "bulkResultTotals";
    private static final String UNAVAILABLE = "bulkResultsUnavailable";
    private static final String CHUNK = "bulkResultChunk";

    private final BulkFolders folders;
    private final ResultMerger merger;
    private final long maxResultBytes;
    private final long notReadyWaitMs;
    /** Files whose result Zoho had not got ready: not asked for again before the time given (epoch ms). */
    private final Map<Long, Long> notReady = new ConcurrentHashMap<>();

    /** @param notReadyWaitMs how long a file whose result Zoho has not got ready waits before it is tried again */
    public BulkReports(JobStore store, BulkFolders folders, ResultMerger merger, long maxResultBytes, long notReadyWaitMs) {
        this.store = store;
        this.folders = folders;
        this.merger = merger;
        this.maxResultBytes = maxResultBytes;
        this.notReadyWaitMs = notReadyWaitMs;
    }

    public void jobProgressed(TrackedJob job) throws IOException {
        write(job.bulkFileId());
    }

    public void jobFinished(TrackedJob job) throws IOException {
        write(job.bulkFileId());
    }

    /**
     * bulk-results route: the submitted files whose jobs have all ended (the timer makes this restart-safe), but
     * not one whose result Zoho had not got ready a moment ago.
     */
    public List<BulkFile> readyFiles() {
        long now = System.currentTimeMillis();
        notReady.values().removeIf(until -> until <= now);
        return store.filesReadyForResults().stream().filter(f -> !notReady.containsKey(f.id())).toList();
    }

    /**
     * bulk-results route: the result files of one file's completed jobs (body) still to fetch, each a
     * message for zoho:download (body its URL, where to write it and the size cap in headers).
     */
    public List<Message> downloads(Exchange exchange) throws IOException {
        BulkFile file = exchange.getMessage().getBody(BulkFile.class);
        Path downloads = downloadDir(file);
        Files.createDirectories(downloads);
        exchange.setProperty(FILE, file);
        exchange.setProperty(UNAVAILABLE, new ConcurrentHashMap<Integer, ZohoResponse>());
        List<Message> out = new ArrayList<>();
        for (TrackedJob job : store.jobsOfFile(file.id())) {
            Path zip = downloads.resolve("chunk-" + (job.chunkIndex() + 1) + ".zip");
            if (JobState.COMPLETED.equals(job.status()) && job.downloadUrl() != null && !Files.exists(zip)) {
                Message download = new DefaultMessage(exchange);
                download.setBody(job.downloadUrl());
                download.setHeader(ZohoHeaders.DOWNLOAD_TO, zip);
                download.setHeader(ZohoHeaders.DOWNLOAD_MAX_BYTES, maxResultBytes);
                download.setHeader(CHUNK, job.chunkIndex());
                out.add(download);
            }
        }
        return out;
    }

    /** bulk-results route: a result file Zoho did not give (body: the answer of zoho:download) is noted for the merge. */
    public void downloaded(Exchange exchange) {
        ZohoResponse answer = exchange.getMessage().getBody(ZohoResponse.class);
        if (!answer.isSuccess()) {
            exchange.getProperty(UNAVAILABLE, Map.class).put(exchange.getMessage().getHeader(CHUNK, Integer.class), answer);
        }
    }

    /**
     * bulk-results route: once every result file is here, writes result.csv and failed.csv beside the
     * report. A result Zoho cannot give (PERMANENT) fails its chunk's rows; one not available yet
     * leaves the file for the next round.
     */
    public void merge(Exchange exchange) throws IOException {
        BulkFile file = exchange.getProperty(FILE, BulkFile.class);
        if (BulkFile.ERROR.equals(file.status()) && !Files.isRegularFile(Path.of(file.location()))) {
            LOG.warn("{}: refused, its jobs ended, but it is no longer in {}: no result.csv; its jobs' counts are in its"
                    + " report", file.fileName(), file.location());
            store.bulkFileResultsWritten(file.id());
            return;
        }
        @SuppressWarnings("unchecked")
        Map<Integer, ZohoResponse> unavailable = exchange.getProperty(UNAVAILABLE, Map.class);
        Path dir = folders.reportDir(file.module(), file.operation());
        Path downloads = downloadDir(file);
        BulkJobSpec spec = BulkJobSpec.stored(file.specJson());
        List<ChunkResult> chunks = new ArrayList<>();
        for (RecordBatch batch : spec.isRecordsApi() ? store.recordBatches(file.id()) : List.<RecordBatch>of()) {
            chunks.add(ChunkResult.answered(batch.index(), batch.firstRow(), batch.rowCount(), batch.outcomes()));
        }
        for (TrackedJob job : spec.isRecordsApi() ? List.<TrackedJob>of() : store.jobsOfFile(file.id())) {
            ChunkPlan.Bounds bounds = new ChunkPlan.Bounds(job.chunkIndex(), job.firstRow(), job.rowCount(), 0);
            ZohoResponse answer = unavailable.get(job.chunkIndex());
            if (!JobState.COMPLETED.equals(job.status()) || job.downloadUrl() == null) {
                chunks.add(ChunkResult.failed(bounds, job.status(), job.message()));
            } else if (answer == null) {
                chunks.add(ChunkResult.of(bounds, downloads.resolve("chunk-" + (job.chunkIndex() + 1) + ".zip")));
            } else if (answer.outcome() == Outcome.PERMANENT) {
                chunks.add(ChunkResult.failed(bounds, answer.code(), "Zoho's result file could not be fetched: "
                        + answer.message()));
            } else {
                LOG.warn("{}: result of job {} not available yet ({}); trying again in {} s", file.fileName(),
                        job.zohoJobId(), answer.code(), notReadyWaitMs / 1000);
                notReady.put(file.id(), System.currentTimeMillis() + notReadyWaitMs);
                return;
            }
        }
        if (BulkFile.ERROR.equals(file.status())) {
            chunks = withRefusedGaps(chunks, file);
        }
        MergeTotals totals = merger.merge(Path.of(file.location()), spec, chunks, dir.resolve(file.reportName() + ".result.csv"),
                dir.resolve(file.reportName() + ".failed.csv"));
        // the report with the totals first, then (after its event, in the route) the state: a restart in between
        // merges again
        write(file.id(), totals);
        exchange.setProperty(TOTALS, totals);
    }

    /**
     * A file refused after some of its parts went to Zoho (chunks that became jobs, Records API calls; {@code sent},
     * in row order): the rows that never did, between those parts and after the last, are reported not sent, with
     * the refusal's code.
     */
    private static List<ChunkResult> withRefusedGaps(List<ChunkResult> sent, BulkFile file) {
        String why = "not sent: the file was refused (" + file.message() + ") before these rows went to Zoho";
        List<ChunkResult> out = new ArrayList<>();
        long next = 1;
        for (ChunkResult part : sent) {
            if (part.firstRow() > next) {
                out.add(ChunkResult.failed(new ChunkPlan.Bounds(-1, next, (int) (part.firstRow() - next), 0),
                        file.errorCode(), why));
            }
            out.add(part);
            next = part.firstRow() + part.rowCount();
        }
        if (file.rowsTotal() != null && next <= file.rowsTotal()) {
            out.add(ChunkResult.failed(new ChunkPlan.Bounds(-1, next, (int) (file.rowsTotal() - next + 1), 0),
                    file.errorCode(), why));
        }
        return out;
    }

    /**
     * bulk-inbox route, a small file refused (moved to error/ with its error.json) after some of its Records API
     * calls went in: result.csv and failed.csv beside its report still list every row, the answered calls'
     * outcomes and the rest not sent, with the refusal's code. The file stays refused.
     */
    public void refusedAfterRecords(Exchange exchange) throws IOException {
        BulkSubmission s = exchange.getProperty(BulkIntake.SUBMISSION, BulkSubmission.class);
        BulkFile file = s == null || s.file() == null ? null : store.bulkFile(s.file().id()).orElse(null);
        BulkJobSpec spec = file == null ? null : BulkJobSpec.stored(file.specJson());
        if (file == null || !BulkFile.ERROR.equals(file.status()) || !spec.isRecordsApi()
                || store.recordBatchesAnswered(file.id()) == 0 || file.location() == null
                || !Files.isRegularFile(Path.of(file.location()))) {
            return;
        }
        List<ChunkResult> calls = new ArrayList<>();
        for (RecordBatch batch : store.recordBatches(file.id())) {
            List<String[]> rows = batch.isDone() ? batch.outcomes() // else an insert still out when its file was refused
                    : RecordOutcomes.unknown(batch.rowCount(), "the file was refused while this insert was at Zoho");
            calls.add(ChunkResult.answered(batch.index(), batch.firstRow(), batch.rowCount(), rows));
        }
        Path dir = folders.reportDir(file.module(), file.operation());
        MergeTotals totals = merger.merge(Path.of(file.location()), spec, withRefusedGaps(calls, file),
                dir.resolve(file.reportName() + ".result.csv"), dir.resolve(file.reportName() + ".failed.csv"));
        write(file.id(), totals);
        LOG.warn("{}: refused after {} of its rows went in through the Records API: every row's outcome is in {}",
                file.fileName(), fmt(totals.added() + totals.updated()), dir.resolve(file.reportName() + ".result.csv"));
    }

    /**
     * bulk-results route, once the file's end is published: the file is COMPLETED, so it is never merged (nor its
     * end published) again.
     */
    public void completed(Exchange exchange) throws IOException {
        BulkFile file = exchange.getProperty(FILE, BulkFile.class);
        MergeTotals totals = exchange.getProperty(TOTALS, MergeTotals.class);
        if (BulkFile.ERROR.equals(file.status())) { // refused: it stays so, with its result files now
            store.bulkFileResultsWritten(file.id());
            deleteTree(downloadDir(file));
            LOG.info("{}: refused, its jobs ended: {} rows added, {} updated, {} failed or not sent (see {})",
                    file.fileName(), fmt(totals.added()), fmt(totals.updated()), fmt(totals.failed()),
                    folders.reportDir(file.module(), file.operation()).resolve(file.reportName() + ".result.csv"));
            return;
        }
        store.updateBulkFile(file.id(), BulkFile.COMPLETED, null, null, null, null);
        deleteTree(downloadDir(file));
        LOG.info("{}: completed: {} rows, {} added, {} updated, {} failed (see {})", file.fileName(),
                fmt(totals.total()), fmt(totals.added()), fmt(totals.updated()), fmt(totals.failed()),
                folders.reportDir(file.module(), file.operation()).resolve(file.reportName() + ".result.csv"));
    }

    private Path downloadDir(BulkFile file) {
        return folders.reportDir(file.module(), file.operation()).resolve(".results").resolve(file.reportName());
    }

    public void write(long fileId) throws IOException {
        write(fileId, null);
    }

    private synchronized void write(long fileId, MergeTotals totals) throws IOException {
        BulkFile file = store.bulkFile(fileId).orElse(null);
        if (file == null || file.reportName() == null) {
            return;
        }
        if (totals == null && BulkFile.COMPLETED.equals(file.status())) {
            // the report with the totals is final: a late progress write must not drop them
            return;
        }
        List<TrackedJob> jobs = store.jobsOfFile(fileId);
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("file", file.fileName());
        report.put("module", file.module());
        report.put("operation", file.operation());
        boolean records = BulkJobSpec.stored(file.specJson()).isRecordsApi();
        report.put("api", records ? BulkJobSpec.RECORDS_API : BulkJobSpec.BULK_API);
        // a refused file keeps its state even with the result of what went in before the refusal
        report.put("status", totals != null && !BulkFile.ERROR.equals(file.status()) ? BulkFile.COMPLETED : file.status());
        report.put("location", file.location());
        if (file.message() != null) {
            report.put("message", file.message());
        }
        report.put("rows", file.rowsTotal());
        report.put(records ? "calls" : "chunks", file.chunksTotal());
        if (records) {
            report.put("calls_answered", store.recordBatchesAnswered(fileId));
        }
        report.put("chunks_submitted", jobs.stream().filter(j -> j.zohoJobId() != null).count());
        report.put("jobs_finished", jobs.stream().filter(TrackedJob::isFinished).count());
        ArrayNode list = report.putArray("jobs");
        for (TrackedJob job : jobs) {
            ObjectNode j = list.addObject();
            j.put("chunk", job.chunkIndex() + 1);
            j.put("first_row", job.firstRow());
            j.put("rows", job.rowCount());
            j.put("zoho_job_id", job.zohoJobId());
            j.put("status", job.status());
            j.put("zoho_status", job.zohoStatus());
            JobCounts c = job.counts();
            ObjectNode counts = j.putObject("counts");
            counts.put("total", c.total());
            counts.put("added", c.added());
            counts.put("updated", c.updated());
            counts.put("skipped", c.skipped());
            if (job.message() != null) {
                j.put("message", job.message());
            }
        }
        if (totals != null) {
            ObjectNode t = report.putObject("result");
            t.put("total", totals.total());
            t.put("added", totals.added());
            t.put("updated", totals.updated());
            t.put("skipped", totals.skipped());
            t.put("failed", totals.failed());
            t.put("result_csv", file.reportName() + ".result.csv");
            t.put("failed_csv", file.reportName() + ".failed.csv");
        }
        report.put("updated_at", Instant.now().toString());
        Path dir = folders.reportDir(file.module(), file.operation());
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
        Files.write(tmp, Json.PRETTY.writeValueAsBytes(report));
        Files.move(tmp, dir.resolve(file.reportName() + ".report.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return; // a Records API file downloads nothing
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
