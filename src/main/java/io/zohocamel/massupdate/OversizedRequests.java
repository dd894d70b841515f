package io.zohocamel.massupdate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.config.TransformerConfiguration;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.server.transformer.Transformer;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker measures each mass-update request as it arrives, before anyone reads it, and writes
 * the size of a large one in {@value #SIZE_HEADER}: the intake takes those one at a time
 * ({@code mass-update-intake-large}), and one over the limit never reaches the queue: an exclusive divert
 * ({@link #divert()}) puts it on the dead-letter queue as it is, body untouched, and {@link TooLargeReason}
 * adds the {@code BODY_TOO_LARGE} reason in the usual headers.
 *
 * <p>Why in the broker: the runtime cannot learn a body's size without holding it. Artemis' JMS client
 * decodes a text (map, object, stream) message whole as it hands it over, and the broker converts an AMQP
 * message to the runtime's CORE protocol in memory; both on the heap the runtime shares with the broker.
 * Only the broker's own message, at routing time, has a size and a body still on disk (a large message).
 */
public final class OversizedRequests implements ActiveMQServerMessagePlugin {

    /** Its name in the registry (only with the embedded broker). */
    public static final String BEAN = "oversizedRequests";
    /** The request's size as the broker keeps it, set by the broker only (a producer's own value is removed). */
    public static final String SIZE_HEADER = "MassUpdateMessageBytes";
    /** Requests above this (about 11,000 ids as bytes) are taken one at a time; the rest by the intake's consumers. */
    public static final long LARGE_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OversizedRequests.class);

    private final String requests;
    private final String deadLetters;
    private final long maxBytes;
    private final List<String> prefixes;
    /** Told of each request dead-lettered unread (for /jobs); set once the job store exists. */
    private volatile Consumer<MassUpdateRejection> deadLettered = rejection -> { };

    /**
     * @param requests    the request queue (its address has the same name)
     * @param deadLetters where a request over the limit goes
     * @param maxBytes    the largest request read, as the broker keeps it (a text message: two bytes a character)
     * @param prefixes    the acceptors' address prefixes a producer may put before the name ({@code /queue/})
     */
    public OversizedRequests(String requests, String deadLetters, long maxBytes, List<String> prefixes) {
        this.requests = requests;
        this.deadLetters = deadLetters;
        this.maxBytes = maxBytes;
        this.prefixes = List.copyOf(prefixes);
    }

    /** Installs this in the embedded broker's configuration: the measuring plugin and the divert. */
    public void addTo(Configuration config) {
        config.registerBrokerPlugin(this);
        config.addDivertConfiguration(divert());
    }

    /** The broker's move of a request over the limit to the dead-letter queue, before the request queue has it. */
    public DivertConfiguration divert() {
        return new DivertConfiguration().setName("mass-update-too-large").setRoutingName("mass-update-too-large")
                .setAddress(requests).setForwardingAddress(deadLetters).setExclusive(true)
                .setFilterString(SIZE_HEADER + " > " + maxBytes)
                // on the dead-letter copy (a copy of an AMQP large message does not keep what was set on the original)
                .setTransformerConfiguration(new TransformerConfiguration(TooLargeReason.class.getName())
                        .setProperties(Map.of(TooLargeReason.MAX_BYTES, String.valueOf(maxBytes))));
    }

    /** {@code listener} is told of every request dead-lettered unread, after the broker took it; its failure is only logged. */
    public void onDeadLettered(Consumer<MassUpdateRejection> listener) {
        this.deadLettered = listener;
    }

    @Override
    public void afterSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue,
                          RoutingStatus result) {
        // the exclusive divert took it: the request queue did not, so the broker says NO_BINDINGS
        boolean routed = result == RoutingStatus.NO_BINDINGS || result == RoutingStatus.OK;
        if (!routed || !isRequest(message) || message.getWholeMessageSize() <= maxBytes) {
            return;
        }
        try {
            deadLettered.accept(tooLarge(message, maxBytes));
        } catch (RuntimeException e) {
            LOG.warn("mass-update request {} was dead-lettered, but is not listed on /jobs: {}", messageId(message), e.getMessage());
        }
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        if (!isRequest(message)) {
            return;
        }
        long size = message.getWholeMessageSize(); // a large message's body is on disk: this reads no body
        if (size > LARGE_BYTES) {
            message.putLongProperty(SIZE_HEADER, size);
        } else if (message.containsProperty(SIZE_HEADER)) {
            message.removeProperty(SIZE_HEADER); // only the broker says how large a request is
        }
    }

    /** Sent to the request queue, however the producer named it (a protocol prefix, a fully qualified name). */
    private boolean isRequest(Message message) {
        SimpleString address = message.getAddressSimpleString();
        if (address == null) {
            return false;
        }
        String name = CompositeAddress.extractAddressName(address.toString());
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
                break;
            }
        }
        return requests.equals(name);
    }

    /**
     * Writes the reason on the dead-letter copy of a request too large to read: the same headers and envelope as
     * any dead letter ({@link MassUpdateDeadLetters}), {@code BODY_TOO_LARGE} at {@code $}, the request id being
     * the message id (its body was not read for one). Made by the broker from its class name, for the divert.
     */
    public static final class TooLargeReason implements Transformer {

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
            MassUpdateRejection rejection = tooLarge(message, maxBytes);
            MassUpdateDeadLetters.headers(rejection).forEach((name, value) -> message.putStringProperty(name, value.toString()));
            message.putStringProperty(MassUpdateDeadLetters.ENVELOPE_HEADER,
                    MassUpdateDeadLetters.unreadEnvelope(rejection, size, Instant.now()));
            message.putLongProperty(SIZE_HEADER, size);
            LOG.warn("mass-update request {} dead-lettered: {}: {}", requestId != null ? requestId : "without a message id",
                    rejection.code(), rejection.message());
            return message;
        }

    }

    /** The reason of a request too large to read; the request id is the message id (its body was not read for one). */
    static MassUpdateRejection tooLarge(Message message, long maxBytes) {
        return new MassUpdateRejection(MassUpdateRejection.Code.BODY_TOO_LARGE.name(), "The request is "
                + message.getWholeMessageSize() + " bytes as the broker keeps it (a JMS text message: two bytes a character),"
                + " more than the " + maxBytes + " allowed; it was not read.", RejectionWording.ROOT, messageId(message));
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
