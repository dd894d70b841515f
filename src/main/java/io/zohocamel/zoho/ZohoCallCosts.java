package io.zohocamel.zoho;

import java.util.regex.Pattern;

/**
 * What each call the runtime makes costs in Zoho API credits (counted per org over a rolling 24 hours),
 * in one place. From Zoho's published table: a bulk-write job 500; a Records API insert, update or upsert
 * 1 credit per 10 records (at most 100 records, so 10 credits, a call); every other API 1.
 *
 * <p><b>Unverified</b> (Zoho lists no price for them; booked at the "all other APIs" credit, which errs
 * on the side of the budget): the bulk-write upload, job details, the result download, mass update and
 * mass-update status. Also unverified: the rounding of a records call that is not a multiple of 10
 * (taken as ⌈records / 10⌉, at least 1), and whether Zoho charges a call it answers with an error
 * (every answer is booked at its price but 401 and 429, which Zoho refuses before doing anything).
 * Zoho can tell an org its own prices ({@code GET /crm/v8/__apis}, {@code min_credits}/{@code max_credits});
 * this table does not ask. Token refreshes go to the accounts server, which charges no credits: they
 * are not calls of this table.
 */
public final class ZohoCallCosts {

    /** One call's price: {@code api} is the short label the credit ledger and its metric use. */
    public record Call(String api, int credits) {
    }

    public static final int BULK_WRITE_JOB_CREDITS = 500;
    public static final int RECORDS_PER_CREDIT = 10;
    /** Zoho's "all other APIs". */
    public static final int OTHER_CREDITS = 1;

    public static final Call BULK_WRITE_JOB = new Call("bulk_write_job", BULK_WRITE_JOB_CREDITS);
    public static final Call UPLOAD = new Call("upload", OTHER_CREDITS);
    public static final Call JOB_DETAILS = new Call("job_details", OTHER_CREDITS);
    public static final Call DOWNLOAD = new Call("download", OTHER_CREDITS);
    public static final Call MASS_UPDATE = new Call("mass_update", OTHER_CREDITS);
    public static final Call MASS_UPDATE_STATUS = new Call("mass_update_status", OTHER_CREDITS);
    public static final Call OTHER = new Call("other", OTHER_CREDITS);

    // paths as the client sends them, whatever the version segment
    private static final Pattern BULK_WRITE = Pattern.compile("/crm/bulk/[^/]+/write");
    private static final Pattern BULK_WRITE_JOB_PATH = Pattern.compile("/crm/bulk/[^/]+/write/[^/]+");
    private static final Pattern MASS_UPDATE_PATH = Pattern.compile("/crm/[^/]+/[^/]+/actions/mass_update");
    private static final Pattern UPSERT = Pattern.compile("/crm/[^/]+/[^/]+/upsert");
    private static final Pattern MODULE = Pattern.compile("/crm/[^/]+/[^/]+");

    private ZohoCallCosts() {
    }

    /** A Records API call of {@code records} records: ⌈records / 10⌉ credits, at least 1. */
    public static int recordsCredits(int records) {
        return Math.max(1, (records + RECORDS_PER_CREDIT - 1) / RECORDS_PER_CREDIT);
    }

    /**
     * The price of an API call by its method and path; {@code records} is the number of records a
     * Records API call carries (0 for other calls). Unknown calls cost {@link #OTHER}.
     */
    public static Call of(String method, String path, int records) {
        String p = path == null ? "" : path;
        boolean post = "POST".equalsIgnoreCase(method);
        boolean get = "GET".equalsIgnoreCase(method);
        if (post && BULK_WRITE.matcher(p).matches()) {
            return BULK_WRITE_JOB;
        }
        if (get && BULK_WRITE_JOB_PATH.matcher(p).matches()) {
            return JOB_DETAILS;
        }
        if (MASS_UPDATE_PATH.matcher(p).matches()) {
            return post ? MASS_UPDATE : get ? MASS_UPDATE_STATUS : OTHER;
        }
        if (post && p.endsWith("/upload")) { // before the module pattern: /crm/v8/upload has its shape
            return UPLOAD;
        }
        if (post && UPSERT.matcher(p).matches()) {
            return new Call("records_upsert", recordsCredits(records));
        }
        if (MODULE.matcher(p).matches() && (post || "PUT".equalsIgnoreCase(method))) {
            return new Call(post ? "records_insert" : "records_update", recordsCredits(records));
        }
        return OTHER;
    }
}
