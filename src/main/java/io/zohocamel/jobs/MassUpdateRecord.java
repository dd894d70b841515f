package io.zohocamel.jobs;

/**
 * A mass-update request by its request id: what makes a redelivered request harmless. A request refused
 * before any call may have no module or kind; {@code errorCode} and {@code message} say why it was
 * dead-lettered. {@code createdAt} is when it arrived.
 */
public record MassUpdateRecord(String requestId, String module, String kind, String status, String zohoJobId,
                               String result, long createdAt, long updatedAt, String errorCode, String message) {

    public static final String IN_FLIGHT = "IN_FLIGHT";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String COMPLETED = "COMPLETED";
    public static final String DEAD_LETTERED = "DEAD_LETTERED";

    /** From arrival to its end (COMPLETED or DEAD_LETTERED), null while it is not over. */
    public Long tookMillis() {
        return COMPLETED.equals(status) || DEAD_LETTERED.equals(status) ? Math.max(0, updatedAt - createdAt) : null;
    }
}
