package io.zohocamel.massupdate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/**
 * Entry point for building the message published on the results queue, one per request.
 *
 * <h2>ids request</h2>
 * <pre>{@code
 * {"request_id":"crm-sync-42",          // null when the producer sent none
 *  "message_id":"ID:broker-1-42",       // id of the queue message that carried the request
 *  "module":"Leads",
 *  "kind":"ids",
 *  "status":"COMPLETED" | "PARTIAL" | "FAILED",   // all updated | some | none
 *  "summary":{"total":3,"updated":2,"failed":1,"duplicates_removed":0},
 *  "records":[                                    // every requested id exactly once, in request order
 *    {"id":"554023000000497007","status":"success","code":"SUCCESS","message":"record updated"},
 *    {"id":"554023000000497021","status":"error","code":"INVALID_DATA","message":"the id given seems to be invalid"},
 *    {"id":"554023000000497035","status":"error","code":"NO_RESULT","message":"Zoho returned no result for this id; ..."}]}
 * }</pre>
 * {@code total} counts distinct ids (duplicates in the request are removed before sending and counted in
 * {@code duplicates_removed}); {@code failed = total - updated}. A record's {@code code}/{@code message}
 * are Zoho's (or the runtime's for a batch that failed as a whole, or {@code NO_RESULT}) and may be null.
 *
 * <h2>cvid request</h2>
 * <pre>{@code
 * {"request_id":"crm-sync-43","message_id":"ID:broker-1-43","module":"Deals","kind":"cvid",
 *  "job_id":"554023000000506003",        // null when Zoho never scheduled a job
 *  "status":"COMPLETED",                 // Zoho's last Status: COMPLETED | FAILED (| SCHEDULED | RUNNING if
 *                                        // the runtime stopped following); "FAILED" when no job was scheduled
 *  "summary":{"total":50,"updated":50,"not_updated":0,"failed":0},   // Zoho's counts, null when unknown
 *  "error":{"code":"ALREADY_SCHEDULED","message":"..."}}             // only when submitting/following failed
 * }</pre>
 */
public final class MassUpdateResults {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private MassUpdateResults() {
    }

    /** Results of an ids request: ids, module and request_id are taken from the request. */
    public static IdsResultBuilder forIds(MassUpdateRequest request, String messageId) {
        if (request.kind() != MassUpdateKind.IDS) {
            throw new IllegalArgumentException("not an ids request: " + request);
        }
        return new IdsResultBuilder(request.requestId(), messageId, request.module(), request.ids(),
                request.duplicatesRemoved());
    }

    /** Results of an ids request known only by its parts (ids in request order, no duplicates). */
    public static IdsResultBuilder forIds(String requestId, String messageId, String module, List<String> ids) {
        return new IdsResultBuilder(requestId, messageId, module, ids, 0);
    }

    /** Result of a cvid request. */
    public static CvidResultBuilder forCvid(MassUpdateRequest request, String messageId) {
        if (request.kind() != MassUpdateKind.CVID) {
            throw new IllegalArgumentException("not a cvid request: " + request);
        }
        return new CvidResultBuilder(request.requestId(), messageId, request.module());
    }

    public static CvidResultBuilder forCvid(String requestId, String messageId, String module) {
        return new CvidResultBuilder(requestId, messageId, module);
    }

    /** The keys every results message starts with, in the documented order (status follows: its place differs by kind). */
    static void writeHeader(JsonGenerator json, MassUpdateOutcome outcome) throws IOException {
        json.writeStringField("request_id", outcome.requestId());
        json.writeStringField("message_id", outcome.messageId());
        json.writeStringField("module", outcome.module());
        json.writeStringField("kind", outcome.kind().wireName());
    }
}
