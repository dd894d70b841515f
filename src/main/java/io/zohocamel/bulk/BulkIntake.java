package io.zohocamel.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.CreditLedger;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.common.SafeText;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.LoggerFactory;
import io.zohocamel.common.Json;

/**
 * The steps of the bulk-inbox route for one dropped file: accept (where it is, its job.json, its
 * header), validate every row, then zip, upload and create the job of every chunk, then move it to
 * done/. A restart reads the file again and skips the chunks that already have a job.
 */
public class BulkIntake {

    public static final String SUBMISSION = "bulkSubmission";
    /** Exchange properties: the chunks that already have a job (a resumed file), and the file's chunk stream. */
    static final String CHUNKS_WITH_JOBS = "bulkChunksWithJobs";
    static final String STREAM = "bulkChunkStream";
    private static final Logger LOG = LoggerFactory.getLogger(BulkIntake.class);

    private final JobStore store;
    private final CsvChunker chunker;
    private final DroppedFileCheck check;
    private final BulkFolders folders;
    private final BulkReports reports;
    private final int parallelUploads;
    private final CreditCheck credits;
    private final WaitingFiles waitingFiles;
    private final long recordsApiMaxRows;
    /** When a file that stays in the inbox was last logged: once a minute per file. */
    private final Map<Path, Long> alerts = new ConcurrentHashMap<>();

    /**
     * @param parallelUploads chunks uploaded at once while the file is read (each holds its ZIP in memory)
     * @param credits         the credit ledger (its budget holds files back), or null
     * @param recordsApiMaxRows files of at most this many rows go through the Records API (job.json may say otherwise)
     */
    public BulkIntake(JobStore store, CsvChunker chunker, BulkFolders folders, BulkReports reports,
                      int parallelUploads, CreditLedger credits, WaitingFiles waitingFiles, long recordsApiMaxRows) {
        this.store = store;
        this.chunker = chunker;
        this.check = new DroppedFileCheck(folders, chunker);
        this.folders = folders;
        this.reports = reports;
        this.parallelUploads = parallelUploads;
        this.credits = new CreditCheck(credits, Clock.systemUTC());
        this.waitingFiles = waitingFiles;
        this.recordsApiMaxRows = recordsApiMaxRows;
    }

    /** What can be checked before the rows are read ({@link DroppedFileCheck}); the submission goes on the exchange. */
    public void accept(Exchange exchange) throws IOException {
        exchange.setProperty(SUBMISSION, check.accept(source(exchange)));
    }

    /**
     * Every row is validated (while the file's checksum is computed beside it), so a file with a bad row
     * anywhere never gets a job; the checksum refuses a re-drop of submitted content and finds a file an
     * earlier run left half-submitted, whose chunks with a job are skipped. Then the file is recorded.
     */
    public void record(Exchange exchange) throws IOException {
        BulkSubmission s = exchange.getProperty(SUBMISSION, BulkSubmission.class);
        long started = System.nanoTime();
        CompletableFuture<String> checksum = FileChecksum.sha256Async(s.source());
        ChunkPlan plan;
        try {
            plan = chunker.preflight(s.source(), s.spec());
        } finally {
            checksum.exceptionally(e -> null).join(); // not left running when the file is refused
        }
        LOG.info("{}: picked up, {} bytes, {} rows validated in {} ms; sending", SafeText.of(s.fileName()),
                String.format(Locale.ROOT, "%,d", Files.size(s.source())),
                String.format(Locale.ROOT, "%,d", plan.totalRows()), (System.nanoTime() - started) / 1_000_000);
        String sum = FileChecksum.await(checksum);
        BulkFile known = store.findBulkFile(sum, s.module(), s.operation()).orElse(null);
        if (known != null && !BulkFile.SUBMITTING.equals(known.status()) && !BulkFile.WAITING_FOR_CREDITS.equals(known.status())) {
            throw new BulkInputException("ALREADY_SUBMITTED", "the same content was already submitted as "
                    + known.fileName() + " (status " + known.status() + "); nothing was sent again");
        }
        Set<Integer> done = known == null ? Set.of() : chunksWithJobs(known);
        if (!done.isEmpty()) {
            LOG.info("{}: resuming, {} chunk(s) already have their job", SafeText.of(s.fileName()), done.size());
        }
        // a file resumed keeps the API it started with
        String api = known != null && known.specJson() != null ? storedApi(known.specJson()) : api(s.spec(), plan, s.operation());
        s = s.through(api);
        BulkFile file = known != null ? known : store.bulkFile(sum, s.module(), s.operation(), s.fileName(),
                s.source().toString(), reportName(s.module(), s.operation(), s.fileName(), sum), json(s.spec()),
                exchange.getClock().getCreated());
        BulkSubmission recorded = s.recorded(plan, file);
        exchange.setProperty(SUBMISSION, recorded);
        boolean records = recorded.spec().isRecordsApi();
        int parts = records ? (int) ((plan.totalRows() + RecordCalls.RECORDS_PER_CALL - 1) / RecordCalls.RECORDS_PER_CALL)
                : plan.chunkCount();
        try {
            if (records) {
                credits.checkRecords(plan.totalRows() - (long) store.recordBatchesRecorded(file.id()) * RecordCalls.RECORDS_PER_CALL,
                        RecordCalls.RECORDS_PER_CALL);
            } else {
                credits.check(plan.chunkCount() - done.size());
            }
        } catch (WaitingForCredits waiting) {
            store.updateBulkFile(file.id(), BulkFile.WAITING_FOR_CREDITS, plan.totalRows(), parts, null,
                    BulkFile.WAITING_FOR_CREDITS + ": " + waiting.getMessage());
            reports.write(file.id());
            throw waiting;
        }
        store.updateBulkFile(file.id(), BulkFile.SUBMITTING, plan.totalRows(), parts, null, null);
        reports.write(file.id());
        exchange.setProperty(CHUNKS_WITH_JOBS, done);
    }

