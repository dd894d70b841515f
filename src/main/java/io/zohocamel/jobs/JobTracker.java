package io.zohocamel.jobs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.zohocamel.zoho.ZohoClient;
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

    public static final String ZOHO_CODE = "zohoCode";
    public static final String ZOHO_OUTCOME = "zohoOutcome";
    public static final String JOB_STATE = "jobState";
    public static final String ZOHO_RESPONSE = "zohoResponse";

    private static final Logger LOG = LoggerFactory.getLogger(JobTracker.class);
    private static final long LEASE_MS = 120_000;

    private final JobStore store;
    private final ZohoClient zoho;
    private final PollSchedule schedule;
    private final Clock clock;
    private final String owner;
    private final int batchSize;
    private volatile long pausedUntil;
    private volatile String authAlert;

    public JobTracker(JobStore store, ZohoClient zoho, PollSchedule schedule, Clock clock, String owner, int batchSize) {
        this.store = store;
        this.zoho = zoho;
        this.schedule = schedule;
        this.clock = clock;
        this.owner = owner;
        this.batchSize = batchSize;
    }

    /** The due jobs, claimed for this instance; none while Zoho asked the whole loop to slow down. */
    public List<TrackedJob> dueJobs() {
        if (clock.millis() < pausedUntil) {
            return List.of();
        }
        return store.claimDue(owner, batchSize, LEASE_MS);
    }

    /** Asks Zoho for the job's status and puts the normalised answer in headers for the router. */
    public void askZoho(Exchange exchange) {
        TrackedJob job = exchange.getMessage().getBody(TrackedJob.class);
        Message msg = exchange.getMessage();
        if (schedule.isTooOld(job, clock.millis())) {
            msg.setHeader(JOB_STATE, JobState.TIMED_OUT);
            return;
        }
        ZohoResponse response = job.isBulkWrite()
                ? zoho.bulkWriteJob(job.zohoJobId())
                : zoho.massUpdateStatus(job.module(), job.zohoJobId());
        exchange.setProperty(ZOHO_RESPONSE, response);
        msg.setHeader(ZOHO_OUTCOME, response.outcome().name());
        msg.setHeader(ZOHO_CODE, response.isSuccess() ? null : response.code());
        String state = response.isSuccess() ? JobState.fromZoho(response.jobStatus()) : null;
        if (JobState.COMPLETED.equals(state) && ZohoJobs.resourceReason(response) != null) {
            state = JobState.FAILED; // the job ended but its resource was FAILED or SKIPPED
        }
        msg.setHeader(JOB_STATE, state);
    }

    /** ADDED, IN PROGRESS, SCHEDULED, RUNNING: record what Zoho said and ask again later, less often. */
    public void inProgress(Exchange exchange) {
        TrackedJob job = job(exchange);
        ZohoResponse r = response(exchange);
        authAlert = null;
        long interval = schedule.nextInterval(job.pollIntervalMs());
        store.recordPoll(job.id(), exchange.getMessage().getHeader(JOB_STATE, String.class), r.jobStatus(),
                ZohoJobs.counts(r), null, null, clock.millis() + interval, interval);
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

    /** 429 after the client's own retries: slow the whole loop down, not just this job. */
    public void throttled(Exchange exchange) {
        TrackedJob job = job(exchange);
        long pause = schedule.nextInterval(schedule.firstInterval());
        pausedUntil = Math.max(pausedUntil, clock.millis() + pause);
        store.release(job.id(), clock.millis() + pause, job.pollIntervalMs(), "Zoho answered TOO_MANY_REQUESTS");
        LOG.warn("Zoho is throttling (TOO_MANY_REQUESTS): polling paused for {} ms", pause);
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
