package io.zohocamel.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.zoho.ZohoRejectedException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the bulk-inbox route for one dropped file: accept (where it is, its job.json, a
 * validating first pass, its job-store record), submit its chunks one by one through the
 * bulk-chunk route, then move it to done/. A restart resumes after the last chunk with a job.
 */
public class BulkIntake {

    public static final String SUBMISSION = "bulkSubmission";
    private static final Logger LOG = LoggerFactory.getLogger(BulkIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobStore store;
    private final CsvChunker chunker;
    private final BulkFolders folders;
    private final BulkReports reports;
    private final ProducerTemplate template;

    public BulkIntake(JobStore store, CsvChunker chunker, BulkFolders folders, BulkReports reports,
                      ProducerTemplate template) {
        this.store = store;
        this.chunker = chunker;
        this.folders = folders;
        this.reports = reports;
        this.template = template;
    }

    /** Validates everything that can be checked before a call to Zoho, and records the file. */
    public void accept(Exchange exchange) throws IOException {
        Path source = source(exchange);
        Path relative = folders.inbox().relativize(source);
        if (relative.getNameCount() != 3) {
            throw new BulkInputException("UNEXPECTED_LOCATION", "files go to inbox/<Module>/<operation>/<name>.csv; "
                    + "this one is at inbox/" + relative);
        }
        String module = relative.getName(0).toString();
        String operation = relative.getName(1).toString().toLowerCase(Locale.ROOT);
        if (!BulkJobSpec.OPERATIONS.contains(operation)) {
            throw new BulkInputException(BulkInputException.UNKNOWN_OPERATION, "the folder '" + relative.getName(1)
                    + "' is not an operation: use insert, update or upsert");
        }
        if (!module.matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
            throw new BulkInputException("INVALID_MODULE", "the folder '" + module + "' is not a Zoho module API name");
        }
        if (!source.toRealPath().startsWith(folders.inbox().toRealPath())) {
            throw new BulkInputException("OUTSIDE_INBOX", "the file links to a place outside the inbox; copy the file in instead");
        }
        BulkJobSpec spec = BulkJobSpec.load(source.resolveSibling("job.json")).validateFor(operation);
        ChunkPlan plan = chunker.preflight(source, spec);
        if ("update".equals(operation) || "upsert".equals(operation)) {
            plan.mappings().requireFindBy(spec);
        }
        String checksum = FileChecksum.sha256(source);
        String name = source.getFileName().toString();
        BulkFile file = store.findBulkFile(checksum, module, operation).orElseGet(() -> store.bulkFile(checksum,
                module, operation, name, source.toString(), reportName(module, operation, name, checksum), json(spec)));
        if (!BulkFile.SUBMITTING.equals(file.status())) {
            throw new BulkInputException("ALREADY_SUBMITTED", "the same content was already submitted as "
                    + file.fileName() + " (status " + file.status() + "); nothing was sent again");
        }
        exchange.setProperty(SUBMISSION, new BulkSubmission(source, module, operation, spec, plan, file));
    }

    /** Streams the file's chunks into the bulk-chunk route, skipping those whose job already exists. */
    public void submitChunks(Exchange exchange) throws IOException {
        BulkSubmission s = exchange.getProperty(SUBMISSION, BulkSubmission.class);
        List<TrackedJob> jobs = store.jobsOfFile(s.file().id());
        int skip = 0;
        while (skip < jobs.size() && jobs.get(skip).chunkIndex() == skip && jobs.get(skip).zohoJobId() != null) {
            skip++;
        }
        if (skip > 0) {
            LOG.info("{}: resuming, {} of {} chunks already have their job", s.fileName(), skip, s.plan().chunkCount());
        }
        store.updateBulkFile(s.file().id(), BulkFile.SUBMITTING, s.plan().totalRows(), s.plan().chunkCount(), null, null);
        reports.write(s.file().id());
        chunker.read(s.source(), s.spec(), chunk -> {
            Exchange sent = template.send("direct:bulk-chunk", e -> e.getMessage().setBody(new ChunkWork(s, chunk)));
            Exception failure = sent.getException();
            if (failure instanceof ZohoRejectedException rejected) {
                throw new ChunkFailure(chunk.index(), rejected);
            } else if (failure instanceof RuntimeException runtime) {
                throw runtime;
            } else if (failure != null) {
                throw new IOException(failure);
            }
        }, skip);
    }

    /** Every chunk has its job: the file goes to done/ and the poller takes over. */
    public void submitted(Exchange exchange) throws IOException {
        BulkSubmission s = exchange.getProperty(SUBMISSION, BulkSubmission.class);
        Path moved = folders.moveInto(s.source(), folders.done(), s.module(), s.operation());
        store.updateBulkFile(s.file().id(), BulkFile.SUBMITTED, null, null, moved.toString(), null);
        reports.write(s.file().id());
        LOG.info("{}: submitted {} rows as {} bulk-write job(s); moved to {}", s.fileName(),
                String.format(Locale.ROOT, "%,d", s.plan().totalRows()), s.plan().chunkCount(), moved);
    }

    /** The file cannot be submitted: it moves to error/ with an .error.json that says why and what to do. */
    public void rejected(Exchange exchange) throws IOException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Path source = source(exchange);
        BulkSubmission s = exchange.getProperty(SUBMISSION, BulkSubmission.class);
        Path relative = folders.inbox().relativize(source);
        String module = relative.getNameCount() == 3 ? relative.getName(0).toString() : null;
        String operation = relative.getNameCount() == 3 ? relative.getName(1).toString() : null;
        BulkError error = BulkError.of(cause, s);
        Path moved = Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? folders.moveInto(source, folders.error(), safe(module), safe(operation)) : source;
        error.writeBeside(moved);
        if (s != null) {
            store.updateBulkFile(s.file().id(), BulkFile.ERROR, null, null, moved.toString(), error.code() + ": " + error.message());
            reports.write(s.file().id());
        }
        LOG.warn("{} rejected: {}: {} (moved to {})", source.getFileName(), error.code(), error.message(), moved);
    }

    private static String safe(String segment) {
        return segment != null && segment.matches("[A-Za-z0-9_]{1,100}") ? segment : null;
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
            return JSON.writeValueAsString(spec);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
