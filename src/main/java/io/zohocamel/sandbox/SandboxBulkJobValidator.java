package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a create-job body into a bulk-write job, or refuses it with the error code and message Zoho was
 * recorded sending. Checks run in a fixed order: keys, operation, module, callback, mappings, file, find_by,
 * mandatory fields.
 */
final class SandboxBulkJobValidator {

    static final Set<String> OPERATIONS = Set.of("insert", "update", "upsert");
    /** Zoho field api names: a letter, then letters, digits or underscores. */
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** The job, or the answer refusing it. */
    record Outcome(SandboxBulkJob job, SandboxResponse refusal) {
    }

    private final SandboxIds ids;
    private final SandboxClock clock;
    private final SandboxRecords records;
    private final SandboxUploads uploads;
    private final SandboxCallbacks callbacks;

    SandboxBulkJobValidator(SandboxIds ids, SandboxClock clock, SandboxRecords records, SandboxUploads uploads,
                            SandboxCallbacks callbacks) {
        this.ids = ids;
        this.clock = clock;
        this.records = records;
        this.uploads = uploads;
        this.callbacks = callbacks;
    }

    /** forcedId: the id the job gets, null = a fresh one (drawn only for a valid job). */
    Outcome read(String forcedId, JsonNode body, Duration step, Duration queue) {
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
        List<SandboxBulkJob.Mapping> mappings = new ArrayList<>();
        JsonNode mappingNodes = resource.get("field_mappings");
        if (mappingNodes != null && mappingNodes.isArray() && !mappingNodes.isEmpty()) {
            for (JsonNode m : mappingNodes) {
                String apiName = SandboxJson.text(m.get("api_name"));
                if (apiName == null) {
                    return missingKey("api_name");
                }
                if (!FIELD_NAME.matcher(apiName).matches()) {
                    return invalidApiName(apiName);
                }
                JsonNode index = m.get("index");
                mappings.add(new SandboxBulkJob.Mapping(apiName, index == null || index.isNull() ? null : index.asInt(),
                        m.get("format"), m.get("find_by"), m.get("default_value")));
            }
        } else if (file != null) {
            // no mappings: Zoho takes the CSV header row as field api names
            for (int i = 0; i < file.header().size(); i++) {
                String apiName = file.header().get(i);
                if (!FIELD_NAME.matcher(apiName).matches()) {
                    return invalidApiName(apiName);
                }
                mappings.add(new SandboxBulkJob.Mapping(apiName, i, null, null, null));
            }
        }
        if (file == null || file.rowCount() == 0) {
            return bad("FILE_NOT_SUPPORTED", "File not supported for bulk write", null);
        }
        for (SandboxBulkJob.Mapping m : mappings) {
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
        return new Outcome(new SandboxBulkJob(forcedId != null ? forcedId : ids.next(), clock.now(), step, queue, operation,
                module, moduleId, file, findBy, List.copyOf(mappings), body.path("ignore_empty").asBoolean(false),
                encoding == null || encoding.isNull() ? "UTF-8" : encoding.asText(),
                callback == null || callback.isNull() ? null : callback), null);
    }

    /** The module's id in the recorded org (Leads as recorded, others derived from the name). */
    static String moduleId(String module) {
        return "Leads".equals(module) ? "4150868000000002175"
                : "4150868000000002" + String.format("%03d", Math.floorMod(module.hashCode(), 1000));
    }

    private static Outcome bad(String code, String message, ObjectNode details) {
        return new Outcome(null, SandboxErrors.bulkError(400, code, message, details));
    }

    private static Outcome missingKey(String key) {
        return bad("MISSING_REQUIRED_KEY", "required key " + key + " is not found in request body.", null);
    }

    private static Outcome invalidApiName(String apiName) {
        return bad("INVALID_FIELD_NAME", "invalid mapping. invalid api_name " + apiName + ".", null);
    }
}
