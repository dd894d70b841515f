package io.zohocamel.bulk;

/**
 * Zoho refused an insert's call for now (throttled, credits, no connection) after the client's retries: none of
 * its rows went in, so the file stays in the inbox and the call is made at a later scan. Not a
 * ZohoTransientException: the route must not redeliver the step that found it, only the next scan resends.
 */
public class RecordsNotTaken extends RuntimeException {

    public RecordsNotTaken(String message) {
        super(message);
    }
}
