package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Bulk-write jobs: POST /crm/bulk/{v}/write creates one (see {@link SandboxBulkJobValidator}), GET
 * /crm/bulk/{v}/write/{id} tells its state. States follow the clock, one jobStep each: ADDED → IN PROGRESS →
 * COMPLETED; the rows are applied to the record store exactly once, when the job is due and the sandbox first
 * applies due jobs (or its completion timer fires), and then its callback is sent.
 */
final class SandboxBulkJobs {

    private final SandboxClock clock;
    private final SandboxBulkJobValidator validator;
    private final SandboxBulkJobRunner runner;
    private final SandboxCallbacks callbacks;
    private final Supplier<String> baseUrl;
    private final Consumer<Instant> completionTimer;
    private final Map<String, SandboxBulkJob> jobs = new LinkedHashMap<>();
    private volatile Duration step;
    private volatile String inProgressSpelling = "IN PROGRESS";

    /** completionTimer: applies due jobs at the given time, so a job calls back even if nobody polls. */
    SandboxBulkJobs(SandboxClock clock, SandboxBulkJobValidator validator, SandboxBulkJobRunner runner,
                    SandboxCallbacks callbacks, Supplier<String> baseUrl, Consumer<Instant> completionTimer,
                    Duration step) {
        this.clock = clock;
        this.validator = validator;
        this.runner = runner;
        this.callbacks = callbacks;
        this.baseUrl = baseUrl;
        this.completionTimer = completionTimer;
        this.step = step;
    }

    void setStep(Duration value) {
        step = value;
    }

    void setInProgressSpelling(String value) {
        inProgressSpelling = value;
    }

    SandboxResponse create(SandboxRequest request) {
        return create(null, SandboxJson.parse(request.body()));
    }

    /** forcedId: the id the job gets, null = a fresh one. */
    SandboxResponse create(String forcedId, JsonNode body) {
        SandboxBulkJobValidator.Outcome read = validator.read(forcedId, body, step);
        if (read.refusal() != null) {
            return read.refusal();
        }
        SandboxBulkJob job = read.job();
        synchronized (this) {
            jobs.put(job.id, job);
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
        return jobs.remove(jobId) != null;
    }

    /**
     * COMPLETED only once the job has been applied (tick): a job whose completion time passed between a
     * call's tick and this answer still says in progress, never COMPLETED with zero counts.
     */
    String status(SandboxBulkJob job, Instant now) {
        if (job.result != null) {
            return "COMPLETED";
        }
        return now.isBefore(job.createdAt.plus(job.step)) ? "ADDED" : inProgressSpelling;
    }

    SandboxResponse details(String jobId) {
        SandboxBulkJob job = job(jobId);
        if (job == null) {
            return SandboxErrors.resourceNotFound();
        }
        String status = status(job, clock.now());
        return SandboxResponse.json(200,
                SandboxBulkJobDetails.of(job, status, () -> SandboxResultDownload.url(baseUrl.get(), job.id)));
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
                        j.result = runner.run(j);
                        done.add(j);
                    });
        }
        for (SandboxBulkJob job : done) {
            if (job.callback != null && SandboxJson.text(job.callback.get("url")) != null) {
                callbacks.send(job.id, job.callback.get("url").asText(), SandboxJson.object(
                        "job_id", job.id, "status", "COMPLETED", "operation", job.operation, "module", job.module));
            }
        }
    }
}
