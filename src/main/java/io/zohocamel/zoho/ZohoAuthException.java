package io.zohocamel.zoho;

import java.time.Instant;
import java.util.Optional;

/**
 * No access token could be obtained. Carries a Zoho-style code (INVALID_CLIENT, INVALID_CODE,
 * ACCESS_DENIED, TOKEN_BUDGET_EXHAUSTED, CONNECTION_FAILED, ...) and, when the refresh budget is the
 * reason, the instant at which the next refresh is allowed. Never carries a secret.
 */
public class ZohoAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient Instant retryAt;

    public ZohoAuthException(String code, String message) {
        this(code, message, null);
    }

    public ZohoAuthException(String code, String message, Instant retryAt) {
        super(code + ": " + message);
        this.code = code;
        this.retryAt = retryAt;
    }

    public String code() {
        return code;
    }

    /** When the next refresh may be tried (set for TOKEN_BUDGET_EXHAUSTED). */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