    /**
     * The recorded file read again and cut into zipped chunks (those without a job yet), for the
     * route's split; at most bulk.parallel-uploads of them between being cut and being uploaded.
     */
    public ChunkStream chunks(Exchange exchange) {
        BulkSubmission s = exchange.getProperty(SUBMISSION, BulkSubmission.class);
        @SuppressWarnings("unchecked")
        Set<Integer> done = exchange.getProperty(CHUNKS_WITH_JOBS, Set.class);
        ChunkStream stream = new ChunkStream(chunker, s.source(), s.spec(), done::contains, parallelUploads,
                SafeText.fileName(s.fileName()));
        exchange.setProperty(STREAM, stream);
        return stream;
    }

    private Set<Integer> chunksWithJobs(BulkFile file) {
        // a chunk whose job creation went unanswered has ended too: never created again
        return store.jobsOfFile(file.id()).stream().filter(job -> job.zohoJobId() != null || job.isFinished())
                .map(TrackedJob::chunkIndex)
                .collect(Collectors.toSet());
    }

    /** Every chunk has its job: the file goes to done/ and the poller takes over. */
    public void submitted(Exchange exchange) throws IOException {
        BulkSubmission s = exchange.getProperty(SUBMISSION, BulkSubmission.class);
        alerts.remove(s.source());
        Path moved = folders.moveInto(s.source(), folders.done(), s.module(), s.operation());
        store.updateBulkFile(s.file().id(), BulkFile.SUBMITTED, null, null, moved.toString(), null);
        reports.write(s.file().id());
        LOG.info("{}: submitted {} rows {}; moved to {}", SafeText.of(s.fileName()),
                String.format(Locale.ROOT, "%,d", s.plan().totalRows()), s.spec().isRecordsApi()
                        ? "through the Records API, every call answered" : "as " + s.plan().chunkCount() + " bulk-write job(s)",
                moved);
    }

    /**
     * Which API takes the file: job.json's "api" when it says, else the Records API for a file of at most
     * bulk.records-api-max-rows rows whose columns it can carry (cheaper and answered at once), else a bulk-write job.
     */
    private String api(BulkJobSpec spec, ChunkPlan plan, String operation) {
        Optional<String> unsupported = RecordFields.unsupported(plan.mappings(), spec, operation);
        if (BulkJobSpec.RECORDS_API.equals(spec.api()) && unsupported.isPresent()) {
            throw new BulkInputException(BulkInputException.INVALID_JOB_JSON,
                    "job.json \"api\": \"records\" cannot take this file: " + unsupported.get());
        }
        if (spec.api() != null) {
            return spec.api();
        }
        return plan.totalRows() <= recordsApiMaxRows && unsupported.isEmpty() ? BulkJobSpec.RECORDS_API : BulkJobSpec.BULK_API;
    }

    private static String storedApi(String specJson) {
        String api = BulkJobSpec.stored(specJson).api();
        return api == null ? BulkJobSpec.BULK_API : api; // recorded before the Records API was offered
    }

    /**
     * The file cannot be submitted: it moves to error/ with an .error.json that says why and what to do.
     * A file reached through a folder that links out of the inbox is not ours: it stays where it is,
     * untouched, and only its .error.json goes to error/.
     */
    public void rejected(Exchange exchange) {
        Path source = source(exchange);
        try {
            reject(exchange, source);
        } catch (IOException | RuntimeException e) {
            takeAgain(exchange, source, "could not be refused: " + FailureText.of(e) + ". It is taken again at the next scan");
        }
    }

