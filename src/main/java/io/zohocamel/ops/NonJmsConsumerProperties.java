package io.zohocamel.ops;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.component.jms.MessageCreatedStrategy;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * What a message the runtime sends says to consumers that do not speak JMS. Artemis hands STOMP and AMQP 1.0
 * consumers a CORE message's properties as they are, and maps only its own property names to their headers:
 * <ul>
 *   <li>a route's {@code Content-Type} header becomes the content type of both: {@value #STOMP_CONTENT_TYPE} is
 *       STOMP's {@code content-type} header (Artemis' StompUtils) and {@value #AMQP_CONTENT_TYPE} the AMQP
 *       properties' {@code content-type} (its CoreAmqpConverter). Sent as it is, the header would reach them as
 *       {@code Content_HYPHEN_Type} (Camel's encoding of a name JMS does not allow): {@link #headerFilter()} keeps
 *       it out. Each protocol also sees the other's property, with the same value;</li>
 *   <li>{@value #DELIVERY_COUNT} is 1: Artemis' CORE-to-AMQP conversion lists it among every message's
 *       properties and takes its value from the message, null unless the sender set one. JMS consumers read the
 *       broker's own count whatever is set; AMQP's is the header's {@code delivery-count}, STOMP's
 *       {@code redelivered}.</li>
 * </ul>
 */
public final class NonJmsConsumerProperties implements MessageCreatedStrategy {

    static final String CONTENT_TYPE = "Content-Type";
    static final String STOMP_CONTENT_TYPE = "_AMQ_CONTENT_TYPE";
    static final String AMQP_CONTENT_TYPE = "JMS_AMQP_ContentType";
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** Camel's JMS header filter, which also keeps {@code Content-Type} out of the message's properties. */
    public static HeaderFilterStrategy headerFilter() {
        JmsHeaderFilterStrategy filter = new JmsHeaderFilterStrategy(false);
        filter.getOutFilter().add(CONTENT_TYPE);
        return filter;
    }

    @Override
    public void onMessageCreated(Message message, Session session, Exchange exchange, Throwable cause) {
        try {
            String contentType = exchange.getMessage().getHeader(CONTENT_TYPE, String.class);
            if (contentType != null) {
                message.setStringProperty(STOMP_CONTENT_TYPE, contentType);
                message.setStringProperty(AMQP_CONTENT_TYPE, contentType);
            }
            message.setIntProperty(DELIVERY_COUNT, 1);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set the message's properties for STOMP and AMQP consumers", e);
        }
    }
}
