package io.zohocamel.massupdate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
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

    /** Writes the results message; keys in the documented order (see {@link MassUpdateResults}). */
    void write(JsonGenerator json) throws IOException;

    /**
     * Compact JSON, ready to be the results message body: written straight from the records rather than
     * built as a tree first (a 500-id result is about 45 K characters, 2,000 nodes as a tree).
     */
    default String toJson() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = MassUpdateResults.JSON.getFactory().createGenerator(out)) {
            write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The same message as a tree, for reading it back. */
    default ObjectNode toJsonNode() {
        try {
            return (ObjectNode) MassUpdateResults.JSON.readTree(toJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // what toJson wrote always reads back
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
        public void write(JsonGenerator json) throws IOException {
            json.writeStartObject();
            MassUpdateResults.writeHeader(json, this);
            json.writeStringField("status", status());
            json.writeObjectFieldStart("summary");
            json.writeNumberField("total", total);
            json.writeNumberField("updated", updated);
            json.writeNumberField("failed", failed);
            json.writeNumberField("duplicates_removed", duplicatesRemoved);
            json.writeEndObject();
            json.writeArrayFieldStart("records");
            for (RecordResult r : records) {
                json.writeStartObject();
                json.writeStringField("id", r.id());
                json.writeStringField("status", r.status());
                json.writeStringField("code", r.code());
                json.writeStringField("message", r.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
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
        public void write(JsonGenerator json) throws IOException {
            json.writeStartObject();
            MassUpdateResults.writeHeader(json, this);
            json.writeStringField("job_id", jobId);
            json.writeStringField("status", status);
            json.writeObjectFieldStart("summary");
            writeCount(json, "total", total);
            writeCount(json, "updated", updated);
            writeCount(json, "not_updated", notUpdated);
            writeCount(json, "failed", failed);
            json.writeEndObject();
            if (errorCode != null || errorMessage != null) {
                json.writeObjectFieldStart("error");
                json.writeStringField("code", errorCode);
                json.writeStringField("message", errorMessage);
                json.writeEndObject();
            }
            json.writeEndObject();
        }

        private static void writeCount(JsonGenerator json, String name, Long count) throws IOException {
            if (count == null) {
                json.writeNullField(name);
            } else {
                json.writeNumberField(name, count);
            }
        }
    }
}
