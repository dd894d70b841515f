package io.zohocamel.jobs;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * JDBC access to the job store. Every state change is written here as it happens, so a restart at
 * any moment resumes from what is recorded. Claims are leases with an expiry: nothing else polls a
 * claimed job until it is released or the lease runs out, so several instances share the polling and
 * a dead instance's jobs are taken over ({@link JobClaims}).
 *
 * <p>The one entry point other packages use; each table's SQL is in its own class ({@link BulkFileRows},
 * {@link ZohoJobRows}, {@link JobClaims}, {@link MassUpdateRows}) over shared plumbing ({@link JobStoreJdbc}).
 */
public class JobStore {

    private final JobStoreJdbc jdbc;
    private final BulkFileRows files;
    private final ZohoJobRows jobs;
    private final JobClaims claims;
    private final MassUpdateRows massUpdates;
    private final RecordBatchRows recordBatches;

    public JobStore(DataSource dataSource, Clock clock) {
        this.jdbc = new JobStoreJdbc(dataSource, clock);
        this.files = new BulkFileRows(jdbc);
        this.jobs = new ZohoJobRows(jdbc);
        this.claims = new JobClaims(jdbc);
        this.massUpdates = new MassUpdateRows(jdbc);
        this.recordBatches = new RecordBatchRows(jdbc);
    }

    public DataSource dataSource() {
        return jdbc.dataSource();
    }

    public long now() {
        return jdbc.now();
    }

    /** Whether the store is PostgreSQL (claims use FOR UPDATE SKIP LOCKED there; H2 uses conditional updates). */
    public boolean isPostgres() {
        return jdbc.isPostgres();
    }

    /** Probe for health: one round trip to the database. */
    public boolean isReachable() {
        return jdbc.isReachable();
    }

    // ------------------------------------------------------------------ bulk files

    /** The file's record, created on first sight; the same content dropped again (any name) finds the same record. */
    public BulkFile bulkFile(String checksum, String module, String operation, String fileName, String location,
                             String reportName, String specJson) {
        return bulkFile(checksum, module, operation, fileName, location, reportName, specJson, now());
    }

    /** As {@link #bulkFile(String, String, String, String, String, String, String)}, arrived at {@code arrivedAt} (epoch ms). */
    public BulkFile bulkFile(String checksum, String module, String operation, String fileName, String location,
                             String reportName, String specJson, long arrivedAt) {
        return files.findOrCreate(checksum, module, operation, fileName, location, reportName, specJson, arrivedAt);
    }

    /**
     * A file refused while it was checked, before it was recorded: listed with its code (module and operation
     * null when it was not where files go). {@code location} is where it (or only its error file) is now.
     */
    public BulkFile rejectedBulkFile(String module, String operation, String fileName, String location, String code,
                                     String message, long arrivedAt) {
        return files.rejected(module, operation, fileName, location, code, message, arrivedAt);
    }

    /** A recorded file that cannot be submitted: ERROR with its code; {@code location} is where it is now. */
    public void bulkFileRejected(long id, String location, String code, String message) {
        files.markRejected(id, location, code, message);
    }

    public Optional<BulkFile> findBulkFile(String checksum, String module, String operation) {
        return files.find(checksum, module, operation);
    }

    public Optional<BulkFile> bulkFile(long id) {
        return files.byId(id);
    }

    /** Whether another file already reports under this name in that folder. */
    public boolean reportNameTaken(String module, String operation, String reportName) {
        return files.reportNameTaken(module, operation, reportName);
    }

    /** Submitted files whose every job has finished: their results can be merged. */
    public List<BulkFile> filesReadyForResults() {
        return files.readyForResults();
    }

    /** A refused file's result files are written (it stays ERROR): it is not merged again. */
    public void bulkFileResultsWritten(long id) {
        files.resultsWritten(id);
    }

    public List<BulkFile> recentBulkFiles(int limit) {
        return files.page(0, limit);
    }

    /** Every file ever dropped, newest arrival first: {@code limit} of them from {@code offset}. */
    public List<BulkFile> bulkFilesPage(int offset, int limit) {
        return files.page(offset, limit);
    }

    public void updateBulkFile(long id, String status, Long rowsTotal, Integer chunksTotal, String location, String message) {
        files.update(id, status, rowsTotal, chunksTotal, location, message);
    }

    // ------------------------------------------------------------------ jobs

    // ------------------------------------------------------------------ records API calls of small files

    /** An insert's call is about to leave: after a crash its rows are of unknown outcome, never sent again. */
    public void recordBatchSent(long bulkFileId, int index, long firstRow, int rowCount) {
        recordBatches.sent(bulkFileId, index, firstRow, rowCount);
    }

    /** Zoho answered the call: each row's {STATUS, RECORD_ID, ERRORS}, in order. */
    public void recordBatchDone(long bulkFileId, int index, long firstRow, int rowCount, List<String[]> outcomes) {
        recordBatches.done(bulkFileId, index, firstRow, rowCount, outcomes);
    }

    /** The call was refused for now (nothing applied): it is made again at a later scan. */
    public void recordBatchNotSent(long bulkFileId, int index) {
        recordBatches.forget(bulkFileId, index);
    }

    /** The file's Records API calls recorded (sent or answered), without their rows. */
    public long recordBatchesRecorded(long bulkFileId) {
        return recordBatches.counts(bulkFileId)[0];
    }

    /** The file's Records API calls answered, without their rows. */
    public long recordBatchesAnswered(long bulkFileId) {
        return recordBatches.counts(bulkFileId)[1];
    }

    public List<RecordBatch> recordBatches(long bulkFileId) {
        return recordBatches.ofFile(bulkFileId);
    }

