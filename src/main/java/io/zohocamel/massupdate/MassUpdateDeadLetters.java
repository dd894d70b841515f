package io.zohocamel.massupdate;

import java.time.Instant;

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
        msg.setHeader(ENVELOPE_HEADER, DeadLetter.envelope(rejected.code(), rejected.getMessage(), rejected.where(),
                original, rejected.requestId(), Instant.now()).toString());
        msg.setBody(original);
        if (rejected.requestId() != null) {
            // only a request that got as far as the job store has a record to close
            store.updateMassUpdate(rejected.requestId(), MassUpdateRecord.DEAD_LETTERED, null, null);
        }
    }
}
