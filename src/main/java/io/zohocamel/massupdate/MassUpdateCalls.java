package io.zohocamel.massupdate;

import java.util.ArrayList;
import java.util.List;

import io.zohocamel.component.ZohoHeaders;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.zoho.ZohoResponse;
import io.zohocamel.zoho.ZohoTransientException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the mass-update route sends with its zoho:massUpdate calls and makes of the answers. Transient
 * failures throw, which rolls the JMS transaction back: the broker redelivers later and nothing is
 * lost. Refusals become dead letters.
 */
public class MassUpdateCalls {

    private static final Logger LOG = LoggerFactory.getLogger(MassUpdateCalls.class);

    /** The batch being sent, as an exchange property. */
    private static final String BATCH = "massUpdateBatch";

    private final JobStore store;
    private final PollSchedule schedule;
    private final int alreadyScheduledRetries;

    public MassUpdateCalls(JobStore store, PollSchedule schedule, int alreadyScheduledRetries) {
        this.store = store;
        this.schedule = schedule;
        this.alreadyScheduledRetries = alreadyScheduledRetries;
    }

    /** One batch of ids (body) becomes the zoho:massUpdate call's body and module. */
    public void idsRequest(Exchange exchange) {
        IdsBatch batch = exchange.getMessage().getBody(IdsBatch.class);
        exchange.setProperty(BATCH, batch);
        exchange.getMessage().setHeader(ZohoHeaders.MODULE, batch.module());
        exchange.getMessage().setBody(batch.body());
    }

    /** Zoho's answer to one batch: per record; valid ids are updated even when others fail. */
    public IdsBatch.Answer idsAnswered(Exchange exchange) {
        IdsBatch batch = exchange.getProperty(BATCH, IdsBatch.class);
        String requestId = exchange.getMessage().getHeader(MassUpdateIntake.REQUEST_ID_HEADER, String.class);
        ZohoResponse answer = exchange.getMessage().getBody(ZohoResponse.class);
        boolean perRecord = answer.isSuccess() || answer.data().size() == batch.ids().size() && !refusesTheRequest(answer);
        if (!answer.data().isEmpty() && perRecord) {
            List<MassUpdateOutcome.RecordResult> records = new ArrayList<>();
            for (ZohoResponse.Entry e : answer.data()) {
                records.add(new MassUpdateOutcome.RecordResult(e.id(), e.status(), e.code(), e.message()));
            }
            return new IdsBatch.Answer(batch.index(), batch.ids(), records);
        }
        throw failure(answer, requestId, "batch " + (batch.index() + 1));
    }

    /** A cvid request becomes the zoho:massUpdate call's body and module. */
    public void scheduleRequest(Exchange exchange) {
        MassUpdateRequest request = exchange.getProperty(MassUpdateIntake.REQUEST, MassUpdateRequest.class);
        exchange.getMessage().setHeader(ZohoHeaders.MODULE, request.module());
        exchange.getMessage().setBody(request.zohoBody());
    }

    /** Zoho's answer to a cvid request: a scheduled job, which the poller follows and reports. */
    public void scheduled(Exchange exchange) {
        Message msg = exchange.getMessage();
        MassUpdateRequest request = exchange.getProperty(MassUpdateIntake.REQUEST, MassUpdateRequest.class);
        String requestId = msg.getHeader(MassUpdateIntake.REQUEST_ID_HEADER, String.class);
        ZohoResponse answer = msg.getBody(ZohoResponse.class);
        String jobId = answer.isSuccess() ? answer.jobId().orElse(null) : null;
        if (jobId != null) {
            store.massUpdateJob(request.module(), requestId, jobId, store.now() + schedule.firstInterval(), schedule.firstInterval());
            store.updateMassUpdate(requestId, MassUpdateRecord.SCHEDULED, jobId, null);
            LOG.info("mass-update request {} ({} cvid {}): Zoho job {} scheduled", requestId, request.module(),
                    request.cvid(), jobId);
            return;
        }
        if ("ALREADY_SCHEDULED".equals(answer.code())) {
            int deliveries = msg.getHeader("JMSXDeliveryCount", 1, Integer.class);
            if (deliveries <= alreadyScheduledRetries) {
                LOG.warn("mass-update request {}: another job runs on cvid {}; retrying later (attempt {}/{})", requestId,
                        request.cvid(), deliveries, alreadyScheduledRetries);
                throw new ZohoTransientException("mass update of cvid " + request.cvid(), answer);
            }
            throw new MassUpdateRejected(new MassUpdateRejection("ALREADY_SCHEDULED", answer.message() + " (gave up after "
                    + deliveries + " attempts)", "$.cvid", requestId));
        }
        throw failure(answer, requestId, "cvid " + request.cvid());
    }

    /**
     * Zoho answers a refused request (a field it will not mass-update, no field...) with HTTP 200 and the
     * error in data[0], just like a per-record error: with one id in the batch the two look alike by count.
     * A per-record error names its record ({@code details.id}); a request error names a key of the body
     * ({@code details.api_name} / {@code json_path}) and no record.
     */
    private static boolean refusesTheRequest(ZohoResponse answer) {
        return answer.data().stream().anyMatch(e -> !e.isSuccess() && e.id() == null
                && (e.details().has("api_name") || e.details().has("json_path")));
    }

    private static RuntimeException failure(ZohoResponse answer, String requestId, String what) {
        if (answer.outcome() == io.zohocamel.zoho.Outcome.RETRYABLE || answer.outcome() == io.zohocamel.zoho.Outcome.AUTH) {
            return new ZohoTransientException("mass update " + what, answer);
        }
        String where = answer.details().path("json_path").asText(answer.details().path("api_name").asText(null));
        String code = answer.code() != null ? answer.code() : "ZOHO_ERROR";
        return new MassUpdateRejected(new MassUpdateRejection(code, "Zoho refused the mass update (" + what + "): "
                + answer.message(), where, requestId));
    }
}
