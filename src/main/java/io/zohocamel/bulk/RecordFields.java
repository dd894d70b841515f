package io.zohocamel.bulk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.zohocamel.common.Json;

/**
 * How a row of a small file becomes a Records API record: the same columns, api names, lookups and defaults
 * as its bulk-write field mappings ({@link FieldMappings}). Column {@code Lookup.id} becomes
 * {@code "Lookup": {"id": …}}; an empty cell takes the column's default_value, else is left out
 * ({@code ignore_empty}) or sent as null (clearing the field, as a bulk-write job does).
 */
final class RecordFields {

    private record Column(int index, String apiName, boolean lookup, JsonNode defaultValue) {
    }

    private final List<Column> columns;
    private final Map<String, JsonNode> constants;
    private final boolean ignoreEmpty;

    private RecordFields(List<Column> columns, Map<String, JsonNode> constants, boolean ignoreEmpty) {
        this.columns = columns;
        this.constants = constants;
        this.ignoreEmpty = ignoreEmpty;
    }

    /**
     * Why the Records API cannot take this file as its bulk-write job would, or empty when it can: a lookup found
     * by another field than its id, a column format (both only a bulk-write job applies), an update that finds
     * its records by another field than id (the Records API updates by id), an upsert matched on id.
     */
    static Optional<String> unsupported(FieldMappings mappings, BulkJobSpec spec, String operation) {
        for (String name : mappings.apiNames()) {
            int dot = name.indexOf('.');
            if (dot >= 0 && !"id".equals(name.substring(dot + 1))) {
                return Optional.of("column " + name + " finds its lookup by " + name.substring(dot + 1)
                        + ", which only a bulk-write job does");
            }
        }
        for (Map.Entry<String, BulkJobSpec.ColumnSpec> column : spec.columns().entrySet()) {
            if (column.getValue().format() != null) {
                return Optional.of("column " + column.getKey() + " has a format, which only a bulk-write job applies");
            }
        }
        if ("update".equals(operation) && !"id".equals(spec.findBy())) {
            return Optional.of("an update by find_by " + spec.findBy() + " needs a bulk-write job (the Records API "
                    + "updates records by id)");
        }
        if ("upsert".equals(operation) && "id".equals(spec.findBy())) {
            return Optional.of("an upsert by id needs a bulk-write job (the Records API matches upserts on fields)");
        }
        return Optional.empty();
    }

    static RecordFields of(FieldMappings mappings, BulkJobSpec spec) {
        List<Column> columns = new ArrayList<>();
        List<String> names = mappings.apiNames();
        Set<String> inFile = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (FieldMappings.ERRORS_COLUMN.equals(name)) {
                continue;
            }
            int dot = name.indexOf('.');
            String apiName = dot < 0 ? name : name.substring(0, dot);
            BulkJobSpec.ColumnSpec extra = spec.columns().getOrDefault(name, spec.columns().get(apiName));
            columns.add(new Column(i, apiName, dot >= 0, extra == null ? null : extra.defaultValue()));
            inFile.add(name);
            inFile.add(apiName);
        }
        Map<String, JsonNode> constants = new LinkedHashMap<>();
        spec.columns().forEach((name, extra) -> {
            if (!inFile.contains(name) && extra.defaultValue() != null) {
                constants.put(name, extra.defaultValue());
            }
        });
        return new RecordFields(columns, constants, spec.ignoreEmpty());
    }

    ObjectNode record(CsvRecord row) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        for (Column c : columns) {
            String cell = c.index() < row.getFieldCount() ? row.getField(c.index()) : "";
            if (cell.isEmpty()) {
                if (c.defaultValue() != null) {
                    record.set(c.apiName(), c.defaultValue().deepCopy());
                } else if (!ignoreEmpty) {
                    record.putNull(c.apiName());
                }
            } else if (c.lookup()) {
                record.putObject(c.apiName()).put("id", cell);
            } else {
                record.put(c.apiName(), cell);
            }
        }
        constants.forEach((name, value) -> record.set(name, value.deepCopy()));
        return record;
    }
}