    public List<TrackedJob> jobsOfFile(long bulkFileId) {
        return jobs.ofFile(bulkFileId);
    }

    public Optional<TrackedJob> job(long id) {
        return jobs.byId(id);
    }

    public Optional<TrackedJob> jobByZohoId(String zohoJobId) {
        return jobs.byZohoId(zohoJobId);
    }

    public List<TrackedJob> recentJobs(int limit) {
        return jobs.recent(limit);
    }

    public Optional<TrackedJob> chunkJob(long bulkFileId, int chunkIndex) {
        return jobs.ofChunk(bulkFileId, chunkIndex);
    }

    /**
     * The chunk's bulk-write job exists at Zoho: recorded the moment Zoho answered, and from now on
     * the poller follows it. One row per (file, chunk).
     */
    public void chunkJobCreated(long bulkFileId, String module, int chunkIndex, long firstRow, int rowCount,
                                String uploadFileId, String zohoJobId, long firstPollAt, long intervalMs) {
        jobs.chunkJobCreated(bulkFileId, module, chunkIndex, firstRow, rowCount, uploadFileId, zohoJobId, firstPollAt,
                intervalMs);
    }

    /**
     * An insert's chunk whose job creation got no answer saying whether Zoho made the job: ended, with no job to
     * follow and never created again; the merge reports its rows with {@code message}.
     */
    public void chunkJobOutcomeUnknown(long bulkFileId, String module, int chunkIndex, long firstRow, int rowCount,
                                       String uploadFileId, String message) {
        jobs.chunkJobOutcomeUnknown(bulkFileId, module, chunkIndex, firstRow, rowCount, uploadFileId, message);
    }

    /** A scheduled (cvid) mass update: followed by the poller like a bulk job. */
    public TrackedJob massUpdateJob(String module, String requestId, String zohoJobId, long firstPollAt, long intervalMs) {
        return jobs.massUpdateJob(module, requestId, zohoJobId, firstPollAt, intervalMs);
    }

    /**
     * Claims up to {@code limit} due jobs for {@code owner}, oldest due first. A claim is a lease:
     * nothing else polls the job until it is released or the lease runs out.
     */
    public List<TrackedJob> claimDue(String owner, int limit, long leaseMs) {
        return claims.claimDue(owner, limit, leaseMs);
    }

    /** Drops the claims an owner holds (its previous run died holding them). */
    public int releaseClaims(String owner) {
        return claims.releaseAll(owner);
    }

    /** What a poll learnt; releases the claim. A terminal state is final: it is never overwritten. */
    public void recordPoll(long id, String status, String zohoStatus, JobCounts counts, String downloadUrl,
                           String message, Long nextPollAt, long intervalMs) {
        claims.recordPoll(id, status, zohoStatus, counts, downloadUrl, message, nextPollAt, intervalMs);
    }

    /** Gives the job back without news (a transient failure): polled again at {@code nextPollAt}. */
    public void release(long id, long nextPollAt, long intervalMs, String message) {
        claims.release(id, nextPollAt, intervalMs, message);
    }

    /** Zoho's callback: the job is due now. Returns how many jobs matched. */
    public int makeDue(String zohoJobId) {
        return jobs.makeDue(zohoJobId);
    }

    /** A callback that names no known job: every unfinished bulk-write job is due now. */
    public int makeAllDue() {
        return jobs.makeAllDue();
    }

    /** Resumes parked jobs (after an operator fixed credentials or scopes). */
    public int unpark() {
        return jobs.unpark();
    }

    /** How many jobs are in each state, for the jobs-by-status metric. */
    public Map<String, Long> countsByStatus() {
        return jobs.countsByStatus();
    }

    // ------------------------------------------------------------------ mass-update requests

    public Optional<MassUpdateRecord> massUpdateRequest(String requestId) {
        return massUpdates.find(requestId);
    }

    /** Records a request as in flight; false when the request id is already known. */
    public boolean startMassUpdate(String requestId, String module, String kind) {
        return massUpdates.start(requestId, module, kind);
    }

    /**
     * Records where a request ended ({@code COMPLETED} with its result, or {@code DEAD_LETTERED}) in one
     * statement: an ids request has no record while its calls run, so this is usually its first and only write.
     */
    public void finishMassUpdate(String requestId, String module, String kind, String status, String result) {
        finishMassUpdate(requestId, module, kind, status, result, now());
    }

    /** As {@link #finishMassUpdate(String, String, String, String, String)}, the request arrived at {@code arrivedAt}. */
    public void finishMassUpdate(String requestId, String module, String kind, String status, String result, long arrivedAt) {
        massUpdates.finish(requestId, module, kind, status, result, arrivedAt);
    }

    /**
     * A request dead-lettered with {@code code}: by the runtime before any call (module and kind may be
     * unknown) or by Zoho. A request id that already completed keeps its completed record.
     */
    public void massUpdateDeadLettered(String requestId, String module, String kind, String code, String message,
                                       long arrivedAt) {
        massUpdates.deadLettered(requestId, module, kind, code, message, arrivedAt);
    }

    public void updateMassUpdate(String requestId, String status, String zohoJobId, String result) {
        massUpdates.update(requestId, status, zohoJobId, result);
    }

    public List<MassUpdateRecord> recentMassUpdates(int limit) {
        return massUpdates.page(0, limit);
    }

    /** Every mass-update request, newest arrival first: {@code limit} of them from {@code offset}. */
    public List<MassUpdateRecord> massUpdatesPage(int offset, int limit) {
        return massUpdates.page(offset, limit);
    }
}
