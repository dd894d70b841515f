package io.zohocamel.component;

import java.util.Arrays;

/** The Zoho calls a route can make, as {@code zoho:<operation>}. */
public enum ZohoOperation {
    /** A chunk's ZIP (body, byte[]) to Zoho's file store, named by header ZohoFileName; the answer has its file_id. */
    UPLOAD("upload"),
    /** A bulk-write job from its request (body, JsonNode); the answer has its job id. */
    CREATE_BULK_WRITE_JOB("createBulkWriteJob"),
    /** A bulk-write job's details (header ZohoJobId): status, counts, result URL. */
    BULK_WRITE_JOB("bulkWriteJob"),
    /** A mass update (body, JsonNode) of module ZohoModule: per-record answers (ids) or a job id (cvid). */
    MASS_UPDATE("massUpdate"),
    /** A scheduled mass update's status (headers ZohoModule, ZohoJobId). */
    MASS_UPDATE_STATUS("massUpdateStatus"),
    /** A result file (body: its URL, Zoho's hosts only) streamed to ZohoDownloadTo, at most ZohoDownloadMaxBytes. */
    DOWNLOAD("download"),
    /** Records (body, JsonNode: the data array or Zoho's whole body, at most 100) inserted into the module. */
    INSERT_RECORDS("insertRecords"),
    /** Records (body, JsonNode), each with its "id", updated in the module. */
    UPDATE_RECORDS("updateRecords"),
    /** Records (body, JsonNode) upserted in the module, matched on ZohoDuplicateCheckFields or Zoho's default. */
    UPSERT_RECORDS("upsertRecords");

    private final String uriName;

    ZohoOperation(String uriName) {
        this.uriName = uriName;
    }

    public String uriName() {
        return uriName;
    }

    static ZohoOperation of(String name) {
        return Arrays.stream(values()).filter(op -> op.uriName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("zoho:" + name + " is not a Zoho call; use one of "
                        + Arrays.stream(values()).map(ZohoOperation::uriName).toList()));
    }
}
