package io.zohocamel.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies a due bulk-write job's rows to the record store, row by row as Zoho does: find_by match or not,
 * mandatory fields, email format, duplicates of the module's unique field, then insert or update; each row
 * ends ADDED, UPDATED or SKIPPED with Zoho's error codes ("MANDATORY_NOT_FOUND-Last_Name").
 */
final class SandboxBulkJobRunner {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");

    private final SandboxRecords records;

    SandboxBulkJobRunner(SandboxRecords records) {
        this.records = records;
    }

    /** Runs the rows against the store under its monitor (see class comment of SandboxRecords). */
    SandboxBulkJob.Result run(SandboxBulkJob job) {
        synchronized (records) {
            List<SandboxBulkJob.RowOutcome> outcomes = new ArrayList<>();
            int added = 0;
            int updated = 0;
            int skipped = 0;
            for (List<String> row : job.file.rows()) {
                SandboxBulkJob.RowOutcome outcome = runRow(job, row);
                outcomes.add(outcome);
                switch (outcome.status()) {
                    case "ADDED" -> added++;
                    case "UPDATED" -> updated++;
                    default -> skipped++;
                }
            }
            return new SandboxBulkJob.Result(List.copyOf(outcomes), added, updated, skipped);
        }
    }

    private SandboxBulkJob.RowOutcome runRow(SandboxBulkJob job, List<String> row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (SandboxBulkJob.Mapping m : job.mappings) {
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
                    return new SandboxBulkJob.RowOutcome("SKIPPED", "", code + "-" + job.findBy);
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
            return new SandboxBulkJob.RowOutcome("SKIPPED", "", String.join(":", errors));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean dropEmpty = insert || job.ignoreEmpty;
        values.forEach((field, v) -> {
            if (!"id".equals(field) && !(dropEmpty && v.isEmpty())) {
                fields.put(field, v);
            }
        });
        if (insert) {
            return new SandboxBulkJob.RowOutcome("ADDED", records.insert(job.module, fields), "");
        }
        records.update(job.module, target.id, fields);
        return new SandboxBulkJob.RowOutcome("UPDATED", target.id, "");
    }
}
