package io.zohocamel.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the header row into Zoho's {@code field_mappings}. The column index in the uploaded chunk is
 * the column index in the dropped file (chunks keep every column), so the mapping is computed once
 * per file and reused for every chunk's job.
 *
 * <p>Rules: a header (after {@code rename}) is a Zoho api_name; {@code Lookup.field} (e.g.
 * {@code Account_Name.id}) maps the lookup {@code Account_Name} with {@code find_by: "id"} — the only
 * place a mapping carries find_by. A column named exactly {@code ERRORS} is carried but not mapped, so
 * a {@code <name>.failed.csv} can be dropped again as it is. {@code columns} entries for api_names
 * not in the file become index-less mappings, which Zoho accepts when a default_value is given.
 */
public final class FieldMappings {

    public static final int MAX_COLUMNS = 200;
    /** The column ResultMerger adds to failed.csv; never sent to Zoho. */
    public static final String ERRORS_COLUMN = "ERRORS";
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)?");

    private final List<String> header;
    private final List<String> apiNames;
    private final ArrayNode json;
    private final Set<String> mapped;

    private FieldMappings(List<String> header, List<String> apiNames, ArrayNode json, Set<String> mapped) {
        this.header = header;
        this.apiNames = apiNames;
        this.json = json;
        this.mapped = mapped;
    }

    /** Validates the (BOM-stripped) header and builds the mappings; throws BulkInputException. */
    public static FieldMappings build(List<String> header, BulkJobSpec spec) {
        if (header.size() > MAX_COLUMNS) {
            throw new BulkInputException(BulkInputException.TOO_MANY_COLUMNS,
                    "the header has " + header.size() + " columns; Zoho accepts at most " + MAX_COLUMNS);
        }
        Set<String> headerNames = new HashSet<>();
        for (String h : header) {
            headerNames.add(h.trim());
        }
        for (String key : spec.rename().keySet()) {
            if (!headerNames.contains(key.trim())) {
                throw new BulkInputException(BulkInputException.INVALID_JOB_JSON,
                        "job.json \"rename." + key + "\": no such column in the CSV header " + header);
            }
        }
        List<String> apiNames = new ArrayList<>(header.size());
        Map<String, Integer> seen = new HashMap<>();
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        Set<String> mapped = new HashSet<>();
        Set<String> usedColumnKeys = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String original = header.get(i).trim();
            if (original.isEmpty()) {
                throw new BulkInputException(BulkInputException.EMPTY_HEADER,
                        "header column " + (i + 1) + " is empty; every column needs a Zoho api_name");
            }
            String name = spec.rename().getOrDefault(original, original);
            apiNames.add(name);
            if (ERRORS_COLUMN.equals(name)) {
                continue;
            }
            if (!API_NAME.matcher(name).matches()) {
                throw new BulkInputException(BulkInputException.INVALID_HEADER,
                        "header column " + (i + 1) + " \"" + name + "\" is not a Zoho api_name (letters, digits, "
                                + "underscore; Lookup.field for lookups, e.g. Account_Name.id)");
            }
            int dot = name.indexOf('.');
            String apiName = dot < 0 ? name : name.substring(0, dot);
            Integer prev = seen.putIfAbsent(apiName, i);
            if (prev != null) {
                throw new BulkInputException(BulkInputException.DUPLICATE_HEADER,
                        "columns " + (prev + 1) + " and " + (i + 1) + " both map to \"" + apiName + "\"");
            }
            ObjectNode m = json.addObject();
            m.put("api_name", apiName);
            m.put("index", i);
            if (dot >= 0) {
                m.put("find_by", name.substring(dot + 1));
            }
            BulkJobSpec.ColumnSpec col = spec.columns().get(name);
            if (col != null) {
                usedColumnKeys.add(name);
            } else if (dot >= 0 && (col = spec.columns().get(apiName)) != null) {
                usedColumnKeys.add(apiName);
            }
            addExtras(m, col);
            mapped.add(apiName);
        }
        // columns entries that match no header: a constant for every row, only meaningful with a default
        for (Map.Entry<String, BulkJobSpec.ColumnSpec> e : spec.columns().entrySet()) {
            if (usedColumnKeys.contains(e.getKey())) {
                continue;
            }
            if (e.getValue().defaultValue() == null) {
                throw new BulkInputException(BulkInputException.INVALID_JOB_JSON, "job.json \"columns."
                        + e.getKey() + "\": no such column in the CSV, and no default_value to send instead");
            }
            if (!API_NAME.matcher(e.getKey()).matches() || e.getKey().contains(".")
                    || seen.containsKey(e.getKey())) {
                throw new BulkInputException(BulkInputException.INVALID_JOB_JSON, "job.json \"columns."
                        + e.getKey() + "\": not a plain api_name, or it clashes with a mapped column");
            }
            ObjectNode m = json.addObject();
            m.put("api_name", e.getKey());
            addExtras(m, e.getValue());
            mapped.add(e.getKey());
        }
        if (mapped.isEmpty()) {
            throw new BulkInputException(BulkInputException.INVALID_HEADER, "no column maps to a Zoho field");
        }
        return new FieldMappings(List.copyOf(header), Collections.unmodifiableList(apiNames), json,
                Collections.unmodifiableSet(mapped));
    }

    private static void addExtras(ObjectNode m, BulkJobSpec.ColumnSpec col) {
        if (col == null) {
            return;
        }
        if (col.format() != null) {
            m.put("format", col.format());
        }
        JsonNode dv = col.defaultValue();
        if (dv != null) {
            // Zoho expects {"value": …}; a scalar in job.json is the operator's shorthand for that
            m.set("default_value", dv.isObject() ? dv.deepCopy()
                    : JsonNodeFactory.instance.objectNode().put("value", dv.asText()));
        }
    }

    /** update/upsert: the resource-level find_by must be a mapped field, or Zoho cannot match records. */
    public FieldMappings requireFindBy(BulkJobSpec spec) {
        String fb = spec.findBy();
        if (fb != null && !mapped.contains(fb.trim())) {
            throw new BulkInputException(BulkInputException.FIND_BY_NOT_MAPPED,
                    "find_by \"" + fb + "\" is not a column of the CSV (mapped: " + apiNamesMapped() + ")");
        }
        return this;
    }

    /** The header as found in the file (BOM stripped, not renamed). */
    public List<String> header() {
        return header;
    }

    /** Per column: the name after rename (may contain ".field" for lookups, or be ERRORS). */
    public List<String> apiNames() {
        return apiNames;
    }

    public Set<String> apiNamesMapped() {
        return mapped;
    }

    public boolean maps(String apiName) {
        return mapped.contains(apiName);
    }

    /** A fresh copy of the {@code field_mappings} array, safe to embed in a request body. */
    public ArrayNode toJson() {
        return json.deepCopy();
    }
}
