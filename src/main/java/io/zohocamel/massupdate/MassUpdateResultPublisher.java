package io.zohocamel.massupdate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.zohocamel.jobs.JobCounts;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.massupdate.MassUpdateOutcome.Cvid;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result message of a request, once its outcome is known: for ids when every batch is answered, for cvid
 * when the poller sees its job end. Stored with the request so a redelivered request re-publishes it instead
 * of calling Zoho.
 */
public class MassUpdateResultPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MassUpdateResultPublisher.class);

    private final JobStore store;

    public MassUpdateResultPublisher(JobStore store) {
        this.store = store;
    }

    /** Every batch answered (the body lists their {@link IdsBatch.Answer}s): one result listing every id. */
    public String idsCompleted(Exchange exchange) {
        MassUpdateRequest request = exchange.getProperty(MassUpdateIntake.REQUEST, MassUpdateRequest.class);
        String requestId = exchange.getMessage().getHeader(MassUpdateIntake.REQUEST_ID_HEADER, String.class);
        @SuppressWarnings("unchecked")
        List<IdsBatch.Answer> answers = new ArrayList<>(exchange.getMessage().getBody(List.class));
        answers.sort(Comparator.comparingInt(IdsBatch.Answer::index));
        IdsOutcomeBuilder builder = IdsOutcomeBuilder.forRequest(request,
                exchange.getMessage().getHeader("JMSMessageID", String.class));
        for (IdsBatch.Answer answer : answers) {
            builder.addBatch(answer.ids(), answer.records());
        }
        MassUpdateOutcome.Ids outcome = builder.build();
        String json = outcome.toJson();
        // first written now, when Zoho has answered: it arrived when the exchange was created
        store.finishMassUpdate(requestId, request.module(), request.kind().wireName(), MassUpdateRecord.COMPLETED, json,
                exchange.getClock().getCreated());
        LOG.info("mass-update request {} ({} {} ids in {} call(s)): {}", requestId, request.module(), request.ids().size(),
                answers.size(), outcome.status());
        return json;
    }

    /** The poller saw a cvid request's job end (the body is its {@link TrackedJob}). */
    public String scheduledJobFinished(Exchange exchange) {
        TrackedJob stale = exchange.getMessage().getBody(TrackedJob.class);
        TrackedJob job = store.job(stale.id()).orElse(stale);
        JobCounts c = job.counts();
        // Zoho's own final Status when Zoho ended the job; LOST / TIMED_OUT when the runtime did
        boolean endedByZoho = JobState.COMPLETED.equals(job.status()) || JobState.FAILED.equals(job.status());
        String status = endedByZoho && job.zohoStatus() != null ? job.zohoStatus() : job.status();
        Cvid.Failure failure = !JobState.COMPLETED.equals(job.status()) && job.message() != null
                ? new Cvid.Failure(job.status(), job.message()) : null;
        // the request id is the producer's request_id, or the carrying message's id when it sent none
        String json = new Cvid(job.requestId(), null, job.module(), job.zohoJobId(), status,
                new Cvid.Summary(c.total(), c.updated(), c.notUpdated(), c.failed()), failure).toJson();
        store.updateMassUpdate(job.requestId(), MassUpdateRecord.COMPLETED, null, json);
        exchange.getMessage().setHeader(MassUpdateIntake.REQUEST_ID_HEADER, job.requestId());
        return json;
    }
}
