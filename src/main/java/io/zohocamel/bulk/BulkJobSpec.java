package io.zohocamel.bulk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import io.zohocamel.common.Json;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The optional {@code inbox/<Module>/<operation>/job.json}. Serialises back to the same shape (so the
 * job store can keep a copy), but is read through {@link #load(Path, Path)}, which validates by hand: an
 * operator's typo must be rejected with a message naming the key, not a Jackson stack trace, and an
 * unknown key must never be silently ignored (it would change what lands in Zoho).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkJobSpec(
        @JsonProperty("find_by") String findBy,
        @JsonProperty("ignore_empty") boolean ignoreEmpty,
        @JsonProperty("delimiter") String delimiter,
        @JsonProperty("rename") Map<String, String> rename,
        @JsonProperty("columns") Map<String, ColumnSpec> columns,
        @JsonProperty("api") String api) {

    public static final Set<String> OPERATIONS = Set.of("insert", "update", "upsert");
    /** Which Zoho API takes the file: a bulk-write job, or Records API calls of 100 rows (null: by its size). */
    public static final String BULK_API = "bulk";
    public static final String RECORDS_API = "records";
    private static final Set<String> KEYS = Set.of("find_by", "ignore_empty", "delimiter", "rename", "columns", "api");
    private static final Set<String> COLUMN_KEYS = Set.of("format", "default_value");

    /** Per-column extras for the field mapping; default_value is kept as JSON (scalar or Zoho object). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnSpec(@JsonProperty("format") String format,
                             @JsonProperty("default_value") JsonNode defaultValue) {
    }

    public BulkJobSpec {
        delimiter = delimiter == null ? "," : delimiter;
        rename = rename == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(rename));
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\r'
                || delimiter.charAt(0) == '\n') {
            throw invalid("delimiter", "must be a single character other than a quote or line break, got \""
                    + delimiter + "\"");
        }
    }

    public BulkJobSpec(String findBy, boolean ignoreEmpty, String delimiter, Map<String, String> rename,
                       Map<String, ColumnSpec> columns) {
        this(findBy, ignoreEmpty, delimiter, rename, columns, null);
    }

    public static BulkJobSpec defaults() {
        return new BulkJobSpec(null, false, ",", Map.of(), Map.of());
    }

    /** The same spec with the API the file goes to decided. */
    public BulkJobSpec withApi(String decided) {
        return new BulkJobSpec(findBy, ignoreEmpty, delimiter, rename, columns, decided);
    }

    @JsonIgnore
    public boolean isRecordsApi() {
        return RECORDS_API.equals(api);
    }

    public char delimiterChar() {
        return delimiter.charAt(0);
    }

    /**
     * Reads a folder's job.json (see {@link JobJsonFile}: never through a link out of {@code inboxReal},
     * the inbox's real path, nor past its size cap); a missing file means defaults. Anything malformed
     * is INVALID_JOB_JSON naming the key, or the line and column where it stops being JSON.
     */
    public static BulkJobSpec load(Path jobJsonOrMissing, Path inboxReal) {
        return jobJsonOrMissing == null ? defaults() : parse(JobJsonFile.read(jobJsonOrMissing, inboxReal));
    }

    /** Same validation as {@link #load(Path, Path)} for an already parsed tree (null or empty → defaults). */
    public static BulkJobSpec parse(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new BulkInputException(BulkInputException.INVALID_JOB_JSON, "job.json must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw invalid(key, "unknown key (allowed: find_by, ignore_empty, delimiter, rename, columns, api)");
            }
        }
        String findBy = text(root, "find_by");
        if (findBy != null && findBy.isBlank()) {
            throw invalid("find_by", "must not be blank");
        }
        boolean ignoreEmpty = false;
        JsonNode ie = root.get("ignore_empty");
        if (ie != null && !ie.isNull()) {
            if (!ie.isBoolean()) {
                throw invalid("ignore_empty", "must be true or false, got " + ie.getNodeType().name().toLowerCase());
            }
            ignoreEmpty = ie.booleanValue();
        }
        String delimiter = text(root, "delimiter");

        Map<String, String> rename = new LinkedHashMap<>();
        JsonNode rn = object(root, "rename");
        if (rn != null) {
            rn.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                    throw invalid("rename." + e.getKey(), "must be a non-empty string (the Zoho api_name)");
                }
                rename.put(e.getKey(), e.getValue().textValue().trim());
            });
        }

        Map<String, ColumnSpec> columns = new LinkedHashMap<>();
        JsonNode cn = object(root, "columns");
        if (cn != null) {
            cn.fields().forEachRemaining(e -> {
                String path = "columns." + e.getKey();
                JsonNode col = e.getValue();
                if (!col.isObject()) {
                    throw invalid(path, "must be an object with format and/or default_value");
                }
                col.fieldNames().forEachRemaining(k -> {
                    if (!COLUMN_KEYS.contains(k)) {
                        throw invalid(path + "." + k, "unknown key (allowed: format, default_value)");
                    }
                });
                String format = text(col, "format", path + ".format");
                JsonNode dv = col.get("default_value");
                if (dv != null && (dv.isNull() || dv.isArray())) {
                    throw invalid(path + ".default_value", "must be a string, number, boolean or object");
                }
                columns.put(e.getKey(), new ColumnSpec(format, dv));
            });
        }
        String api = text(root, "api");
        if (api != null && !BULK_API.equals(api) && !RECORDS_API.equals(api)) {
            throw invalid("api", "must be \"records\" or \"bulk\", got \"" + api + "\"");
        }
        return new BulkJobSpec(findBy, ignoreEmpty, delimiter, rename, columns, api);
    }

    /**
     * The job store's copy of a file's spec (as {@link BulkIntake} recorded it, the API decided), or the defaults
     * when none was kept.
     */
    public static BulkJobSpec stored(String specJson) {
        if (specJson == null) {
            return defaults();
        }
        try {
            return parse(Json.MAPPER.readTree(specJson));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the job store's copy of job.json is unreadable", e);
        }
    }

    /** Checks the folder's operation and that update/upsert say which field identifies the record. */
    public BulkJobSpec validateFor(String operation) {
        if (operation == null || !OPERATIONS.contains(operation)) {
            throw new BulkInputException(BulkInputException.UNKNOWN_OPERATION,
                    "operation folder must be insert, update or upsert, got \"" + operation + "\"");
        }
        if (!"insert".equals(operation) && (findBy == null || findBy.isBlank())) {
            throw new BulkInputException(BulkInputException.FIND_BY_REQUIRED,
                    operation + " needs \"find_by\" in job.json (the api_name of the unique field, e.g. \"id\" or \"Email\")");
        }
        return this;
    }

    private static String text(JsonNode node, String key) {
        return text(node, key, key);
    }

    private static String text(JsonNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(path, "must be a string, got " + typeName(v));
        }
        return v.textValue();
    }

    private static JsonNode object(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw invalid(key, "must be an object, got " + typeName(v));
        }
        return v;
    }

    private static String typeName(JsonNode v) {
        return v.getNodeType() == JsonNodeType.POJO ? "object" : v.getNodeType().name().toLowerCase();
    }

    private static BulkInputException invalid(String key, String why) {
        return new BulkInputException(BulkInputException.INVALID_JOB_JSON, "job.json \"" + key + "\": " + why);
    }
}