    private void reject(Exchange exchange, Path source) throws IOException {
        Throwable cause = BulkError.causeOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        BulkSubmission s = exchange.getProperty(SUBMISSION, BulkSubmission.class);
        String module = folders.inboxFolder(source, 0);
        String operation = folders.inboxFolder(source, 1);
        int sent = s == null || s.file() == null ? 0 : s.spec().isRecordsApi()
                ? (int) store.recordBatchesAnswered(s.file().id()) : chunksWithJobs(s.file()).size();
        BulkError error = BulkError.of(cause, s, sent);
        String name = SafeText.fileName(source.getFileName().toString());
        boolean ours = folders.inInbox(source);
        Path moved;
        if (!ours) {
            moved = folders.folder(folders.error(), module, operation).resolve(name);
        } else if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            moved = folders.moveInto(source, folders.error(), module, operation, name);
        } else {
            moved = source;
        }
        error.writeBeside(moved);
        alerts.remove(source);
        if (s != null && s.file() != null) {
            store.bulkFileRejected(s.file().id(), moved.toString(), error.code(), error.code() + ": " + error.message());
            reports.write(s.file().id());
        } else {
            listRejected(exchange, module, operation, name, moved, error);
        }
        LOG.warn("{} rejected: {}: {} ({} {})", SafeText.of(source.getFileName()), error.code(),
                SafeText.of(error.message(), SafeText.MESSAGE_CHARS), ours ? "moved to" : "left where it is; the error is in",
                SafeText.of(ours ? moved : moved.getParent()));
    }

    /**
     * A file refused before it was recorded is listed on /jobs with its code too. The file has already moved
     * to error/ with its error file, so a job store that cannot take the row only costs the listing: logged.
     */
    private void listRejected(Exchange exchange, String module, String operation, String name, Path moved, BulkError error) {
        try {
            store.rejectedBulkFile(module, operation, name, moved.toString(), error.code(),
                    error.code() + ": " + error.message(), exchange.getClock().getCreated());
        } catch (RuntimeException e) {
            LOG.warn("{}: refused, but not listed on /jobs: {}", SafeText.of(name), FailureText.of(e));
        }
    }

    /**
     * The file's jobs do not fit the credit budget: it stays in the inbox, nothing sent, and is read again
     * once they fit ({@link WaitingFiles}); logged once a minute per file at most.
     */
    public void waitForCredits(Exchange exchange) {
        WaitingForCredits waiting = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WaitingForCredits.class);
        Path source = source(exchange);
        waitingFiles.waitFor(source.toFile(), waiting.fitsAt());
        takeAgain(exchange, source, "waits in the inbox for API credits, nothing was sent: " + waiting.getMessage(), Level.WARN);
    }

    /**
     * A folder the file would go to cannot be written: the file stays in the inbox, untouched, and is
     * taken again at a later scan (the check is cheap); the error is logged once a minute per file.
     */
    public void folderNotWritable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        takeAgain(exchange, source(exchange), "stays in the inbox, nothing was sent: " + cause.getMessage()
                + ". It is taken again once the folder is fixed.");
    }

    /**
     * Anything else that went wrong (the job store unreachable, a Zoho outage that outlasted its retries,
     * a bug): the file stays in the inbox and is taken again at the next scan, where it resumes; the
     * reason is logged once a minute per file. Without this step the failed exchange would make the file
     * consumer roll back and take the file again at every scan, with no reason in the log.
     */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        takeAgain(exchange, source(exchange), "stays in the inbox: " + FailureText.of(cause) + ". It is taken again at the next scan");
    }

    private void takeAgain(Exchange exchange, Path source, String what) {
        takeAgain(exchange, source, what, Level.ERROR);
    }

    /** Logs "{@code <name> <what>}" (once a minute per file) and forgets the file, so the next scan takes it again. */
    private void takeAgain(Exchange exchange, Path source, String what, Level level) {
        long now = System.currentTimeMillis();
        Long last = alerts.get(source);
        if (last == null || now - last >= 60_000) {
            alerts.put(source, now);
            LOG.atLevel(level).log("{} {}", SafeText.of(source.getFileName()), SafeText.of(what, SafeText.MESSAGE_CHARS));
        }
        if (exchange.getFromEndpoint() instanceof GenericFileEndpoint<?> endpoint && endpoint.getIdempotentRepository() != null
                && endpoint.getIdempotentKey() != null) {
            // forget the file so that the next scan takes it again (a failed exchange would do so too, with a warning per scan)
            endpoint.getIdempotentRepository().remove(endpoint.getIdempotentKey().evaluate(exchange, String.class));
        }
    }

    private String reportName(String module, String operation, String fileName, String checksum) {
        String base = BulkFolders.baseName(fileName);
        return store.reportNameTaken(module, operation, base) ? base + "-" + checksum.substring(0, 8) : base;
    }

    private static Path source(Exchange exchange) {
        return Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath().normalize();
    }

    private static String json(BulkJobSpec spec) {
        try {
            return Json.MAPPER.writeValueAsString(spec);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
