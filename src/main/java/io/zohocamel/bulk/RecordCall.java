package io.zohocamel.bulk;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** One Records API call of a small file: {@code records} are data rows {@code firstRow}.. in order (at most 100). */
record RecordCall(int index, long firstRow, ArrayNode records) {

    int rowCount() {
        return records.size();
    }

    /** "rows 101..200" */
    String rows() {
        return String.format(java.util.Locale.ROOT, "rows %,d..%,d", firstRow, firstRow + rowCount() - 1);
    }
}
