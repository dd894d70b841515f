package io.zohocamel.jobs;

/** A dropped CSV file: identified by content checksum, module, operation and name. */
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
        long updatedAt) {

    public static final String SUBMITTING = "SUBMITTING";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String COMPLETED = "COMPLETED";
    public static final String ERROR = "ERROR";
}
