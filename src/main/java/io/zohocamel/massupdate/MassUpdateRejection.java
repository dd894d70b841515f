package io.zohocamel.massupdate;

import java.util.Objects;

/**
 * A request refused by validation: what is wrong ({@code code}), one sentence for the producer's
 * developer ({@code message}) and where in the body ({@code where}, a JSON path such as
 * {@code $.data[0]}, {@code $.ids[3]} or {@code $} for the body as a whole).
 */
public record MassUpdateRejection(RejectionCode code, String message, String where) {

    public MassUpdateRejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(where, "where");
    }

    @Override
    public String toString() {
        return code + " at " + where + ": " + message;
    }
}
