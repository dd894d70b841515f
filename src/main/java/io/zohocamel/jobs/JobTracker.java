package io.zohocamel.jobs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.zohocamel.zoho.ZohoResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans behind the job-poller route: which jobs are due, what Zoho says about one, and what
 * each branch of the route's choice records. The route decides; these methods only record.
 */
public class JobTracker {

    public static final String JOB_STATE = "jobState";
    public static final String ZOHO_RESPONSE = "zohoResponse";
    /** Set when Zoho throttled the call (429 whatever the code), or the loop is paused and no call was made. */
    /** The exchange property holding the job while Zoho's answer is the body. */
    public static final String JOB = "trackedJob";
    /** The loop is paused (Zoho asked it to slow down): the job is given back untouched. */
    public static final String DEFERRED = "DEFERRED";

    private static final Logger LOG = LoggerFactory.getLogger(JobTracker.class);

    private final JobStore store;
    private final PollSchedule schedule;
    private final Clock clock;
    private final String owner;
    private final int batchSize;
    private final long leaseMs;
    private volatile long pausedUntil;
    private volatile long lastPauseMs;
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicBoolean resumed = new AtomicBoolean();
    private volatile String authAlert;

    public JobTracker(JobStore store, PollSchedule schedule, Clock clock, String owner, int batchSize) {
        this(store, schedule, clock, owner, batchSize, 120_000);
    }

    /**
     * @param leaseMs how long a claim keeps other instances off a job; a dead instance's jobs are
     *                polled by another one once it runs out, so it must outlast one poll cycle
     */
    public JobTracker(JobStore store, PollSchedule schedule, Clock clock, String owner, int batchSize,
                      long leaseMs) {
        this.leaseMs = leaseMs;
        this.store = store;
        this.schedule = schedule;
        this.clock = clock;
        this.owner = owner;
        this.batchSize = batchSize;
    }

    /**
     * The due jobs (oldest due first, at most poll.batch-size), claimed for this instance; none while
     * Zoho asked the whole loop to slow down. The first call after a start resumes the jobs parked by
     * an earlier run (AUTH_ERROR, CONFIG_ERROR): a restart is how an operator says "fixed".
     */
    public List<TrackedJob> dueJobs() {
        if (resumed.compareAndSet(false, true)) {
            int unparked = store.unpark();
            if (unparked > 0) {
                LOG.info("{} parked job(s) resumed", unparked);
            }
        }
        if (clock.millis() < pausedUntil) {
            return List.of();
        }
        return store.claimDue(owner, batchSize, leaseMs);
    }

    /**
     * The poller's loop condition. The body is the batch just worked (null before the first): a full
     * batch means more jobs may be due. Never while the runtime stops: a shutdown waits for the loop.
     */
    public boolean moreDue(Exchange exchange) {
        List<?> batch = exchange.getMessage().getBody(List.class);
        return !exchange.getContext().isStopping() && (batch == null || batch.size() >= batchSize);
    }

