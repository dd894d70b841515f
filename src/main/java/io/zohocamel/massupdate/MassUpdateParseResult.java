package io.zohocamel.massupdate;

/**
 * Either a valid {@link MassUpdateRequest} or a {@link MassUpdateRejection}. The rejection names the
 * producer's {@code request_id} whenever it could be read, even from a rejected body, so the
 * dead letter can still be correlated.
 */
public final class MassUpdateParseResult {

    private final MassUpdateRequest request;
    private final MassUpdateRejection rejection;

    private MassUpdateParseResult(MassUpdateRequest request, MassUpdateRejection rejection) {
        this.request = request;
        this.rejection = rejection;
    }

    static MassUpdateParseResult accepted(MassUpdateRequest request) {
        return new MassUpdateParseResult(request, null);
    }

    static MassUpdateParseResult rejected(MassUpdateRejection rejection) {
        return new MassUpdateParseResult(null, rejection);
    }

    public boolean isValid() {
        return request != null;
    }

    /** @throws IllegalStateException when the body was rejected */
    public MassUpdateRequest request() {
        if (request == null) {
            throw new IllegalStateException("request was rejected: " + rejection);
        }
        return request;
    }

    /** @throws IllegalStateException when the body was valid */
    public MassUpdateRejection rejection() {
        if (rejection == null) {
            throw new IllegalStateException("request is valid, there is no rejection");
        }
        return rejection;
    }

    /** The body's {@code request_id} if it was a valid one, else {@code null}. */
    public String requestId() {
        return isValid() ? request.requestId() : rejection.requestId();
    }

    @Override
    public String toString() {
        return isValid() ? request.toString() : "rejected " + rejection;
    }
}
