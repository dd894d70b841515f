package io.zohocamel.zoho;

/** Zoho refused the request itself (bad mapping, unknown module, missing scope): retrying cannot help. */
public class ZohoRejectedException extends ZohoCallException {

    public ZohoRejectedException(String operation, ZohoResponse response) {
        super(operation, response);
    }
}
