package io.zohocamel.massupdate;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.common.Json;
import io.zohocamel.massupdate.MassUpdateRejection.Code;

/**
 * Reads a request body as one JSON object, strictly: within the size limit, UTF-8 (a byte order mark
 * allowed), no duplicate key, nothing after the object. Anything else is refused at {@code $}
 * ({@code BODY_TOO_LARGE}, {@code INVALID_JSON}, {@code NOT_AN_OBJECT}). Thread-safe.
 */
final class RequestBodyReader {

    // duplicate keys would make "which value wins" a parser detail; trailing content hints at a broken producer
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // pass field values to Zoho exactly as written (no double rounding, no zero stripping)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private final int maxBodyBytes;

    /** @param maxBodyBytes largest body accepted, in bytes (must be positive) */
    RequestBodyReader(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @throws MassUpdateRejected when the body is not one JSON object within the limit */
    ObjectNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw reject("The message body is empty; send a JSON object.");
        }
        if (body.length > maxBodyBytes) {
            throw MassUpdateRejected.of(Code.BODY_TOO_LARGE, RejectionWording.ROOT, "The body is " + body.length
                    + " bytes, more than the limit of " + maxBodyBytes + " bytes; split the update into several messages.");
        }
        String text;
        try {
            text = strictUtf8(body);
        } catch (MalformedInputException e) {
            throw reject("The body is not valid UTF-8 (bad byte sequence near byte offset " + offsetOf(body) + ").");
        } catch (CharacterCodingException e) {
            throw reject("The body is not valid UTF-8.");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // a UTF-8 byte order mark is harmless; some producers add one
        }
        if (text.isBlank()) {
            throw reject("The message body is empty; send a JSON object.");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                    ? "more content follows the first JSON value" : firstLine(e.getOriginalMessage());
            throw reject("The body is not valid JSON" + where(e) + ": " + detail + ".");
        }
        if (root == null || !root.isObject()) {
            throw MassUpdateRejected.of(Code.NOT_AN_OBJECT, RejectionWording.ROOT,
                    "The body must be a JSON object, but it is " + RejectionWording.describe(root) + ".");
        }
        return (ObjectNode) root;
    }

    /** The body as text, or an exception at its first byte that is not UTF-8. */
    static String strictUtf8(byte[] body) throws CharacterCodingException {
        return decoder().decode(ByteBuffer.wrap(body)).toString();
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Byte offset of the first malformed sequence (decodes again; only on the rejection path). */
    private static long offsetOf(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        decoder().decode(in, CharBuffer.allocate(body.length + 1), true);
        return in.position();
    }

    private static String where(JacksonException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable content";
        }
        String line = s.lines().findFirst().orElse(s).strip();
        while (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static MassUpdateRejected reject(String message) {
        return MassUpdateRejected.of(Code.INVALID_JSON, RejectionWording.ROOT, message);
    }
}
