package io.zohocamel.zoho;

/** How a caller should react to a Zoho answer: the one decision every route needs. */
public enum Outcome {
    /** Zoho accepted the call. */
    SUCCESS,
    /** Worth trying again later: throttling, server trouble, transport failure, a scheduler still busy. */
    RETRYABLE,
    /** The access token was refused (or none could be obtained): refresh once, then give up. */
    AUTH,
    /** Trying again with the same request will fail the same way. */
    PERMANENT,
    /**
     * No answer tells whether Zoho applied the call (a timeout, a broken connection, a 5xx), and applied twice it
     * would do twice (an insert): it is not sent again, and the caller reports it.
     */
    UNKNOWN
}
