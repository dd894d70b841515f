package io.zohocamel.massupdate;

import java.time.Instant;
import java.util.Map;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.transformer.Transformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the reason on the dead-letter copy of a request too large to read ({@link OversizedRequests}): the
 * same headers as any dead letter, {@code BODY_TOO_LARGE} at {@code $}, the request id being the message id
 * (its body was not read for one). Made by the broker from its class name, for the divert.
 */
public final class TooLargeReason implements Transformer {

    static final String MAX_BYTES = "maxBytes";
    private static final Logger LOG = LoggerFactory.getLogger(TooLargeReason.class);

    private long maxBytes;

    @Override
    public void init(Map<String, String> properties) {
        maxBytes = Long.parseLong(properties.get(MAX_BYTES));
    }

    @Override
    public Message transform(Message message) {
        long size = message.getWholeMessageSize();
        String requestId = messageId(message);
        String reason = "The request is " + size + " bytes as the broker keeps it (a JMS text message: two bytes a character),"
                + " more than the " + maxBytes + " allowed; it was not read.";
        DeadLetter.headers(RejectionCode.BODY_TOO_LARGE.name(), reason, "$", requestId)
                .forEach((name, value) -> message.putStringProperty(name, value.toString()));
        message.putStringProperty(MassUpdateDeadLetters.ENVELOPE_HEADER, DeadLetter.unreadEnvelope(
                RejectionCode.BODY_TOO_LARGE.name(), reason, "$", size, requestId, Instant.now()).toString());
        message.putLongProperty(OversizedRequests.SIZE_HEADER, size);
        LOG.warn("mass-update request {} dead-lettered: {}: {}", requestId != null ? requestId : "without a message id",
                RejectionCode.BODY_TOO_LARGE, reason);
        return message;
    }

    /** What a JMS consumer sees as JMSMessageID; null when the message has none. */
    private static String messageId(Message message) {
        Object id = message.getUserID();
        if (id == null) {
            return null;
        }
        String text = id.toString();
        return text.startsWith("ID:") ? text : "ID:" + text;
    }
}
