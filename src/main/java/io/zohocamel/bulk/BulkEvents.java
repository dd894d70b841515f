package io.zohocamel.bulk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.common.Json;
import io.zohocamel.common.SafeText;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The message published on bulk.events-queue when a dropped file ends, one per file:
 * {@code {"event":"file_ended","event_id":…,"file":…,"module":…,"operation":…,"status":…, …,"at":…}} with
 * status COMPLETED or FAILED (a Zoho job of the file failed) and the totals and result files, or ERROR with
 * the code and message of the file's .error.json. Each carries Artemis' duplicate id ({@value #DUPLICATE_ID},
 * also the event_id): an end published again (a crash after the send, before the file's state changed) is
 * dropped by the broker, so a consumer sees it once.
 */
public class BulkEvents {

    /** Artemis' duplicate-detection property: a second message with the same value on the queue is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    static final String FILE_ENDED = "file_ended";
    static final String FILE_WAITING = "file_waiting";

    private final JobStore store;
    private final BulkFolders folders;
    private final Path dataDir;

    public BulkEvents(JobStore store, BulkFolders folders, Path dataDir) {
        this.store = store;
        this.folders = folders;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * bulk-inbox route, before the refused file moves to error/: its ERROR event, with the code and message
     * its .error.json will have. The event id is the file's identity in the inbox (path, size, modification
     * time): the same refusal taken again after a crash or a broker outage is the same event.
     */
    public void refused(Exchange exchange) {
        Message msg = exchange.getMessage();
        Path source = source(msg);
        BulkSubmission s = exchange.getProperty(BulkIntake.SUBMISSION, BulkSubmission.class);
        Throwable cause = BulkError.causeOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        int jobs = s == null || s.file() == null ? 0
                : (int) store.jobsOfFile(s.file().id()).stream().filter(j -> j.zohoJobId() != null).count();
        BulkError error = BulkError.of(cause, s, jobs);
        String module = s != null ? s.module() : folders.inboxFolder(source, 0);
        String operation = s != null ? s.operation() : folders.inboxFolder(source, 1);
        String id = inboxId("bulk-write-error-", msg);
        ObjectNode event = event(id, SafeText.fileName(source.getFileName().toString()), module, operation, "ERROR");
        event.put("code", error.code());
        event.put("message", error.message());
        if (error.chunk() != null) {
            event.put("chunk", error.chunk());
        }
        if (error.row() != null) {
            event.put("row", error.row());
        }
        if (s != null && s.plan() != null) {
            event.put("rows", s.plan().totalRows());
        }
        if (jobs > 0) {
            event.put("chunks_already_submitted", jobs);
        }
        publish(msg, id, event);
    }

    /**
     * bulk-inbox route, when a file's jobs do not fit zoho.daily-credit-budget: its WAITING_FOR_CREDITS event
     * (it stays in the inbox). Its id is the file's identity in the inbox, as for a refusal: the same file
     * found waiting again at a later check is the same event.
     */
    public void waiting(Exchange exchange) {
        Message msg = exchange.getMessage();
        Path source = source(msg);
        BulkSubmission s = exchange.getProperty(BulkIntake.SUBMISSION, BulkSubmission.class);
        WaitingForCredits waiting = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WaitingForCredits.class);
        String id = inboxId("bulk-write-waiting-", msg);
        ObjectNode event = event(id, SafeText.fileName(source.getFileName().toString()), s.module(), s.operation(),
                BulkFile.WAITING_FOR_CREDITS);
        event.put("event", FILE_WAITING);
        event.put("credits", waiting.credits());
        event.put("fits_at", waiting.fitsAt() == null ? null : waiting.fitsAt().toString());
        event.put("message", waiting.getMessage());
        if (s.plan() != null) {
            event.put("rows", s.plan().totalRows());
        }
        publish(msg, id, event);
    }

    /**
     * bulk-results route, once result.csv and failed.csv are written ({@link BulkReports#merge}): the file's
     * COMPLETED event with its totals, or FAILED when a Zoho job of it did not complete (its rows are in
     * failed.csv). Paths are relative to data.dir.
     */
    public void ended(Exchange exchange) {
        BulkFile file = exchange.getProperty(BulkReports.FILE, BulkFile.class);
        MergeTotals totals = exchange.getProperty(BulkReports.TOTALS, MergeTotals.class);
        List<TrackedJob> jobs = store.jobsOfFile(file.id());
        long failedJobs = jobs.stream().filter(j -> !JobState.COMPLETED.equals(j.status())).count();
        String id = "bulk-write-ended-" + file.id() + "-" + file.checksum();
        ObjectNode event = event(id, file.fileName(), file.module(), file.operation(),
                failedJobs > 0 ? JobState.FAILED : BulkFile.COMPLETED);
        event.put("rows", totals.total());
        event.put("added", totals.added());
        event.put("updated", totals.updated());
        event.put("skipped", totals.skipped());
        event.put("failed", totals.failed());
        event.put("jobs", jobs.size());
        event.put("jobs_failed", failedJobs);
        Path dir = folders.reportDir(file.module(), file.operation());
        event.put("result_csv", relative(dir.resolve(file.reportName() + ".result.csv")));
        event.put("failed_csv", relative(dir.resolve(file.reportName() + ".failed.csv")));
        event.put("report", relative(dir.resolve(file.reportName() + ".report.json")));
        publish(exchange.getMessage(), id, event);
    }

    private static ObjectNode event(String id, String file, String module, String operation, String status) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("event", FILE_ENDED);
        event.put("event_id", id);
        event.put("file", file);
        event.put("module", module);
        event.put("operation", operation);
        event.put("status", status);
        return event;
    }

    private static void publish(Message msg, String id, ObjectNode event) {
        event.put("at", Instant.now().toString());
        try {
            msg.setBody(Json.MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        msg.setHeader("Content-Type", "application/json");
        msg.setHeader(DUPLICATE_ID, id);
    }

    /** A path under data.dir as it is seen from there ({@code reports/Leads/insert/leads.result.csv}); else whole. */
    private String relative(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return (p.startsWith(dataDir) ? dataDir.relativize(p) : p).toString().replace('\\', '/');
    }

    private static Path source(Message msg) {
        return Path.of(msg.getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath().normalize();
    }

    /** The id of an event about a file as it lies in the inbox: its path, size and modification time. */
    private static String inboxId(String prefix, Message msg) {
        return prefix + sha256(source(msg) + "|" + msg.getHeader(Exchange.FILE_LENGTH) + "|"
                + msg.getHeader(Exchange.FILE_LAST_MODIFIED));
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
