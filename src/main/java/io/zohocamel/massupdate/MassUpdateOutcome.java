package io.zohocamel.massupdate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The result of one mass-update request, as published on the results queue. Built by
 * {@link IdsResultBuilder} or {@link CvidResultBuilder}; the JSON formats are documented on
 * {@link MassUpdateResults}.
 */
public sealed interface MassUpdateOutcome permits MassUpdateOutcome.Ids, MassUpdateOutcome.Cvid {

    String RECORD_SUCCESS = "success";
    String RECORD_ERROR = "error";
    /** Code of an id Zoho gave no answer for (batch lost, answer shorter than the batch). */
    String NO_RESULT = "NO_RESULT";

    String requestId();

    String messageId();

    String module();

    MassUpdateKind kind();

    /** {@code COMPLETED | PARTIAL | FAILED} for ids; Zoho's job Status for cvid. */
    String status();

    ObjectNode toJsonNode();

    /** Compact JSON, ready to be the results message body. */
    default String toJson() {
        try {
            return MassUpdateResults.JSON.writeValueAsString(toJsonNode());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    /** Overall status of an ids request. */
    enum IdsStatus {
        /** Every id updated. */
        COMPLETED,
        /** Some ids updated, some not. */
        PARTIAL,
        /** No id updated. */
        FAILED
    }

    /** What happened to one record id: {@code status} is {@code success} or {@code error}. */
    record RecordResult(String id, String status, String code, String message) {
        public RecordResult {
            Objects.requireNonNull(status, "status");
        }

        public boolean success() {
            return RECORD_SUCCESS.equals(status);
        }
    }

    /** Outcome of an ids request: one record per requested id, in request order. */
    record Ids(String requestId, String messageId, String module, IdsStatus overall, int total, int updated,
            int failed, int duplicatesRemoved, List<RecordResult> records) implements MassUpdateOutcome {

        public Ids {
            records = List.copyOf(records);
        }

        @Override
        public MassUpdateKind kind() {
            return MassUpdateKind.IDS;
        }

        @Override
        public String status() {
            return overall.name();
        }

        @Override
        public ObjectNode toJsonNode() {
            ObjectNode json = MassUpdateResults.header(this);
            ObjectNode summary = json.putObject("summary");
            summary.put("total", total);
            summary.put("updated", updated);
            summary.put("failed", failed);
            summary.put("duplicates_removed", duplicatesRemoved);
            var array = json.putArray("records");
            for (RecordResult r : records) {
                ObjectNode rec = array.addObject();
                rec.put("id", r.id());
                rec.put("status", r.status());
                rec.put("code", r.code());
                rec.put("message", r.message());
            }
            return json;
        }
    }

    /**
     * Outcome of a cvid (scheduler) request. Counts are Zoho's and {@code null} while unknown
     * (no job was created, or its status was never read); {@code errorCode}/{@code errorMessage}
     * are set only when the runtime could not submit or follow the job.
     */
    record Cvid(String requestId, String messageId, String module, String jobId, String status, Long total,
            Long updated, Long notUpdated, Long failed, String errorCode, String errorMessage) implements MassUpdateOutcome {

        public Cvid {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public MassUpdateKind kind() {
            return MassUpdateKind.CVID;
        }

        @Override
        public ObjectNode toJsonNode() {
            ObjectNode json = MassUpdateResults.header(this);
            json.put("job_id", jobId);
            // header() put status before job_id; keep the documented order: job_id, then status
            json.remove("status");
            json.put("status", status);
            ObjectNode summary = json.putObject("summary");
            summary.put("total", total);
            summary.put("updated", updated);
            summary.put("not_updated", notUpdated);
            summary.put("failed", failed);
            if (errorCode != null || errorMessage != null) {
                ObjectNode error = json.putObject("error");
                error.put("code", errorCode);
                error.put("message", errorMessage);
            }
            return json;
        }
    }
}
