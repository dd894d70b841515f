package io.zohocamel.component;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.zohocamel.zoho.ZohoCallException;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoResponse;
import io.zohocamel.zoho.Outcome;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Makes the call and puts Zoho's normalised answer ({@link ZohoResponse}) in the body, with its outcome
 * and code in headers for a route's {@code choice}. Retries of throttling, outages and a stale token
 * are the client's (a short burst); what is still failing after that is thrown, unless the endpoint
 * says {@code throwExceptionOnFailure=false}, for the route's error handling to own the long wait. An
 * insert that got no answer saying whether Zoho applied it (outcome UNKNOWN) is never thrown: the route reports it.
 */
final class ZohoProducer extends DefaultProducer {

    private final ZohoClient client;
    private final ZohoOperation operation;
    private final boolean throwOnFailure;
    private final String module;

    ZohoProducer(ZohoEndpoint endpoint, ZohoClient client, ZohoOperation operation) {
        super(endpoint);
        this.client = client;
        this.operation = operation;
        this.throwOnFailure = endpoint.isThrowExceptionOnFailure();
        this.module = endpoint.getModule();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        ZohoResponse answer = switch (operation) {
            case UPLOAD -> client.upload(in.getHeader(ZohoHeaders.FILE_NAME, String.class), in.getMandatoryBody(byte[].class));
            case CREATE_BULK_WRITE_JOB -> client.createBulkWriteJob(in.getMandatoryBody(JsonNode.class));
            case BULK_WRITE_JOB -> client.bulkWriteJob(required(in, ZohoHeaders.JOB_ID));
            case MASS_UPDATE -> client.massUpdate(module(in), in.getMandatoryBody(JsonNode.class));
            case MASS_UPDATE_STATUS -> client.massUpdateStatus(module(in), required(in, ZohoHeaders.JOB_ID));
            case DOWNLOAD -> client.download(in.getMandatoryBody(String.class), required(in, ZohoHeaders.DOWNLOAD_TO, Path.class),
                    required(in, ZohoHeaders.DOWNLOAD_MAX_BYTES, Long.class));
            case INSERT_RECORDS -> client.insertRecords(module(in), in.getMandatoryBody(JsonNode.class));
            case UPDATE_RECORDS -> client.updateRecords(module(in), in.getMandatoryBody(JsonNode.class));
            case UPSERT_RECORDS -> client.upsertRecords(module(in), in.getMandatoryBody(JsonNode.class),
                    names(in.getHeader(ZohoHeaders.DUPLICATE_CHECK_FIELDS)));
        };
        // an unknown outcome (an insert without an answer) is not thrown: no redelivery may repeat it, and it is no
        // refusal; the route reports it (header zohoOutcome UNKNOWN)
        if (!answer.isSuccess() && throwOnFailure && answer.outcome() != Outcome.UNKNOWN) {
            // the message is left as it was: a redelivery sends it again
            throw ZohoCallException.of(in.getHeader(ZohoHeaders.CALL, operation.uriName(), String.class), answer);
        }
        in.setBody(answer);
        in.setHeader(ZohoHeaders.OUTCOME, answer.outcome().name());
        in.setHeader(ZohoHeaders.CODE, answer.isSuccess() ? null : answer.code());
        in.setHeader(ZohoHeaders.THROTTLED, answer.isThrottled());
    }

    /** The ZohoModule header, else the endpoint's module option. */
    private String module(Message in) {
        String header = in.getHeader(ZohoHeaders.MODULE, String.class);
        if (header != null && !header.isBlank()) {
            return header;
        }
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("header " + ZohoHeaders.MODULE + " or the endpoint's module option is required");
        }
        return module;
    }

    /** Field names from a list or a comma-separated text; none when absent. */
    private static List<String> names(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
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
