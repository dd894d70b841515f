package io.zohocamel.zoho;

/**
 * A Zoho call that did not succeed, carrying Zoho's normalised answer. Routes decide on the
 * subclass: {@link ZohoTransientException} is tried again later, {@link ZohoRejectedException} is
 * reported to the operator and never retried.
 */
public abstract class ZohoCallException extends RuntimeException {

    private final transient ZohoResponse response;

    protected ZohoCallException(String operation, ZohoResponse response) {
        super(operation + ": Zoho answered " + response.code() + " (HTTP " + response.httpStatus() + "): " + response.message());
        this.response = response;
    }

    public ZohoResponse response() {
        return response;
    }

    public String code() {
        return response.code();
    }

    /** The exception a failed call deserves: transient for throttling, outages and auth trouble. */
    public static ZohoCallException of(String operation, ZohoResponse response) {
        return switch (response.outcome()) {
            case RETRYABLE, AUTH -> new ZohoTransientException(operation, response);
            default -> new ZohoRejectedException(operation, response);
        };
    }
}
