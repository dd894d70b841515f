package io.zohocamel.massupdate;

import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.zohocamel.common.Json;
import io.zohocamel.jobs.JobStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The dead letter of a rejected request. Its body is the original body, untouched, so it can be fixed and
 * replayed; the {@link MassUpdateRejection} travels beside it:
 * <ul>
 *   <li>{@link #headers} — small JMS-safe message properties (names are Java identifiers, as JMS
 *       requires, so Camel does not mangle them);</li>
 *   <li>{@link #envelope} in {@value #ENVELOPE_HEADER} — a self-contained JSON for a side channel or log store:
 * <pre>{@code
 * {"reason":{"code":"INVALID_ID","message":"Record id at $.ids[3] ...","where":"$.ids[3]"},
 *  "original":"{\"module\":\"Leads\",...}",    // the body as text, or base64 when it is not valid UTF-8
 *  "original_encoding":"utf-8" | "base64",
 *  "received_at":"2025-01-31T10:15:30Z",         // ISO-8601, UTC
 *  "request_id":"crm-sync-42"}                   // null when unknown
 * }</pre>
 *   A body too large for a header is only in the message body: then {@code original} is left out,
 *   {@code original_encoding} is {@code "message-body"} and the envelope ends with its size,
 *   {@code "original_bytes"} (over {@value #MAX_ORIGINAL_IN_HEADER} bytes) or, for one the broker
 *   dead-lettered unread, {@code "message_bytes"} ({@link #unreadEnvelope}).</li>
 * </ul>
 */
public class MassUpdateDeadLetters {

    public static final String ENVELOPE_HEADER = "MassUpdateRejectEnvelope";
    public static final String HEADER_CODE = "MassUpdateRejectCode";
    public static final String HEADER_MESSAGE = "MassUpdateRejectMessage";
    public static final String HEADER_WHERE = "MassUpdateRejectWhere";
    /** Bodies up to this size are copied into the envelope header too; larger ones are only in the body. */
    static final int MAX_ORIGINAL_IN_HEADER = 32 * 1024;
    private static final String IN_MESSAGE_BODY = "message-body";

    private final JobStore store;

    public MassUpdateDeadLetters(JobStore store) {
        this.store = store;
    }

    /** Turns the exchange of a {@link MassUpdateRejected} request into its dead letter. */
    public void prepare(Exchange exchange) {
        MassUpdateRejection rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MassUpdateRejected.class).rejection();
        byte[] original = exchange.getProperty(MassUpdateIntake.ORIGINAL_BODY, byte[].class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "JMS.*");
        msg.setHeaders(new HashMap<>(headers(rejection)));
        msg.setHeader(ENVELOPE_HEADER, envelope(rejection, original, Instant.now()));
        msg.setBody(original);
        MassUpdateRequest request = exchange.getProperty(MassUpdateIntake.REQUEST, MassUpdateRequest.class);
        // listed on /jobs with its code: a valid request Zoho refused, and one the runtime refused before any call
        // (which may name no module); a message without any id is listed under its exchange's
        String requestId = rejection.requestId() != null ? rejection.requestId() : exchange.getExchangeId();
        store.massUpdateDeadLettered(requestId, request == null ? null : request.module(),
                request == null ? null : request.kind().wireName(), rejection.code(), rejection.message(),
                exchange.getClock().getCreated());
    }

    /** Message properties for the dead letter: the code always, message, where and request id when known. */
    public static Map<String, Object> headers(MassUpdateRejection rejection) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HEADER_CODE, rejection.code());
        putIfKnown(headers, HEADER_MESSAGE, rejection.message());
        putIfKnown(headers, HEADER_WHERE, rejection.where());
        putIfKnown(headers, MassUpdateIntake.REQUEST_ID_HEADER, rejection.requestId());
        return headers;
    }

    /** The envelope of a request the runtime read; {@code original} is its body as received (null: none). */
    public static String envelope(MassUpdateRejection rejection, byte[] original, Instant receivedAt) {
        byte[] body = original == null ? new byte[0] : original;
        if (body.length > MAX_ORIGINAL_IN_HEADER) {
            // a message property that large is refused by the broker (and the request would loop): the body has it, and
            // it is not decoded for the envelope only to be dropped from it (a 9 MB body cost 30 MB of heap)
            return json(new Envelope(rejection, null, IN_MESSAGE_BODY, receivedAt, (long) body.length, null));
        }
        try {
            return json(new Envelope(rejection, RequestBodyReader.strictUtf8(body), "utf-8", receivedAt, null, null));
        } catch (CharacterCodingException e) {
            // keep the exact bytes recoverable; a lossy decode would hide what the producer really sent
            return json(new Envelope(rejection, Base64.getEncoder().encodeToString(body), "base64", receivedAt, null, null));
        }
    }

    /** The envelope of a request dead-lettered unread (too large): {@code messageBytes} is its size as the broker keeps it. */
    public static String unreadEnvelope(MassUpdateRejection rejection, long messageBytes, Instant receivedAt) {
        return json(new Envelope(rejection, null, IN_MESSAGE_BODY, receivedAt, null, messageBytes));
    }

    private static void putIfKnown(Map<String, Object> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    private static String json(Envelope envelope) {
        try {
            return Json.MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // strings and numbers always write
        }
    }

    /** The envelope as written: keys in this order, {@code original} and the sizes only when there is one. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Envelope(@JsonIgnoreProperties("requestId") MassUpdateRejection reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) String original, String originalEncoding, String receivedAt,
            String requestId, @JsonInclude(JsonInclude.Include.NON_NULL) Long originalBytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long messageBytes) {

        Envelope(MassUpdateRejection reason, String original, String encoding, Instant receivedAt, Long originalBytes,
                Long messageBytes) {
            this(reason, original, encoding, receivedAt.toString(), reason.requestId(), originalBytes, messageBytes);
        }
    }
}
