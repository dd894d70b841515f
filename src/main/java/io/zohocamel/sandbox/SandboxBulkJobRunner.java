package io.zohocamel.sandbox;

import java.nio.file.Path;
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

    /**
     * Runs the rows against the store under its monitor (see class comment of SandboxRecords), one at a time as
     * they are read, writing each with its outcome into the result ZIP ({@link SandboxResultDownload}).
     */
    SandboxBulkJob.Result run(SandboxBulkJob job, Path resultZip) {
        int[] counts = new int[3]; // added, updated, skipped
        synchronized (records) {
            SandboxResultDownload.write(resultZip, job, out -> job.file.forEachRow(row -> {
                SandboxBulkJob.RowOutcome outcome = runRow(job, row);
                out.accept(row, outcome);
                counts[switch (outcome.status()) {
                    case "ADDED" -> 0;
                    case "UPDATED" -> 1;
                    default -> 2;
                }]++;
            }));
        }
        return new SandboxBulkJob.Result(resultZip, counts[0], counts[1], counts[2]);
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
