package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One bulk-write job as created (what to write to which module, from which file), and once applied its
 * counts and result file. ADDED for one jobStep, then in progress for one more, then due.
 */
final class SandboxBulkJob {

    static final ObjectNode CREATED_BY = SandboxJson.object("id", "4150868000000225013", "name", "Patricia Boyle");

    record Mapping(String apiName, Integer index, JsonNode format, JsonNode findBy, JsonNode defaultValue) {
        /** default_value is {"value": x} in Zoho's docs; a bare scalar is accepted too. */
        String defaultText() {
            if (defaultValue == null || defaultValue.isNull()) {
                return null;
            }
            return defaultValue.isObject() ? SandboxJson.text(defaultValue.get("value")) : SandboxJson.text(defaultValue);
        }
    }

    record RowOutcome(String status, String recordId, String errors) {
    }

    /** The counts, and the result ZIP on disk (the rows with their outcomes, as the download serves it). */
    record Result(Path file, int added, int updated, int skipped) {
    }

    final String id;
    final Instant createdAt;
    final Duration step;
    final String operation;
    final String module;
    final String moduleId;
    final SandboxCsvFile file;
    final String findBy;
    final List<Mapping> mappings;
    final boolean ignoreEmpty;
    final String encoding;
    final JsonNode callback;
    Result result;

    SandboxBulkJob(String id, Instant createdAt, Duration step, String operation, String module, String moduleId,
                   SandboxCsvFile file, String findBy, List<Mapping> mappings, boolean ignoreEmpty, String encoding,
                   JsonNode callback) {
        this.id = id;
        this.createdAt = createdAt;
        this.step = step;
        this.operation = operation;
        this.module = module;
        this.moduleId = moduleId;
        this.file = file;
        this.findBy = findBy;
        this.mappings = mappings;
        this.ignoreEmpty = ignoreEmpty;
        this.encoding = encoding;
        this.callback = callback;
    }

    Instant completesAt() {
        return createdAt.plus(step.multipliedBy(2));
    }
}
