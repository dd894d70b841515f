package io.zohocamel.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.zohocamel.jobs.JobState;
import io.zohocamel.zoho.ZohoResponse;

/**
 * What a Records API answer says of each row of its call, as {STATUS, RECORD_ID, ERRORS} the way a bulk-write
 * job's result file has them ({@link ResultMerger} writes both alike): ADDED or UPDATED with the record's id,
 * or SKIPPED with {@code CODE-field} (e.g. {@code MANDATORY_NOT_FOUND-Last_Name}).
 */
final class RecordOutcomes {

    private RecordOutcomes() {
    }

    /** Zoho answered per record: one entry per row, in order. */
    static List<String[]> of(String operation, ZohoResponse answer, int rows) {
        List<String[]> out = new ArrayList<>(rows);
        List<ZohoResponse.Entry> entries = answer.data();
        for (int i = 0; i < rows; i++) {
            if (i >= entries.size()) {
                out.add(row(ResultMerger.NOT_PROCESSED, "", "RESULT_ROW_MISSING-Zoho's answer has no entry for this row"));
                continue;
            }
            ZohoResponse.Entry e = entries.get(i);
            if (e.isSuccess()) {
                out.add(row(status(operation, e), e.id() == null ? "" : e.id(), ""));
            } else {
                String field = e.details().path("api_name").asText("");
                String code = e.code() == null ? "ERROR" : e.code();
                out.add(row("SKIPPED", "", code + "-" + (field.isEmpty() ? e.message() : field)));
            }
        }
        return out;
    }

    /**
     * An insert whose answer never came (a timeout, a lost connection, a 5xx; or a crash while it was out): its
     * rows may be in Zoho, so they are not sent again but reported.
     */
    static List<String[]> unknown(int rows, String why) {
        List<String[]> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(row(ResultMerger.NOT_PROCESSED, "", JobState.OUTCOME_UNKNOWN + "-" + why + "; the row may have been inserted:"
                    + " look it up in Zoho before dropping it again"));
        }
        return out;
    }

    private static String status(String operation, ZohoResponse.Entry e) {
        return switch (operation) {
            case "insert" -> "ADDED";
            case "update" -> "UPDATED";
            default -> "update".equals(e.action() == null ? "" : e.action().toLowerCase(Locale.ROOT)) ? "UPDATED" : "ADDED";
        };
    }

    private static String[] row(String status, String id, String errors) {
        return new String[] {status, id, errors};
    }
}
