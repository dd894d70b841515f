package io.zohocamel.bulk;

import java.util.Locale;

/**
 * What became of one input row, for result.csv and failed.csv: Zoho's STATUS, RECORD_ID and ERRORS
 * for it, or NOT_PROCESSED and why when Zoho's result does not say.
 */
record RowOutcome(String status, String recordId, String errors) {

    /**
     * The outcome of the chunk's next row: Zoho's next result row. {@code chunk} is null for rows past
     * the last chunk, {@code result} null when the chunk has no result ZIP.
     */
    static RowOutcome next(ChunkResult chunk, ZohoResultRows result) {
        String[] zr = result == null ? null : result.next();
        if (zr != null) {
            String status = zr[0].trim().toUpperCase(Locale.ROOT);
            String errors = zr[2];
            if (status.isEmpty()) {
                status = ResultMerger.NOT_PROCESSED;
                if (errors.isBlank()) {
                    errors = failureText(chunk, ResultMerger.NOT_PROCESSED, "Zoho did not process this row");
                }
            }
            return new RowOutcome(status, zr[1], errors);
        }
        String errors;
        if (chunk == null) {
            errors = "NOT_SUBMITTED-no job was created for this row";
        } else if (result == null || result.error() == null) {
            errors = failureText(chunk, result == null ? "NO_RESULT" : "RESULT_ROW_MISSING",
                    result == null ? "no result file for this chunk" : "Zoho's result has no row for it");
        } else {
            errors = result.error();
        }
        return new RowOutcome(ResultMerger.NOT_PROCESSED, "", errors);
    }

    /** Not in Zoho (anything but ADDED or UPDATED): the row goes to failed.csv too. */
    boolean failed() {
        return !"ADDED".equals(status) && !"UPDATED".equals(status);
    }

    private static String failureText(ChunkResult chunk, String fallbackCode, String fallbackMessage) {
        String code = chunk.failureCode() != null && !chunk.failureCode().isBlank() ? chunk.failureCode() : fallbackCode;
        String msg = chunk.failureCode() != null && !chunk.failureCode().isBlank() ? chunk.failureMessage() : fallbackMessage;
        return msg == null || msg.isBlank() ? code : code + "-" + msg;
    }
}