    /**
     * Before asking Zoho about the job (body): TIMED_OUT when it is too old to follow, DEFERRED while
     * Zoho asked the loop to slow down; otherwise the headers the zoho: endpoint reads.
     */
    public void due(Exchange exchange) {
        TrackedJob job = exchange.getMessage().getBody(TrackedJob.class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("zoho*");
        msg.removeHeader(JOB_STATE);
        exchange.setProperty(JOB, job);
        if (schedule.isTooOld(job, clock.millis())) {
            msg.setHeader(JOB_STATE, JobState.TIMED_OUT);
        } else if (clock.millis() < pausedUntil) {
            // another job of this batch was throttled: don't add to Zoho's load, ask again after the pause
            msg.setHeader(JOB_STATE, DEFERRED);
        } else {
            msg.setHeader("ZohoJobId", job.zohoJobId());
            msg.setHeader("ZohoModule", job.module());
        }
    }

    /** Zoho's answer (body, from the zoho: endpoint) becomes the job's state for the router; the body is the job again. */
    public void answered(Exchange exchange) {
        ZohoResponse response = exchange.getMessage().getBody(ZohoResponse.class);
        Message msg = exchange.getMessage();
        exchange.setProperty(ZOHO_RESPONSE, response);
        msg.setBody(exchange.getProperty(JOB, TrackedJob.class));
        if (response.isSuccess()) {
            lastPauseMs = 0; // Zoho answers again: the next throttle starts from the shortest pause
        }
        String state = response.isSuccess() ? JobState.fromZoho(response.jobStatus()) : null;
        if (JobState.COMPLETED.equals(state) && ZohoJobs.resourceReason(response) != null) {
            state = JobState.FAILED; // the job ended but its resource was FAILED or SKIPPED
        }
        msg.setHeader(JOB_STATE, state);
    }

    /**
     * ADDED, IN PROGRESS, SCHEDULED, RUNNING: record what Zoho said and ask again later, less often, or near
     * the job's expected end when Zoho's counts give one ({@link ProgressEstimate}). The stored interval stays
     * the backoff's, so a job whose counts stop helping goes on from where the backoff was.
     */
    public void inProgress(Exchange exchange) {
        TrackedJob job = job(exchange);
        ZohoResponse r = response(exchange);
        authAlert = null;
        long now = clock.millis();
        JobCounts counts = ZohoJobs.counts(r);
        long interval = schedule.nextInterval(job.pollIntervalMs());
        long next = schedule.nextPollAt(now, interval, job.createdAt(), ProgressEstimate.expectedEnd(job, counts, now));
        store.recordPoll(job.id(), exchange.getMessage().getHeader(JOB_STATE, String.class), r.jobStatus(),
                counts, null, null, next, interval);
    }

    public void completed(Exchange exchange) {
        finish(exchange, JobState.COMPLETED, null);
        TrackedJob job = job(exchange);
        LOG.info("{} job {} ({}) COMPLETED", kind(job), job.zohoJobId(), job.module());
    }

    public void failed(Exchange exchange) {
        ZohoResponse r = response(exchange);
        String reason = "Zoho reports the job " + r.jobStatus() + Optional.ofNullable(ZohoJobs.resourceReason(r))
                .map(s -> ": " + s).orElse("");
        finish(exchange, JobState.FAILED, reason);
        TrackedJob job = job(exchange);
        LOG.warn("{} job {} ({}) FAILED: {}", kind(job), job.zohoJobId(), job.module(), reason);
    }

    public void lost(Exchange exchange) {
        ZohoResponse r = response(exchange);
        TrackedJob job = job(exchange);
        String reason = "Zoho no longer knows this job (" + r.code() + "); it will not be polled again";
        store.recordPoll(job.id(), JobState.LOST, null, null, null, reason, null, job.pollIntervalMs());
        LOG.warn("{} job {} ({}) LOST: {}", kind(job), job.zohoJobId(), job.module(), reason);
    }

    public void timedOut(Exchange exchange) {
        TrackedJob job = job(exchange);
        String reason = "not finished after poll.max-age " + schedule.maxAge() + "; no longer polled";
        store.recordPoll(job.id(), JobState.TIMED_OUT, null, null, null, reason, null, job.pollIntervalMs());
        LOG.warn("{} job {} ({}) TIMED_OUT: {}", kind(job), job.zohoJobId(), job.module(), reason);
    }

    /**
     * 429 after the client's own retries: slow the whole loop down, not just this job. The pause
     * doubles while Zoho keeps throttling (from 2 x poll.period up to poll.max-interval) and starts
     * over once Zoho answers normally.
     */
    public void throttled(Exchange exchange) {
        TrackedJob job = job(exchange);
        long pause;
        synchronized (this) {
            long now = clock.millis();
            if (now < pausedUntil) {
                pause = pausedUntil - now; // a sibling in this batch already paused the loop
            } else {
                pause = schedule.nextInterval(lastPauseMs == 0 ? schedule.firstInterval() : lastPauseMs);
                lastPauseMs = pause;
                pausedUntil = now + pause;
                throttles.incrementAndGet();
                LOG.warn("Zoho is throttling (TOO_MANY_REQUESTS): polling paused for {} ms", pause);
            }
        }
        store.release(job.id(), clock.millis() + pause, job.pollIntervalMs(), "Zoho answered TOO_MANY_REQUESTS");
    }

    /** The loop was paused while this job waited in the batch: give it back, due when the pause ends. */
    public void deferred(Exchange exchange) {
        TrackedJob job = job(exchange);
        store.release(job.id(), Math.max(pausedUntil, clock.millis()), job.pollIntervalMs(), job.message());
    }

    /** How many times Zoho's throttling paused the loop since start. */
    public long throttledCount() {
        return throttles.get();
    }

    /** 5xx, INTERNAL_ERROR, timeouts: nothing learnt, ask again later with backoff. */
    public void retryLater(Exchange exchange) {
        TrackedJob job = job(exchange);
        ZohoResponse r = response(exchange);
        long interval = schedule.nextInterval(job.pollIntervalMs());
        store.release(job.id(), clock.millis() + interval, interval, "transient: " + r.code() + " " + r.message());
        LOG.warn("{} job {}: transient {} from Zoho, next poll in {} ms", kind(job), job.zohoJobId(), r.code(), interval);
    }

    /** The token was refused even after one refresh: park instead of hammering Zoho, and alert. */
    public void authRejected(Exchange exchange) {
        TrackedJob job = job(exchange);
        ZohoResponse r = response(exchange);
        authAlert = "Zoho rejects the credentials (" + r.code() + "): check zoho.client-id, zoho.client-secret and "
                + "zoho.refresh-token; parked jobs resume after a restart";
        store.recordPoll(job.id(), JobState.AUTH_ERROR, null, null, null, authAlert, null, job.pollIntervalMs());
        LOG.error("{} job {} parked as AUTH_ERROR: {}", kind(job), job.zohoJobId(), authAlert);
    }

    /** The self-client lacks a scope or the user a permission: park with what the operator must grant. */
    public void configError(Exchange exchange) {
        TrackedJob job = job(exchange);
        ZohoResponse r = response(exchange);
        String scope = job.isBulkWrite() ? "ZohoCRM.bulk.ALL" : "ZohoCRM.mass_update.ALL and ZohoCRM.modules.ALL";
        String reason = "Zoho answered " + r.code() + " (" + r.message() + "): grant " + scope
                + " to the self-client (or the permission to the user), then restart to resume";
        store.recordPoll(job.id(), JobState.CONFIG_ERROR, null, null, null, reason, null, job.pollIntervalMs());
        LOG.error("{} job {} parked as CONFIG_ERROR: {}", kind(job), job.zohoJobId(), reason);
    }

    /** An answer the router has no branch for: keep the job, say so, ask again later. */
    public void unexpected(Exchange exchange) {
        TrackedJob job = job(exchange);
        ZohoResponse r = response(exchange);
        long interval = schedule.nextInterval(job.pollIntervalMs());
        String what = r.isSuccess() ? "status " + r.jobStatus() : r.code() + " " + r.message();
        store.release(job.id(), clock.millis() + interval, interval, "unexpected answer: " + what);
        LOG.warn("{} job {}: unexpected answer from Zoho ({}), next poll in {} ms", kind(job), job.zohoJobId(), what, interval);
    }

    /** Zoho's callback: a job finished, look at it now. */
    public int nudge(String zohoJobId) {
        return store.makeDue(zohoJobId);
    }

    /** Why Zoho auth is unhealthy, or null. */
    public String authProblem() {
        return authAlert;
    }

    private void finish(Exchange exchange, String state, String reason) {
        TrackedJob job = job(exchange);
        ZohoResponse r = response(exchange);
        store.recordPoll(job.id(), state, r.jobStatus(), ZohoJobs.counts(r), r.downloadUrl().orElse(null), reason, null,
                job.pollIntervalMs());
        authAlert = null;
    }

    private static TrackedJob job(Exchange exchange) {
        return exchange.getMessage().getBody(TrackedJob.class);
    }

    private static ZohoResponse response(Exchange exchange) {
        return exchange.getProperty(ZOHO_RESPONSE, ZohoResponse.class);
    }

    private static String kind(TrackedJob job) {
        return job.isBulkWrite() ? "bulk-write" : "mass-update";
    }
}
