package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Bulk-write jobs: validation at creation (the recorded error codes and messages), the
 * ADDED → IN PROGRESS → COMPLETED timeline (derived from the clock, one jobStep per state), applying the rows
 * to the record store exactly once when the job is first seen COMPLETED (or when its completion timer fires),
 * and the result ZIP.
 */
final class SandboxBulkJobs {

    static final Set<String> OPERATIONS = Set.of("insert", "update", "upsert");
    /** Zoho field api names: a letter, then letters, digits or underscores. */
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");
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

    record Result(List<RowOutcome> rows, int added, int updated, int skipped) {
    }

    static final class BulkJob {
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

        BulkJob(String id, Instant createdAt, Duration step, String operation, String module, String moduleId,
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

    private final SandboxIds ids;
    private final SandboxClock clock;
    private final SandboxRecords records;
    private final SandboxUploads uploads;
    private final SandboxCallbacks callbacks;
    private final Supplier<String> baseUrl;
    private final Map<String, BulkJob> jobs = new LinkedHashMap<>();
    private volatile Duration step;
    private volatile String inProgressSpelling = "IN PROGRESS";

    SandboxBulkJobs(SandboxIds ids, SandboxClock clock, SandboxRecords records, SandboxUploads uploads,
                    SandboxCallbacks callbacks, Supplier<String> baseUrl, Duration step) {
        this.ids = ids;
        this.clock = clock;
        this.records = records;
        this.uploads = uploads;
        this.callbacks = callbacks;
        this.baseUrl = baseUrl;
        this.step = step;
    }

    void setStep(Duration value) {
        step = value;
    }

    Duration step() {
        return step;
    }

    void setInProgressSpelling(String value) {
        inProgressSpelling = value;
    }

    // ------------------------------------------------------------------------------------------ create

    SandboxResponse create(SandboxRequest request) {
        JsonNode body = SandboxJson.parse(request.body());
        return create(null, body);
    }

    /** Validates in a fixed order (keys, operation, module, callback, mappings, file, find_by, mandatory). */
    SandboxResponse create(String forcedId, JsonNode body) {
        if (body == null || !body.isObject()) {
            return bad("INVALID_DATA", "Invalid data", null);
        }
        JsonNode resources = body.get("resource");
        if (resources == null || !resources.isArray() || resources.isEmpty()) {
            return missingKey("resource");
        }
        String operation = SandboxJson.text(body.get("operation"));
        if (operation == null || !OPERATIONS.contains(operation)) {
            return bad("INVALID_DATA", "Invalid data", null); // recorded: a missing operation is INVALID_DATA
        }
        if (resources.size() > 1) {
            return bad("INVALID_DATA", "Invalid data", SandboxJson.object("api_name", "resource"));
        }
        JsonNode resource = resources.get(0);
        String type = SandboxJson.text(resource.get("type"));
        if (type == null) {
            return missingKey("type");
        }
        if (!"data".equals(type)) {
            return bad("INVALID_DATA", "Invalid data", SandboxJson.object("api_name", "type"));
        }
        JsonNode moduleNode = resource.get("module");
        String moduleName = moduleNode == null ? null
                : moduleNode.isObject() ? SandboxJson.text(moduleNode.get("api_name")) : SandboxJson.text(moduleNode);
        if (moduleName == null || moduleName.isBlank()) {
            return missingKey("module");
        }
        String module = records.module(moduleName).orElse(null);
        if (module == null) {
            return bad("INVALID_MODULE", "the module name given seems to be invalid",
                    SandboxJson.object("api_name", "module"));
        }
        String fileId = SandboxJson.text(resource.get("file_id"));
        if (fileId == null || fileId.isBlank()) {
            return missingKey("file_id");
        }
        JsonNode callback = body.get("callback");
        if (callback != null && !callback.isNull()) {
            String url = SandboxJson.text(callback.get("url"));
            String reason = url == null ? "invalid url" : callbacks.rejectReason(url);
            if (reason != null) {
                return bad("INVALID_CALLBACK_URL", "Invalid URL '" + url + "' for callback.",
                        SandboxJson.object("reason", reason));
            }
        }
        SandboxCsvFile file = uploads.file(fileId);
        List<Mapping> mappings = new ArrayList<>();
        JsonNode mappingNodes = resource.get("field_mappings");
        if (mappingNodes != null && mappingNodes.isArray() && !mappingNodes.isEmpty()) {
            for (JsonNode m : mappingNodes) {
                String apiName = SandboxJson.text(m.get("api_name"));
                if (apiName == null) {
                    return missingKey("api_name");
                }
                if (!FIELD_NAME.matcher(apiName).matches()) {
                    return bad("INVALID_FIELD_NAME", "invalid mapping. invalid api_name " + apiName + ".", null);
                }
                JsonNode index = m.get("index");
                mappings.add(new Mapping(apiName, index == null || index.isNull() ? null : index.asInt(),
                        m.get("format"), m.get("find_by"), m.get("default_value")));
            }
        } else if (file != null) {
            // no mappings: Zoho takes the CSV header row as field api names
            for (int i = 0; i < file.header().size(); i++) {
                String apiName = file.header().get(i);
                if (!FIELD_NAME.matcher(apiName).matches()) {
                    return bad("INVALID_FIELD_NAME", "invalid mapping. invalid api_name " + apiName + ".", null);
                }
                mappings.add(new Mapping(apiName, i, null, null, null));
            }
        }
        if (file == null || file.rowCount() == 0) {
            return bad("FILE_NOT_SUPPORTED", "File not supported for bulk write", null);
        }
        for (Mapping m : mappings) {
            if (m.index() == null ? m.defaultText() == null : m.index() < 0 || m.index() >= file.header().size()) {
                return bad("INVALID_DATA", "invalid mapping. invalid index " + m.index() + " for api_name "
                        + m.apiName() + ".", SandboxJson.object("api_name", m.apiName()));
            }
        }
        String findBy = SandboxJson.text(resource.get("find_by"));
        if (!"insert".equals(operation)) {
            if (findBy == null || findBy.isBlank()) {
                return missingKey("find_by");
            }
            String key = findBy;
            if (!"id".equals(key) && mappings.stream().noneMatch(m -> m.apiName().equals(key))) {
                return bad("INVALID_DATA", "find_by field " + findBy + " is not mapped",
                        SandboxJson.object("api_name", "find_by"));
            }
        } else {
            findBy = null;
        }
        if (!"update".equals(operation)) {
            List<String> missing = records.mandatoryFields(module).stream()
                    .filter(f -> mappings.stream().noneMatch(m -> m.apiName().equals(f))).toList();
            if (!missing.isEmpty()) {
                return bad("MANDATORY_FIELDS_NOT_MAPPED",
                        "All mandatory fields are not mapped for the layout " + missing, null);
            }
        }
        String moduleId = moduleNode.isObject() && SandboxJson.text(moduleNode.get("id")) != null
                ? SandboxJson.text(moduleNode.get("id")) : moduleId(module);
        JsonNode encoding = body.get("character_encoding");
        BulkJob job = new BulkJob(forcedId != null ? forcedId : ids.next(), clock.now(), step, operation, module,
                moduleId, file, findBy, List.copyOf(mappings), body.path("ignore_empty").asBoolean(false),
                encoding == null || encoding.isNull() ? "UTF-8" : encoding.asText(),
                callback == null || callback.isNull() ? null : callback);
        synchronized (this) {
            jobs.put(job.id, job);
        }
        ObjectNode answer = SandboxJson.object("status", "success", "code", "SUCCESS", "message", "success",
                "details", SandboxJson.object("id", job.id, "created_by", CREATED_BY));
        return SandboxResponse.json(201, answer);
    }

    Instant completesAt(String jobId) {
        BulkJob job = job(jobId);
        return job == null ? null : job.completesAt();
    }

    private static String moduleId(String module) {
        return "Leads".equals(module) ? "4150868000000002175"
                : "4150868000000002" + String.format("%03d", Math.floorMod(module.hashCode(), 1000));
    }

    private static SandboxResponse bad(String code, String message, ObjectNode details) {
        return SandboxErrors.bulkError(400, code, message, details);
    }

    private static SandboxResponse missingKey(String key) {
        return bad("MISSING_REQUIRED_KEY", "required key " + key + " is not found in request body.", null);
    }

    // ------------------------------------------------------------------------------------------ state

    synchronized BulkJob job(String jobId) {
        return jobs.get(jobId);
    }

    synchronized boolean forget(String jobId) {
        return jobs.remove(jobId) != null;
    }

    /**
     * COMPLETED only once the job has been applied (tick): a job whose completion time passed between a
     * call's tick and this answer still says in progress, never COMPLETED with zero counts.
     */
    String status(BulkJob job, Instant now) {
        if (job.result != null) {
            return "COMPLETED";
        }
        return now.isBefore(job.createdAt.plus(job.step)) ? "ADDED" : inProgressSpelling;
    }

    /**
     * Applies every job whose completion time has passed, oldest completion first, so the record store changes
     * at a well-defined moment regardless of who looks first; then sends their callbacks.
     */
    void tick() {
        List<BulkJob> done = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.now();
            jobs.values().stream().filter(j -> j.result == null && !now.isBefore(j.completesAt()))
                    .sorted(Comparator.comparing(BulkJob::completesAt)).forEach(j -> {
                        j.result = process(j);
                        done.add(j);
                    });
        }
        for (BulkJob job : done) {
            if (job.callback != null && SandboxJson.text(job.callback.get("url")) != null) {
                callbacks.send(job.id, job.callback.get("url").asText(), SandboxJson.object(
                        "job_id", job.id, "status", "COMPLETED", "operation", job.operation, "module", job.module));
            }
        }
    }

