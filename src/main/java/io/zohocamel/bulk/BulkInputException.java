package io.zohocamel.bulk;

/**
 * A dropped file (or its job.json) cannot be submitted as it is. The operator fixes the file, so the
 * exception carries a stable machine {@link #code()} and, where it applies, the 1-based data row
 * (header excluded) — everything needed to write {@code <name>.error.json}.
 */
public class BulkInputException extends RuntimeException {

    public static final String INVALID_CSV = "INVALID_CSV";
    public static final String EMPTY_FILE = "EMPTY_FILE";
    public static final String NO_ROWS = "NO_ROWS";
    public static final String DUPLICATE_HEADER = "DUPLICATE_HEADER";
    public static final String EMPTY_HEADER = "EMPTY_HEADER";
    public static final String INVALID_HEADER = "INVALID_HEADER";
    public static final String TOO_MANY_COLUMNS = "TOO_MANY_COLUMNS";
    public static final String INVALID_JOB_JSON = "INVALID_JOB_JSON";
    public static final String UNKNOWN_OPERATION = "UNKNOWN_OPERATION";
    public static final String FIND_BY_REQUIRED = "FIND_BY_REQUIRED";
    public static final String FIND_BY_NOT_MAPPED = "FIND_BY_NOT_MAPPED";
    public static final String ROW_TOO_WIDE = "ROW_TOO_WIDE";
    public static final String ROW_TOO_LARGE = "ROW_TOO_LARGE";
    public static final String NOT_UTF8 = "NOT_UTF8";
    public static final String OUTSIDE_INBOX = "OUTSIDE_INBOX";
    public static final String JOB_JSON_TOO_LARGE = "JOB_JSON_TOO_LARGE";
    public static final String INVALID_FILE_NAME = "INVALID_FILE_NAME";

    private final String code;
    private final Long row;

    public BulkInputException(String code, String message) {
        this(code, message, null, null);
    }

    public BulkInputException(String code, String message, Long row) {
        this(code, message, row, null);
    }

    public BulkInputException(String code, String message, Long row, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.row = row;
    }

    public String code() {
        return code;
    }

    /** 1-based data row (header excluded) the problem was found at, or null when it is not about a row. */
    public Long row() {
        return row;
    }

    @Override
    public String toString() {
        return code + (row == null ? "" : " (row " + row + ")") + ": " + getMessage();
    }
}
