package io.zohocamel.massupdate;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a rejected request into its dead letter: the original body untouched, the reason as
 * headers (code, message, where) and as a JSON envelope header for consumers that want one object.
 */
public class MassUpdateDeadLetters {

    public static final String ENVELOPE_HEADER = "MassUpdateRejectEnvelope";
    /** Bodies up to this size are copied into the envelope header too; larger ones are only in the body. */
    static final int MAX_ORIGINAL_IN_HEADER = 32 * 1024;

    private final JobStore store;

    public MassUpdateDeadLetters(JobStore store) {
        this.store = store;
    }

    public void prepare(Exchange exchange) {
        MassUpdateRejected rejected = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MassUpdateRejected.class);
        byte[] original = exchange.getProperty(MassUpdateIntake.ORIGINAL_BODY, byte[].class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "JMS.*");
        msg.setHeaders(new java.util.HashMap<>(DeadLetter.headers(rejected.code(), rejected.getMessage(), rejected.where(),
                rejected.requestId())));
        // a message property that large is refused by the broker (and the request would loop): the body has it, and
        // it is not decoded for the envelope only to be dropped from it (a 9 MB body cost 30 MB of heap)
        ObjectNode envelope = original != null && original.length > MAX_ORIGINAL_IN_HEADER
                ? DeadLetter.bodyInMessageEnvelope(rejected.code(), rejected.getMessage(), rejected.where(), "original_bytes",
                        original.length, rejected.requestId(), Instant.now())
                : DeadLetter.envelope(rejected.code(), rejected.getMessage(), rejected.where(), original, rejected.requestId(),
                        Instant.now());
        msg.setHeader(ENVELOPE_HEADER, envelope.toString());
        msg.setBody(original);
        MassUpdateRequest request = exchange.getProperty(MassUpdateIntake.REQUEST, MassUpdateRequest.class);
        if (rejected.requestId() != null && request != null) {
            // a valid request that Zoho refused; one the runtime refused before any call is only in the dead-letter queue
            store.finishMassUpdate(rejected.requestId(), request.module(), request.kind().wireName(),
                    MassUpdateRecord.DEAD_LETTERED, null);
        }
    }
}
