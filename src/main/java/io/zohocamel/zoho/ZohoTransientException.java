package io.zohocamel.zoho;

/** Throttled, unavailable, timed out, or the token is being renewed: the same call may work later. */
public class ZohoTransientException extends ZohoCallException {

    public ZohoTransientException(String operation, ZohoResponse response) {
        super(operation, response);
    }
}
