package io.zohocamel.massupdate;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.zohocamel.common.Json;

/**
 * The result of one mass-update request, the one message published for it on the results queue: these
 * records as Jackson writes them (keys in the order shown, nulls written, but for a cvid's {@code error}).
 *
 * <h2>ids request</h2>
 * <pre>{@code
 * {"request_id":"crm-sync-42",          // null when the producer sent none
 *  "message_id":"ID:broker-1-42",       // id of the queue message that carried the request
 *  "module":"Leads",
 *  "kind":"ids",
 *  "status":"COMPLETED" | "PARTIAL" | "FAILED",   // all updated | some | none
 *  "summary":{"total":3,"updated":2,"failed":1,"duplicates_removed":0},
 *  "records":[                                    // every requested id exactly once, in request order
 *    {"id":"554023000000497007","status":"success","code":"SUCCESS","message":"record updated"},
 *    {"id":"554023000000497021","status":"error","code":"INVALID_DATA","message":"the id given seems to be invalid"},
 *    {"id":"554023000000497035","status":"error","code":"NO_RESULT","message":"Zoho returned no result for this id; ..."}]}
 * }</pre>
 * {@code total} counts distinct ids (duplicates in the request are removed before sending and counted in
 * {@code duplicates_removed}); {@code failed = total - updated}. A record's {@code code}/{@code message}
 * are Zoho's (or the runtime's for a batch that failed as a whole, or {@code NO_RESULT}) and may be null.
 * Built by {@link IdsOutcomeBuilder}.
 *
 * <h2>cvid request</h2>
 * <pre>{@code
 * {"request_id":"crm-sync-43","message_id":"ID:broker-1-43","module":"Deals","kind":"cvid",
 *  "job_id":"554023000000506003",        // null when Zoho never scheduled a job
 *  "status":"COMPLETED",                 // Zoho's last Status: COMPLETED | FAILED (| SCHEDULED | RUNNING if
 *                                        // the runtime stopped following); "FAILED" when no job was scheduled
 *  "summary":{"total":50,"updated":50,"not_updated":0,"failed":0},   // Zoho's counts, null when unknown
 *  "error":{"code":"ALREADY_SCHEDULED","message":"..."}}             // only when submitting/following failed
 * }</pre>
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"request_id", "message_id", "module", "kind"}) // then each record's own, in their order
public sealed interface MassUpdateOutcome permits MassUpdateOutcome.Ids, MassUpdateOutcome.Cvid {

    String requestId();

    String messageId();

    String module();

    @JsonProperty
    MassUpdateKind kind();

    /**
     * Compact JSON, ready to be the results message body: written straight from the records rather than
     * built as a tree first (a 500-id result is about 45 K characters, 2,000 nodes as a tree).
     */
    default String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // strings and numbers always write
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

        public static final String SUCCESS = "success";
        public static final String ERROR = "error";
        /** Code of an id Zoho gave no answer for (batch lost, answer shorter than the batch). */
        public static final String NO_RESULT = "NO_RESULT";

        public RecordResult {
            Objects.requireNonNull(status, "status");
        }

        public boolean success() {
            return SUCCESS.equals(status);
        }
    }

    /** Outcome of an ids request: one record per requested id, in request order. */
    record Ids(String requestId, String messageId, String module, IdsStatus status, Summary summary,
            List<RecordResult> records) implements MassUpdateOutcome {

        public Ids {
            Objects.requireNonNull(module, "module");
            records = List.copyOf(records);
        }

        @Override
        public MassUpdateKind kind() {
            return MassUpdateKind.IDS;
        }

        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        public record Summary(int total, int updated, int failed, int duplicatesRemoved) {
        }
    }

    /**
     * Outcome of a cvid (scheduler) request. Counts are Zoho's and {@code null} while unknown
     * (no job was created, or its status was never read); {@code error} is set only when the runtime
     * could not submit or follow the job.
     */
    record Cvid(String requestId, String messageId, String module, String jobId, String status, Summary summary,
            @JsonInclude(JsonInclude.Include.NON_NULL) Failure error) implements MassUpdateOutcome {

        /** Status reported when Zoho never scheduled a job (the submission itself was refused). */
        public static final String FAILED = "FAILED";

        /**
         * @param status Zoho's last job Status; null when there is none, which takes a failure and reports {@code FAILED}
         * @param summary null when Zoho gave no counts
         * @param error   why the job was not submitted or followed to its end; with a status, why that one is not final
         * @throws IllegalArgumentException when there is neither a job status nor a failure
         */
        public Cvid {
            Objects.requireNonNull(module, "module");
            if (status == null && error == null) {
                throw new IllegalArgumentException("a cvid outcome needs a job status or a failure");
            }
            status = status != null ? status : FAILED;
            summary = summary != null ? summary : new Summary(null, null, null, null);
        }

        @Override
        public MassUpdateKind kind() {
            return MassUpdateKind.CVID;
        }

        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        public record Summary(Long total, Long updated, Long notUpdated, Long failed) {
        }

        /** Why the runtime could not submit or follow the job (e.g. {@code ALREADY_SCHEDULED}, polling gave up). */
        public record Failure(String code, String message) {
        }
    }
}