    /** Runs the rows against the store under its monitor (see class comment of SandboxRecords). */
    private Result process(BulkJob job) {
        synchronized (records) {
            List<RowOutcome> outcomes = new ArrayList<>();
            int added = 0;
            int updated = 0;
            int skipped = 0;
            for (List<String> row : job.file.rows()) {
                RowOutcome outcome = processRow(job, row);
                outcomes.add(outcome);
                switch (outcome.status()) {
                    case "ADDED" -> added++;
                    case "UPDATED" -> updated++;
                    default -> skipped++;
                }
            }
            return new Result(List.copyOf(outcomes), added, updated, skipped);
        }
    }

    private RowOutcome processRow(BulkJob job, List<String> row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Mapping m : job.mappings) {
            String v = m.index() != null && m.index() < row.size() ? row.get(m.index()) : "";
            if ((v == null || v.isEmpty()) && m.defaultText() != null) {
                v = m.defaultText();
            }
            values.put(m.apiName(), v == null ? "" : v);
        }
        List<String> errors = new ArrayList<>();
        SandboxRecords.StoredRecord target = null;
        boolean insert = "insert".equals(job.operation);
        if (!insert) {
            String key = "id".equals(job.findBy) && !values.containsKey("id") ? "" : values.get(job.findBy);
            target = records.findBy(job.module, job.findBy, key);
            if (target == null) {
                if ("update".equals(job.operation)) {
                    String code = key == null || key.isEmpty() ? "MANDATORY_NOT_FOUND" : "NOT_FOUND";
                    return new RowOutcome("SKIPPED", "", code + "-" + job.findBy);
                }
                insert = true; // upsert without a match inserts
            }
        }
        for (String field : records.mandatoryFields(job.module)) {
            String v = values.get(field);
            boolean empty = v == null || v.isBlank();
            if (insert ? empty : (v != null && empty && !job.ignoreEmpty)) {
                errors.add("MANDATORY_NOT_FOUND-" + field);
            }
        }
        values.forEach((field, v) -> {
            if (SandboxRecords.EMAIL_FIELDS.contains(field) && !v.isBlank() && !EMAIL.matcher(v.trim()).matches()) {
                errors.add("INVALID_DATA-" + field);
            }
        });
        String uniqueField = records.uniqueField(job.module);
        String uniqueValue = uniqueField == null ? null : values.get(uniqueField);
        if (uniqueValue != null && !uniqueValue.isBlank()) {
            SandboxRecords.StoredRecord other = records.findBy(job.module, uniqueField, uniqueValue);
            if (other != null && (target == null || !other.id.equals(target.id))) {
                errors.add("DUPLICATE_DATA-" + uniqueField);
            }
        }
        if (!errors.isEmpty()) {
            return new RowOutcome("SKIPPED", "", String.join(":", errors));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean dropEmpty = insert || job.ignoreEmpty;
        values.forEach((field, v) -> {
            if (!"id".equals(field) && !(dropEmpty && v.isEmpty())) {
                fields.put(field, v);
            }
        });
        if (insert) {
            return new RowOutcome("ADDED", records.insert(job.module, fields), "");
        }
        records.update(job.module, target.id, fields);
        return new RowOutcome("UPDATED", target.id, "");
    }

