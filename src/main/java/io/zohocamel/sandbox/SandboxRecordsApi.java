package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Zoho's Records API: insert ({@code POST /crm/{v}/{module}}), update ({@code PUT /crm/{v}/{module}}, each
 * record with its "id") and upsert ({@code POST /crm/{v}/{module}/upsert}, optional duplicate_check_fields).
 * Body {@code {"data":[1..100 records],"trigger":[...],"duplicate_check_fields":[...]}}; one answer entry per
 * record, in input order ({@link SandboxRecordWrites}). HTTP status: every record written 201 (insert) or 200
 * (update, upsert), some 207, none 400, each with its data[]. Request-level errors come at top level with 400:
 * no data (MANDATORY_NOT_FOUND), more than 100 records (LIMIT_EXCEEDED), a bad trigger or duplicate-check field
 * (INVALID_DATA); an unknown module is INVALID_MODULE.
 */
final class SandboxRecordsApi {

    /** Records per call (Zoho's insert, update and upsert docs). */
    static final int MAX_RECORDS = 100;
    /** What "trigger" may name (Kaizen 148); an empty list runs no automation. */
    static final Set<String> TRIGGERS = Set.of("workflow", "approval", "blueprint", "pathfinder", "orchestration");

    private final SandboxRecords records;
    private final SandboxRecordWrites writes;

    SandboxRecordsApi(SandboxRecords records) {
        this.records = records;
        this.writes = new SandboxRecordWrites(records);
    }

    SandboxResponse insert(SandboxRequest request, Matcher path) {
        return answer(request, path, SandboxRecordWrites.Operation.INSERT);
    }

    SandboxResponse update(SandboxRequest request, Matcher path) {
        return answer(request, path, SandboxRecordWrites.Operation.UPDATE);
    }

    SandboxResponse upsert(SandboxRequest request, Matcher path) {
        return answer(request, path, SandboxRecordWrites.Operation.UPSERT);
    }

    /**
     * The scopes a Records API call accepts (Zoho's docs): ZohoCRM.modules.ALL, or the module's ALL, WRITE or the
     * operation's own (CREATE for insert and upsert, UPDATE for update); module names in scopes are lower case
     * without underscores ("pricebooks"), and custom modules are "custom".
     */
    SandboxRoute.Scopes scopes(boolean upsert) {
        return (method, path) -> {
            String module = records.module(path.group("module")).orElse(path.group("module"));
            String name = SandboxRecords.STANDARD_MODULES.contains(module)
                    ? module.toLowerCase(Locale.ROOT).replace("_", "") : "custom";
            String operation = !upsert && "PUT".equals(method) ? "UPDATE" : "CREATE";
            String prefix = "ZohoCRM.modules." + name + ".";
            return Set.of(SandboxTokens.SCOPE_MODULES, prefix + "ALL", prefix + "WRITE", prefix + operation);
        };
    }

    private SandboxResponse answer(SandboxRequest request, Matcher path, SandboxRecordWrites.Operation operation) {
        return records.module(path.group("module"))
                .map(module -> answer(module, SandboxJson.parse(request.body()), operation))
                .orElseGet(SandboxErrors::invalidModule);
    }

    private SandboxResponse answer(String module, JsonNode body, SandboxRecordWrites.Operation operation) {
        if (body == null || !body.isObject()) {
            return SandboxErrors.error(400, "INVALID_DATA", "the request body is not valid JSON", null);
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isArray() || data.isEmpty()) {
            return SandboxErrors.error(400, "MANDATORY_NOT_FOUND", "required field not found",
                    SandboxJson.object("api_name", "data", "json_path", "$.data"));
        }
        if (data.size() > MAX_RECORDS) {
            // Inferred: Zoho documents the limit and LIMIT_EXCEEDED {maximum_length, api_name} (crm-oas v8
            // updateRecords), not a recorded answer to 101 records; top level like the sandbox's other limits.
            return SandboxErrors.error(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit of "
                    + MAX_RECORDS, SandboxJson.object("maximum_length", MAX_RECORDS, "api_name", "data"));
        }
        SandboxResponse badTrigger = checkTrigger(body.get("trigger"));
        if (badTrigger != null) {
            return badTrigger;
        }
        List<String> duplicateCheck = List.of();
        if (operation == SandboxRecordWrites.Operation.UPSERT) {
            JsonNode named = body.get("duplicate_check_fields");
            if (named == null || named.isNull() || named.isArray() && named.isEmpty()) {
                duplicateCheck = records.defaultDuplicateCheckFields(module);
            } else if (!named.isArray()) {
                return invalid("duplicate_check_fields", "$.duplicate_check_fields");
            } else {
                Set<String> fields = new LinkedHashSet<>();
                for (int i = 0; i < named.size(); i++) {
                    String field = SandboxJson.text(named.get(i));
                    if (field == null || !records.hasField(module, field)) {
                        return invalid("duplicate_check_fields", "$.duplicate_check_fields[" + i + "]");
                    }
                    fields.add(field);
                }
                duplicateCheck = List.copyOf(fields);
            }
        }
        List<ObjectNode> results = new ArrayList<>(data.size());
        synchronized (records) {
            for (int i = 0; i < data.size(); i++) {
                results.add(writes.write(module, operation, i, data.get(i), duplicateCheck));
            }
        }
        long written = results.stream().filter(r -> "success".equals(r.path("status").asText())).count();
        int allWritten = operation == SandboxRecordWrites.Operation.INSERT ? 201 : 200;
        ObjectNode root = SandboxJson.object();
        ArrayNode answers = root.putArray("data");
        results.forEach(answers::add);
        return SandboxResponse.json(written == results.size() ? allWritten : written == 0 ? 400 : 207, root);
    }

    /** Absent: Zoho runs every automation; present, it must list known ones only (an empty list runs none). */
    private static SandboxResponse checkTrigger(JsonNode trigger) {
        if (trigger == null || trigger.isNull()) {
            return null;
        }
        if (!trigger.isArray()) {
            return invalid("trigger", "$.trigger");
        }
        for (int i = 0; i < trigger.size(); i++) {
            String value = SandboxJson.text(trigger.get(i));
            if (value == null || !TRIGGERS.contains(value)) {
                return invalid("trigger", "$.trigger[" + i + "]");
            }
        }
        return null;
    }

    private static SandboxResponse invalid(String apiName, String jsonPath) {
        return SandboxErrors.error(400, "INVALID_DATA", "invalid data",
                SandboxJson.object("api_name", apiName, "json_path", jsonPath));
    }
}
