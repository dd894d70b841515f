package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of a Records API insert, update or upsert, judged and applied the way Zoho does, giving its entry of
 * the answer's data[]: SUCCESS with the record's id and audit fields, or the first error found, in Zoho's order
 * (record id, mandatory fields, email format, the module's unique field). Callers hold the record store's monitor
 * for the whole request, so the records of one call see each other (a second record with the same email is a
 * duplicate of the first). Shapes: crm-oas v8 record examples (createRecords, updateRecords, upsertRecords).
 */
final class SandboxRecordWrites {

    enum Operation { INSERT, UPDATE, UPSERT }

    private final SandboxRecords records;

    SandboxRecordWrites(SandboxRecords records) {
        this.records = records;
    }

    /** The answer entry for data[index]; duplicateCheck: the fields an upsert matches on, in order. */
    ObjectNode write(String module, Operation operation, int index, JsonNode record, List<String> duplicateCheck) {
        String path = "$.data[" + index + "]";
        if (record == null || !record.isObject()) {
            return error("INVALID_DATA", "invalid data", SandboxJson.object("api_name", "data", "json_path", path));
        }
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if ("id".equals(name) || name.startsWith("$")) {
                continue; // the record's id, and Zoho's own keys ($append_values, $approval_state, ...)
            }
            if (!SandboxBulkJobValidator.FIELD_NAME.matcher(name).matches()) {
                return error("INVALID_DATA", "the field api name given seems to be invalid",
                        field(name, path));
            }
            values.put(name, text(field.getValue()));
        }
        SandboxRecords.StoredRecord target = null;
        String duplicateField = null;
        if (operation == Operation.UPDATE) {
            String id = SandboxJson.text(record.get("id"));
            if (id == null || id.isBlank()) {
                return error("MANDATORY_NOT_FOUND", "required field not found", field("id", path));
            }
            target = records.get(module, id);
            if (target == null) {
                // details as Zoho's per-record errors have them, plus the id as the mass-update recording has it
                ObjectNode details = field("id", path);
                details.put("id", id);
                return error("INVALID_DATA", "the id given seems to be invalid", details);
            }
        } else if (operation == Operation.UPSERT) {
            for (String check : duplicateCheck) {
                target = records.findBy(module, check, values.get(check));
                if (target != null) {
                    duplicateField = check;
                    break;
                }
            }
        }
        boolean insert = target == null;
        for (String mandatory : records.mandatoryFields(module)) {
            String value = values.get(mandatory);
            boolean empty = value == null || value.isBlank();
            if (insert ? empty : value != null && empty) {
                return error("MANDATORY_NOT_FOUND", "required field not found", field(mandatory, path));
            }
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (SandboxRecords.EMAIL_FIELDS.contains(value.getKey()) && !value.getValue().isBlank()
                    && !SandboxBulkJobRunner.EMAIL.matcher(value.getValue().trim()).matches()) {
                ObjectNode details = SandboxJson.object("expected_data_type", "email");
                details.setAll(field(value.getKey(), path));
                return error("INVALID_DATA", "invalid data", details);
            }
        }
        String unique = records.uniqueField(module);
        SandboxRecords.StoredRecord other = unique == null ? null : records.findBy(module, unique, values.get(unique));
        if (other != null && other != target) {
            ObjectNode details = field(unique, path);
            details.put("id", other.id);
            details.set("duplicate_record", SandboxJson.object("Owner", SandboxMassUpdateByIds.USER, "id", other.id));
            details.put("more_records", false);
            return error("DUPLICATE_DATA", "duplicate data", details);
        }
        SandboxRecords.StoredRecord written;
        if (insert) {
            values.values().removeIf(String::isEmpty); // an empty value on insert is no value
            written = records.get(module, records.insert(module, values));
        } else {
            written = records.update(module, target.id, values);
        }
        return success(operation, insert, duplicateField, written);
    }

    private static ObjectNode success(Operation operation, boolean insert, String duplicateField,
                                      SandboxRecords.StoredRecord record) {
        ObjectNode entry = SandboxJson.object("code", "SUCCESS");
        if (operation == Operation.UPSERT) {
            entry.put("duplicate_field", duplicateField); // null when inserted, as in Zoho's v7 upsert doc
            entry.put("action", insert ? "insert" : "update");
        }
        ObjectNode details = entry.putObject("details");
        details.put("Modified_Time", SandboxClock.format(record.modified));
        details.set("Modified_By", SandboxMassUpdateByIds.USER);
        details.put("Created_Time", SandboxClock.format(record.created));
        details.put("id", record.id);
        details.set("Created_By", SandboxMassUpdateByIds.USER);
        entry.put("message", insert ? "record added" : "record updated");
        entry.put("status", "success");
        return entry;
    }

    private static ObjectNode error(String code, String message, ObjectNode details) {
        return SandboxErrors.body(code, message, details);
    }

    private static ObjectNode field(String apiName, String recordPath) {
        return SandboxJson.object("api_name", apiName, "json_path", recordPath + "." + apiName);
    }

    /** A lookup ({"id": ...}, Owner among them) is stored as its id; lists and scalars as mass update stores them. */
    private static String text(JsonNode value) {
        if (value != null && value.isObject()) {
            return value.has("id") ? value.get("id").asText() : value.toString();
        }
        return SandboxMassUpdates.asText(value);
    }
}
