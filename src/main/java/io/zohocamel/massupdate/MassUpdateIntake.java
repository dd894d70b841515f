package io.zohocamel.massupdate;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the mass-update route before any Zoho call: validate the message, recognise a request
 * already completed (its stored result is published again instead of calling Zoho twice) and cut ids
 * into batches.
 */
public class MassUpdateIntake {

    public static final String REQUEST = "massUpdateRequest";
    public static final String ORIGINAL_BODY = "massUpdateOriginalBody";
    public static final String REPLAY = "massUpdateReplay";
    public static final String KIND = "massUpdateKind";
    /** The request's correlation header, on its result and its dead letter: request_id, else the message id. */
    public static final String REQUEST_ID_HEADER = "MassUpdateRequestId";
    private static final Logger LOG = LoggerFactory.getLogger(MassUpdateIntake.class);

    private final MassUpdateParser parser;
    private final JobStore store;

    public MassUpdateIntake(MassUpdateParser parser, JobStore store) {
        this.parser = parser;
        this.store = store;
    }

    /** Validates before any call; a request that can never succeed is rejected to the dead-letter queue. */
    public void accept(Exchange exchange) {
        Message msg = exchange.getMessage();
        byte[] body = msg.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        exchange.setProperty(ORIGINAL_BODY, body);
        String messageId = msg.getHeader("JMSMessageID", String.class);
        MassUpdateParseResult parsed = parser.parse(body);
        String requestId = parsed.requestId() != null ? parsed.requestId() : messageId;
        msg.setHeader(REQUEST_ID_HEADER, requestId);
        if (!parsed.isValid()) {
            throw new MassUpdateRejected(parsed.rejection().withRequestId(requestId));
        }
        MassUpdateRequest request = parsed.request();
        exchange.setProperty(REQUEST, request);
        msg.setHeader(KIND, request.kind().wireName());
        MassUpdateRecord known;
        if (request.kind() == MassUpdateKind.IDS) {
            // recorded once, when Zoho has answered (a redelivered batch of ids is simply updated again):
            // only a request id seen before has a record to find
            known = store.massUpdateRequest(requestId).orElse(null);
            if (known == null) {
                return;
            }
        } else if (store.startMassUpdate(requestId, request.module(), request.kind().wireName())) {
            return; // a cvid request is recorded before Zoho schedules its job, so a redelivery never schedules twice
        } else {
            known = store.massUpdateRequest(requestId).orElse(null);
            if (known == null) {
                throw new IllegalStateException("mass-update request " + requestId + " could not be recorded; retried");
            }
        }
        if (MassUpdateRecord.COMPLETED.equals(known.status()) && known.result() != null) {
            LOG.info("mass-update request {} was already completed: publishing its stored result, not calling Zoho", requestId);
            msg.setHeader(REPLAY, "result");
            msg.setBody(known.result());
        } else if (MassUpdateRecord.SCHEDULED.equals(known.status())) {
            LOG.info("mass-update request {} already has Zoho job {}: the poller reports it", requestId, known.zohoJobId());
            msg.setHeader(REPLAY, "scheduled");
        }
    }

    /** The Zoho calls of an ids request: at most 500 ids each, in request order. */
    public List<IdsBatch> batches(Exchange exchange) {
        MassUpdateRequest request = exchange.getProperty(REQUEST, MassUpdateRequest.class);
        List<ObjectNode> bodies = request.zohoBodies(MassUpdateRequest.MAX_IDS_PER_CALL);
        List<List<String>> ids = request.idBatches(MassUpdateRequest.MAX_IDS_PER_CALL);
        List<IdsBatch> batches = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            batches.add(new IdsBatch(i, request.module(), ids.get(i), bodies.get(i)));
        }
        return batches;
    }
}
