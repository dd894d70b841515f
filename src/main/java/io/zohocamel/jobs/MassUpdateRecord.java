package io.zohocamel.jobs;

/** A mass-update request by its request id: what makes a redelivered request harmless. */
public record MassUpdateRecord(String requestId, String module, String kind, String status, String zohoJobId,
                               String result, long createdAt, long updatedAt) {

    public static final String IN_FLIGHT = "IN_FLIGHT";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String COMPLETED = "COMPLETED";
    public static final String DEAD_LETTERED = "DEAD_LETTERED";
}