    // ------------------------------------------------------------------------------------------ answers

    SandboxResponse details(String jobId) {
        BulkJob job = job(jobId);
        if (job == null) {
            return SandboxErrors.resourceNotFound();
        }
        String status = status(job, clock.now());
        boolean completed = "COMPLETED".equals(status);
        Result result = completed ? job.result : null;
        ObjectNode root = SandboxJson.object();
        root.put("status", status);
        root.put("character_encoding", job.encoding);
        ObjectNode resource = root.putArray("resource").addObject();
        resource.put("status", status);
        resource.put("type", "data");
        resource.set("module", SandboxJson.object("id", job.moduleId, "api_name", job.module));
        if (job.findBy != null) {
            resource.put("find_by", job.findBy);
        }
        ArrayNode mappings = resource.putArray("field_mappings");
        for (Mapping m : job.mappings) {
            ObjectNode node = mappings.addObject();
            node.put("api_name", m.apiName());
            if (m.index() == null) {
                node.putNull("index");
            } else {
                node.put("index", m.index());
            }
            node.set("format", m.format() == null ? SandboxJson.MAPPER.nullNode() : m.format());
            node.set("find_by", m.findBy() == null ? SandboxJson.MAPPER.nullNode() : m.findBy());
            node.putNull("module");
            node.set("default_value", m.defaultValue() == null ? SandboxJson.MAPPER.nullNode() : m.defaultValue());
        }
        ObjectNode file = resource.putObject("file");
        file.put("status", status);
        file.put("name", job.file.name());
        file.put("added_count", result == null ? 0 : result.added());
        file.put("skipped_count", result == null ? 0 : result.skipped());
        file.put("updated_count", result == null ? 0 : result.updated());
        file.put("total_count", job.file.rowCount());
        if (completed) {
            resource.put("code", "COMPLETED");
        }
        root.put("id", job.id);
        if (job.callback != null) {
            root.set("callback", job.callback);
        }
        if (completed) {
            root.set("result", SandboxJson.object("download_url", downloadUrl(job.id)));
        }
        root.set("created_by", CREATED_BY);
        root.put("ignore_empty", job.ignoreEmpty);
        root.put("operation", job.operation);
        root.put("created_time", SandboxClock.format(job.createdAt));
        return SandboxResponse.json(200, root);
    }

