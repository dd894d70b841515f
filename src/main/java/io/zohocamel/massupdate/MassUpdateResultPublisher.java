package io.zohocamel.massupdate;

import io.zohocamel.jobs.JobCounts;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import io.zohocamel.jobs.TrackedJob;
import org.apache.camel.Exchange;

/**
 * The result message of a scheduled (cvid) mass update, built when the poller sees its job end;
 * stored with the request so a redelivered request re-publishes it instead of calling Zoho.
 */
public class MassUpdateResultPublisher {

    private final JobStore store;

    public MassUpdateResultPublisher(JobStore store) {
        this.store = store;
    }

    public String scheduledJobFinished(Exchange exchange) {
        TrackedJob stale = exchange.getMessage().getBody(TrackedJob.class);
        TrackedJob job = store.job(stale.id()).orElse(stale);
        // the request id is the producer's request_id, or the carrying message's id when it sent none
        CvidResultBuilder builder = MassUpdateResults.forCvid(job.requestId(), null, job.module()).jobId(job.zohoJobId());
        JobCounts c = job.counts();
        // Zoho's own final Status when Zoho ended the job; LOST / TIMED_OUT when the runtime did
        boolean endedByZoho = JobState.COMPLETED.equals(job.status()) || JobState.FAILED.equals(job.status());
        String status = endedByZoho && job.zohoStatus() != null ? job.zohoStatus() : job.status();
        builder.jobStatus(status, c.total(), c.updated(), c.notUpdated(), c.failed());
        if (!JobState.COMPLETED.equals(job.status()) && job.message() != null) {
            builder.failure(job.status(), job.message());
        }
        String json = builder.toJson();
        store.updateMassUpdate(job.requestId(), MassUpdateRecord.COMPLETED, null, json);
        exchange.getMessage().setHeader(MassUpdateIntake.REQUEST_ID_HEADER, job.requestId());
        return json;
    }
}
