package io.zohocamel.massupdate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What goes with a rejected request to the dead-letter queue. The DLQ message body is the original
 * body, untouched, so it can be fixed and replayed; the reason travels beside it:
 * <ul>
 *   <li>{@link #headers} — small JMS-safe message properties (names are Java identifiers, as JMS
 *       requires, so Camel does not mangle them);</li>
 *   <li>{@link #envelope} — a self-contained JSON for a side channel or log store:
 * <pre>{@code
 * {"reason":{"code":"INVALID_ID","message":"Record id at $.ids[3] ...","where":"$.ids[3]"},
 *  "original":"{\"module\":\"Leads\",...}",    // the body as text, or base64 when it is not valid UTF-8
 *  "original_encoding":"utf-8" | "base64",
 *  "received_at":"2025-01-31T10:15:30Z",         // ISO-8601, UTC
 *  "request_id":"crm-sync-42"}                   // null when unknown
 * }</pre></li>
 * </ul>
 */
public final class DeadLetter {

    public static final String HEADER_CODE = "MassUpdateRejectCode";
    public static final String HEADER_MESSAGE = "MassUpdateRejectMessage";
    public static final String HEADER_WHERE = "MassUpdateRejectWhere";
    public static final String HEADER_REQUEST_ID = "MassUpdateRequestId";

    private DeadLetter() {
    }

    /** Envelope for a validation rejection; {@code receivedAt} null means now. */
    public static ObjectNode envelope(MassUpdateRejection rejection, byte[] originalBody, String requestId,
            Instant receivedAt) {
        return envelope(rejection.code().name(), rejection.message(), rejection.where(), originalBody, requestId,
                receivedAt);
    }

    /** Envelope for any other reason (e.g. a Zoho-side refusal); {@code where} may be null. */
    public static ObjectNode envelope(String code, String message, String where, byte[] originalBody,
            String requestId, Instant receivedAt) {
        Objects.requireNonNull(code, "code");
        ObjectNode json = MassUpdateResults.JSON.createObjectNode();
        ObjectNode reason = json.putObject("reason");
        reason.put("code", code);
        reason.put("message", message);
        reason.put("where", where);
        byte[] body = originalBody == null ? new byte[0] : originalBody;
        String text = utf8OrNull(body);
        if (text != null) {
            json.put("original", text);
            json.put("original_encoding", "utf-8");
        } else {
            // keep the exact bytes recoverable; a lossy decode would hide what the producer really sent
            json.put("original", Base64.getEncoder().encodeToString(body));
            json.put("original_encoding", "base64");
        }
        json.put("received_at", (receivedAt == null ? Instant.now() : receivedAt).toString());
        json.put("request_id", requestId);
        return json;
    }

    /**
     * Envelope for a request dead-lettered without being read (too large): its body is only in the message
     * body, {@code message_bytes} is its size as the broker keeps it.
     */
    public static ObjectNode unreadEnvelope(String code, String message, String where, long messageBytes, String requestId,
            Instant receivedAt) {
        return bodyInMessageEnvelope(code, message, where, "message_bytes", messageBytes, requestId, receivedAt);
    }

    /**
     * Envelope whose original is only in the message body ({@code original_encoding} "message-body"), too large
     * to be decoded for it or carried in a header; {@code sizeField} says how many bytes the body has.
     */
    static ObjectNode bodyInMessageEnvelope(String code, String message, String where, String sizeField, long bytes,
            String requestId, Instant receivedAt) {
        ObjectNode json = envelope(code, message, where, null, requestId, receivedAt);
        json.remove("original");
        json.put("original_encoding", "message-body");
        json.put(sizeField, bytes);
        return json;
    }

    /** {@link #envelope(MassUpdateRejection, byte[], String, Instant)} as compact JSON text. */
    public static String envelopeJson(MassUpdateRejection rejection, byte[] originalBody, String requestId,
            Instant receivedAt) {
        try {
            return MassUpdateResults.JSON.writeValueAsString(envelope(rejection, originalBody, requestId, receivedAt));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Message properties for the DLQ message; the request id only when known. */
    public static Map<String, Object> headers(MassUpdateRejection rejection, String requestId) {
        return headers(rejection.code().name(), rejection.message(), rejection.where(), requestId);
    }

    public static Map<String, Object> headers(String code, String message, String where, String requestId) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HEADER_CODE, Objects.requireNonNull(code, "code"));
        if (message != null) {
            headers.put(HEADER_MESSAGE, message);
        }
        if (where != null) {
            headers.put(HEADER_WHERE, where);
        }
        if (requestId != null) {
            headers.put(HEADER_REQUEST_ID, requestId);
        }
        return headers;
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
