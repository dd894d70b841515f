package io.zohocamel.jobs;

/**
 * A dropped CSV file: identified by content checksum, module, operation and name. A file refused while it
 * was checked has no checksum, and no module or operation when it was dropped in the wrong place; its
 * {@code errorCode} says why. {@code createdAt} is when it arrived.
 */
public record BulkFile(
        long id,
        String checksum,
        String module,
        String operation,
        String fileName,
        String status,
        Long rowsTotal,
        Integer chunksTotal,
        String location,
        String reportName,
        String specJson,
        String message,
        long createdAt,
        long updatedAt,
        String errorCode) {

    public static final String SUBMITTING = "SUBMITTING";
    /** In the inbox, nothing sent: its jobs would spend more API credits than zoho.daily-credit-budget leaves. */
    public static final String WAITING_FOR_CREDITS = "WAITING_FOR_CREDITS";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String COMPLETED = "COMPLETED";
    public static final String ERROR = "ERROR";

    /** From arrival to its end (COMPLETED or ERROR), null while it is not over. */
    public Long tookMillis() {
        return COMPLETED.equals(status) || ERROR.equals(status) ? Math.max(0, updatedAt - createdAt) : null;
    }
}
