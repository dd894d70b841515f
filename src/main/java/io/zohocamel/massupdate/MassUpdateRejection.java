package io.zohocamel.massupdate;

import java.util.Objects;

/**
 * Why a request goes to the dead-letter queue, as its headers and envelope say it
 * ({@link MassUpdateDeadLetters}): what is wrong ({@code code}, one of {@link Code} when the runtime refused
 * the request, Zoho's own code when Zoho did), one sentence for the producer's developer ({@code message}),
 * where in the body ({@code where}, a JSON path such as {@code $.data[0]}, {@code $.ids[3]} or {@code $} for
 * the body as a whole; null when Zoho named no place) and the request it refuses ({@code requestId}: the
 * producer's request_id, else the message id; null while unknown).
 */
public record MassUpdateRejection(String code, String message, String where, String requestId) {

    public MassUpdateRejection {
        Objects.requireNonNull(code, "code");
    }

    /** A refusal of the runtime's own, before any call to Zoho; the request is named later ({@link #withRequestId}). */
    MassUpdateRejection(Code code, String where, String message) {
        this(code.name(), message, where, null);
    }

    MassUpdateRejection withRequestId(String id) {
        return new MassUpdateRejection(code, message, where, id);
    }

    @Override
    public String toString() {
        return code + " at " + where + ": " + message;
    }

    /**
     * Why the runtime refused a request before any call to Zoho. The names are part of the contract with
     * producers (they appear in the dead-letter reason), so never rename one.
     */
    public enum Code {
        /** The body is larger than the configured limit (default 10 MiB). */
        BODY_TOO_LARGE,
        /** The body is empty, not UTF-8, not JSON, or has duplicate keys or trailing content. */
        INVALID_JSON,
        /** The JSON is valid but not an object. */
        NOT_AN_OBJECT,
        /** {@code module} is missing, not a string, or not a standard/configured module. */
        UNKNOWN_MODULE,
        /** {@code data} is not an array holding exactly one object. */
        INVALID_DATA,
        /** {@code data[0]} holds more fields than Zoho allows (one; three in Deals). */
        TOO_MANY_FIELDS,
        /** {@code data[0]} holds no field. */
        NO_FIELD,
        /** A field Zoho will not mass-update: email fields, lookups (objects), subforms/line items. */
        FIELD_NOT_ALLOWED,
        /** Neither {@code ids} nor {@code cvid} is given, or {@code ids} is empty. */
        MISSING_TARGET,
        /** Both {@code ids} and {@code cvid} are given. */
        AMBIGUOUS_TARGET,
        /** {@code territory} is only valid together with {@code cvid}. */
        TERRITORY_NEEDS_CVID,
        /** An id (record, custom view or territory) is not a string of 1 to 30 digits. */
        INVALID_ID,
        /** More than 50,000 ids. */
        TOO_MANY_IDS,
        /** A known key holds a value of the wrong JSON type. */
        WRONG_TYPE,
        /** {@code request_id} is not a string of 1..200 characters of {@code [A-Za-z0-9._:-]}. */
        INVALID_REQUEST_ID,
        /** A key that is neither the runtime's own nor part of Zoho's mass-update body. */
        UNKNOWN_KEY
    }
}