    String downloadUrl(String jobId) {
        return baseUrl.get() + "/download/bulk-write/" + jobId + ".zip";
    }

    /** The result ZIP; an unknown or unfinished job answers 400 RESOURCE_NOT_FOUND (contract is silent). */
    SandboxResponse download(String jobId) {
        BulkJob job = job(jobId);
        if (job == null || job.result == null) {
            return SandboxErrors.resourceNotFound();
        }
        return SandboxResponse.binary(200, "application/zip", resultZip(job));
    }

    static byte[] resultZip(BulkJob job) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(job.id + ".csv"));
                OutputStreamWriter writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                CsvWriter csv = CsvWriter.builder().build(writer);
                List<String> header = new ArrayList<>(job.file.header());
                header.addAll(List.of("STATUS", "RECORD_ID", "ERRORS"));
                csv.writeRecord(header);
                for (int i = 0; i < job.file.rows().size(); i++) {
                    List<String> line = new ArrayList<>(job.file.rows().get(i));
                    while (line.size() < job.file.header().size()) {
                        line.add("");
                    }
                    RowOutcome outcome = job.result.rows().get(i);
                    line.addAll(List.of(outcome.status(), outcome.recordId(), outcome.errors()));
                    csv.writeRecord(line);
                }
                csv.flush();
                writer.flush();
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
