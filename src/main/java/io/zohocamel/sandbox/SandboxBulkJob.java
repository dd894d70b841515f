package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One bulk-write job as created (what to write to which module, from which file), and once applied its
 * counts and result file. ADDED while queued (one jobStep unless told otherwise), then in progress for one
 * jobStep with its rows gone through evenly over that time, then due.
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
    /** How long it waits ADDED before it runs. */
    final Duration queue;
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

    SandboxBulkJob(String id, Instant createdAt, Duration step, Duration queue, String operation, String module, String moduleId,
                   SandboxCsvFile file, String findBy, List<Mapping> mappings, boolean ignoreEmpty, String encoding,
                   JsonNode callback) {
        this.id = id;
        this.createdAt = createdAt;
        this.step = step;
        this.queue = queue;
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

    Instant runsAt() {
        return createdAt.plus(queue);
    }

    Instant completesAt() {
        return runsAt().plus(step);
    }

    /** Rows gone through at {@code now}: none while queued, then evenly over the running step, all once due. */
    int processedAt(Instant now) {
        if (now.isBefore(runsAt())) {
            return 0;
        }
        double fraction = Duration.between(runsAt(), now).toNanos() / (double) Math.max(1, step.toNanos());
        return (int) Math.min(file.rowCount(), Math.floor(file.rowCount() * fraction));
    }
}
