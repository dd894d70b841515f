package io.zohocamel.component;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.zohocamel.zoho.ZohoCallException;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Makes the call and puts Zoho's normalised answer ({@link ZohoResponse}) in the body, with its outcome
 * and code in headers for a route's {@code choice}. Retries of throttling, outages and a stale token
 * are the client's (a short burst); what is still failing after that is thrown, unless the endpoint
 * says {@code throwExceptionOnFailure=false}, for the route's error handling to own the long wait.
 */
final class ZohoProducer extends DefaultProducer {

    private final ZohoClient client;
    private final ZohoOperation operation;
    private final boolean throwOnFailure;

    ZohoProducer(ZohoEndpoint endpoint, ZohoClient client, ZohoOperation operation) {
        super(endpoint);
        this.client = client;
        this.operation = operation;
        this.throwOnFailure = endpoint.isThrowExceptionOnFailure();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        ZohoResponse answer = switch (operation) {
            case UPLOAD -> client.upload(in.getHeader(ZohoHeaders.FILE_NAME, String.class), in.getMandatoryBody(byte[].class));
            case CREATE_BULK_WRITE_JOB -> client.createBulkWriteJob(in.getMandatoryBody(JsonNode.class));
            case BULK_WRITE_JOB -> client.bulkWriteJob(required(in, ZohoHeaders.JOB_ID));
            case MASS_UPDATE -> client.massUpdate(required(in, ZohoHeaders.MODULE), in.getMandatoryBody(JsonNode.class));
            case MASS_UPDATE_STATUS -> client.massUpdateStatus(required(in, ZohoHeaders.MODULE), required(in, ZohoHeaders.JOB_ID));
            case DOWNLOAD -> client.download(in.getMandatoryBody(String.class), required(in, ZohoHeaders.DOWNLOAD_TO, Path.class),
                    required(in, ZohoHeaders.DOWNLOAD_MAX_BYTES, Long.class));
        };
        if (!answer.isSuccess() && throwOnFailure) {
            // the message is left as it was: a redelivery sends it again
            throw ZohoCallException.of(in.getHeader(ZohoHeaders.CALL, operation.uriName(), String.class), answer);
        }
        in.setBody(answer);
        in.setHeader(ZohoHeaders.OUTCOME, answer.outcome().name());
        in.setHeader(ZohoHeaders.CODE, answer.isSuccess() ? null : answer.code());
        in.setHeader(ZohoHeaders.THROTTLED, answer.isThrottled());
    }

    private static <T> T required(Message in, String header, Class<T> type) {
        T value = in.getHeader(header, type);
        if (value == null) {
            throw new IllegalArgumentException("header " + header + " is required");
        }
        return value;
    }

    private static String required(Message in, String header) {
        String value = in.getHeader(header, String.class);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("header " + header + " is required");
        }
        return value;
    }
}
