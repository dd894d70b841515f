package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Bulk-write jobs: POST /crm/bulk/{v}/write creates one (see {@link SandboxBulkJobValidator}), GET
 * /crm/bulk/{v}/write/{id} tells its state. States follow the clock: ADDED while queued (one jobStep unless
 * {@link #setQueue} says otherwise), IN PROGRESS for one jobStep with the rows gone through so far in the file's
 * counts (as Zoho reports a running job; {@link #setRunningCounts} off leaves them out, as Zoho may), then
 * COMPLETED; the rows are applied to the record store exactly once, when the job is due and the sandbox first
 * applies due jobs (or its completion timer fires), and then its callback is sent. Past maxJobs finished jobs
 * the oldest is forgotten with its result file (its id answers RESOURCE_NOT_FOUND, as a job past Zoho's retention).
 */
final class SandboxBulkJobs {

    private final SandboxClock clock;
    private final SandboxBulkJobValidator validator;
    private final SandboxBulkJobRunner runner;
    private final SandboxCallbacks callbacks;
    private final Supplier<String> baseUrl;
    private final Consumer<Instant> completionTimer;
    private final SandboxStorage storage;
    private final int maxJobs;
    private final Map<String, SandboxBulkJob> jobs = new LinkedHashMap<>();
    private volatile Duration step;
    /** null: one step. */
    private volatile Duration queue;
    private volatile boolean runningCounts = true;
    private volatile String inProgressSpelling = "IN PROGRESS";

    /** completionTimer: applies due jobs at the given time, so a job calls back even if nobody polls. */
    SandboxBulkJobs(SandboxClock clock, SandboxBulkJobValidator validator, SandboxBulkJobRunner runner,
                    SandboxCallbacks callbacks, Supplier<String> baseUrl, Consumer<Instant> completionTimer,
                    Duration step, SandboxStorage storage, int maxJobs) {
        this.clock = clock;
        this.validator = validator;
        this.runner = runner;
        this.callbacks = callbacks;
        this.baseUrl = baseUrl;
        this.completionTimer = completionTimer;
        this.step = step;
        this.storage = storage;
        this.maxJobs = maxJobs;
    }

    void setStep(Duration value) {
        step = value;
    }

    /** How long jobs created from now on wait ADDED before they run; null = one step. */
    void setQueue(Duration value) {
        queue = value;
    }

    /** Whether an unfinished job's answer carries the file's counts so far (Zoho documents them only once done). */
    void setRunningCounts(boolean value) {
        runningCounts = value;
    }

    void setInProgressSpelling(String value) {
        inProgressSpelling = value;
    }

    SandboxResponse create(SandboxRequest request) {
        return create(null, SandboxJson.parse(request.body()));
    }

    /** forcedId: the id the job gets, null = a fresh one. */
    SandboxResponse create(String forcedId, JsonNode body) {
        Duration s = step;
        SandboxBulkJobValidator.Outcome read = validator.read(forcedId, body, s, queue == null ? s : queue);
        if (read.refusal() != null) {
            return read.refusal();
        }
        SandboxBulkJob job = read.job();
        if (!job.file.hold()) { // forgotten since the validator found it
            return SandboxErrors.bulkError(400, "FILE_NOT_SUPPORTED", "File not supported for bulk write", null);
        }
        synchronized (this) {
            SandboxBulkJob earlier = jobs.put(job.id, job);
            if (earlier != null) {
                forgotten(earlier);
            }
        }
        completionTimer.accept(job.completesAt());
        ObjectNode answer = SandboxJson.object("status", "success", "code", "SUCCESS", "message", "success",
                "details", SandboxJson.object("id", job.id, "created_by", SandboxBulkJob.CREATED_BY));
        return SandboxResponse.json(201, answer);
    }

    synchronized SandboxBulkJob job(String jobId) {
        return jobs.get(jobId);
    }

    synchronized boolean forget(String jobId) {
        SandboxBulkJob job = jobs.remove(jobId);
        if (job != null) {
            forgotten(job);
        }
        return job != null;
    }

    /** Unfinished jobs are kept whatever their number: the runtime polls them. */
    private void forgetOldestFinished() {
        long finished = jobs.values().stream().filter(j -> j.result != null).count();
        Iterator<SandboxBulkJob> oldest = jobs.values().iterator();
        while (finished > maxJobs && oldest.hasNext()) {
            SandboxBulkJob job = oldest.next();
            if (job.result != null) {
                oldest.remove();
                forgotten(job);
                finished--;
            }
        }
    }

    private static void forgotten(SandboxBulkJob job) {
        if (job.result != null) {
            SandboxStorage.delete(job.result.file());
        } else {
            job.file.release();
        }
    }

    /**
     * COMPLETED only once the job has been applied (tick): a job whose completion time passed between a
     * call's tick and this answer still says in progress, never COMPLETED with zero counts.
     */
    String status(SandboxBulkJob job, Instant now) {
        if (job.result != null) {
            return "COMPLETED";
        }
        return now.isBefore(job.runsAt()) ? "ADDED" : inProgressSpelling;
    }

    SandboxResponse details(String jobId) {
        SandboxBulkJob job = job(jobId);
        if (job == null) {
            return SandboxErrors.resourceNotFound();
        }
        Instant now = clock.now();
        String status = status(job, now);
        Integer processed = job.result != null || runningCounts ? job.processedAt(now) : null;
        return SandboxResponse.json(200, SandboxBulkJobDetails.of(job, status, processed,
                () -> SandboxResultDownload.url(baseUrl.get(), job.id)));
    }

    /**
     * Applies every job whose completion time has passed, oldest completion first, so the record store changes
     * at a well-defined moment regardless of who looks first; then sends their callbacks.
     */
    void tick() {
        List<SandboxBulkJob> done = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.now();
            jobs.values().stream().filter(j -> j.result == null && !now.isBefore(j.completesAt()))
                    .sorted(Comparator.comparing(SandboxBulkJob::completesAt)).forEach(j -> {
                        j.result = runner.run(j, storage.newFile("results"));
                        j.file.release();
                        done.add(j);
                    });
            if (!done.isEmpty()) {
                forgetOldestFinished();
            }
        }
        for (SandboxBulkJob job : done) {
            if (job.callback != null && SandboxJson.text(job.callback.get("url")) != null) {
                callbacks.send(job.id, job.callback.get("url").asText(), SandboxJson.object(
                        "job_id", job.id, "status", "COMPLETED", "operation", job.operation, "module", job.module));
            }
        }
    }
}
