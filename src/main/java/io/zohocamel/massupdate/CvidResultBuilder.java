package io.zohocamel.massupdate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Builds the result of a cvid (scheduler) request (format on {@link MassUpdateResults}): the job id
 * Zoho scheduled, its last Status and counts, and an error when submitting or following it failed.
 * Not thread-safe.
 */
public final class CvidResultBuilder {

    /** Status reported when Zoho never scheduled a job (the submission itself was refused). */
    public static final String FAILED = "FAILED";

    private final String requestId;
    private final String messageId;
    private final String module;
    private String jobId;
    private String status;
    private Long total;
    private Long updated;
    private Long notUpdated;
    private Long failed;
    private String errorCode;
    private String errorMessage;

    CvidResultBuilder(String requestId, String messageId, String module) {
        this.requestId = requestId;
        this.messageId = messageId;
        this.module = Objects.requireNonNull(module, "module");
    }

    /** The {@code details.job_id} of Zoho's "mass update scheduled" answer. */
    public CvidResultBuilder jobId(String jobId) {
        this.jobId = jobId;
        return this;
    }

    /** Zoho's job status as read from the status call; counts may be null when Zoho left them out. */
    public CvidResultBuilder jobStatus(String zohoStatus, Long total, Long updated, Long notUpdated, Long failed) {
        this.status = Objects.requireNonNull(zohoStatus, "zohoStatus");
        this.total = total;
        this.updated = updated;
        this.notUpdated = notUpdated;
        this.failed = failed;
        return this;
    }

    /**
     * Takes Status and counts from Zoho's status answer, either the whole body
     * {@code {"data":[{"Status":…,"Total_Count":…}]}} or its {@code data[0]}.
     *
     * @throws IllegalArgumentException when there is no {@code Status} string in it
     */
    public CvidResultBuilder jobStatusFromZoho(JsonNode statusAnswer) {
        JsonNode entry = statusAnswer != null && statusAnswer.has("data") ? statusAnswer.path("data").path(0) : statusAnswer;
        if (entry == null || !entry.path("Status").isTextual()) {
            throw new IllegalArgumentException("no Status in Zoho's mass update status answer: " + statusAnswer);
        }
        return jobStatus(entry.path("Status").textValue(), count(entry, "Total_Count"), count(entry, "Updated_Count"),
                count(entry, "Not_Updated_Count"), count(entry, "Failed_Count"));
    }

    /**
     * Submitting or following the job failed (e.g. {@code ALREADY_SCHEDULED}, retries exhausted,
     * polling gave up). Without any job status the outcome's status becomes {@code FAILED};
     * with one, Zoho's last known Status is kept and the error explains why it is not final.
     */
    public CvidResultBuilder failure(String code, String message) {
        this.errorCode = code;
        this.errorMessage = message;
        return this;
    }

    /** @throws IllegalStateException when neither a job status nor a failure was given */
    public MassUpdateOutcome.Cvid build() {
        if (status == null && errorCode == null && errorMessage == null) {
            throw new IllegalStateException("a cvid result needs a job status or a failure");
        }
        return new MassUpdateOutcome.Cvid(requestId, messageId, module, jobId, status != null ? status : FAILED,
                total, updated, notUpdated, failed, errorCode, errorMessage);
    }

    public ObjectNode toJsonNode() {
        return build().toJsonNode();
    }

    /** The results message body. */
    public String toJson() {
        return build().toJson();
    }

    private static Long count(JsonNode entry, String name) {
        JsonNode n = entry.get(name);
        return n != null && n.canConvertToLong() ? n.longValue() : null;
    }
}
