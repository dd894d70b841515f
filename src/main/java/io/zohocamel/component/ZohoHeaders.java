package io.zohocamel.component;

/** The headers the {@code zoho:} endpoints read and write. */
public final class ZohoHeaders {

    /** In: the uploaded file's name (upload). */
    public static final String FILE_NAME = "ZohoFileName";
    /** In: the job asked about (bulkWriteJob, massUpdateStatus). */
    public static final String JOB_ID = "ZohoJobId";
    /** In: the module's API name (massUpdate, massUpdateStatus, the records calls); wins over the module option. */
    public static final String MODULE = "ZohoModule";
    /** In, optional: the fields upsertRecords matches existing records on, in order (a list, or names comma-separated). */
    public static final String DUPLICATE_CHECK_FIELDS = "ZohoDuplicateCheckFields";
    /** In: where a download is written (a Path), and the most bytes it may have (download). */
    public static final String DOWNLOAD_TO = "ZohoDownloadTo";
    public static final String DOWNLOAD_MAX_BYTES = "ZohoDownloadMaxBytes";
    /** In, optional: what the call is for, in an error's message ("upload of chunk 3"). */
    public static final String CALL = "ZohoCall";
    /** Out: SUCCESS, RETRYABLE, AUTH or REJECTED (the client's normalised outcome). */
    public static final String OUTCOME = "zohoOutcome";
    /** Out: Zoho's error code; none on success. */
    public static final String CODE = "zohoCode";
    /** Out: whether Zoho asked to slow down (429 / TOO_MANY_REQUESTS). */
    public static final String THROTTLED = "zohoThrottled";

    private ZohoHeaders() {
    }
}
