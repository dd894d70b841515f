package io.zohocamel.massupdate;

import io.zohocamel.massupdate.MassUpdateOutcome.IdsStatus;
import io.zohocamel.massupdate.MassUpdateOutcome.RecordResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects per-record results of an ids request, batch by batch, and turns them into its outcome
 * (format on {@link MassUpdateOutcome}). Takes plain values so this package needs no HTTP
 * client types. Guarantees every requested id appears exactly once, in request order: an id never
 * reported gets {@code NO_RESULT}; a later report for the same id replaces an earlier one (so a
 * retried batch wins over its first failure); an id that was not requested is not added to the
 * records but kept in {@link #unexpectedIds()} and logged. Not thread-safe: one builder per request.
 */
public final class IdsOutcomeBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(IdsOutcomeBuilder.class);
    static final String NO_RESULT_MESSAGE =
            "Zoho returned no result for this id, so whether it was updated is unknown.";

    private final String requestId;
    private final String messageId;
    private final String module;
    private final List<String> ids;
    private final Set<String> requested;
    private final int duplicatesRemoved;
    private final Map<String, RecordResult> results = new HashMap<>();
    private final Set<String> unexpected = new LinkedHashSet<>();

    /** Results of an ids request known only by its parts (ids in request order, no duplicates). */
    public IdsOutcomeBuilder(String requestId, String messageId, String module, List<String> ids) {
        this(requestId, messageId, module, ids, 0);
    }

    private IdsOutcomeBuilder(String requestId, String messageId, String module, List<String> ids, int duplicatesRemoved) {
        this.requestId = requestId;
        this.messageId = messageId;
        this.module = Objects.requireNonNull(module, "module");
        this.requested = new LinkedHashSet<>(Objects.requireNonNull(ids, "ids"));
        this.ids = List.copyOf(requested); // distinct, in request order
        this.duplicatesRemoved = duplicatesRemoved + (ids.size() - this.ids.size());
    }

    /** Results of an ids request: ids, module and request_id are taken from the request. */
    public static IdsOutcomeBuilder forRequest(MassUpdateRequest request, String messageId) {
        if (request.kind() != MassUpdateKind.IDS) {
            throw new IllegalArgumentException("not an ids request: " + request);
        }
        return new IdsOutcomeBuilder(request.requestId(), messageId, request.module(),
                request.ids(), request.duplicatesRemoved());
    }

    /**
     * One record's result as Zoho answered it.
     *
     * @param status {@code success} (any case) counts as updated; anything else, null included, as an error
     * @param code   Zoho's code, e.g. {@code SUCCESS} or {@code INVALID_DATA}; may be null
     */
    public IdsOutcomeBuilder add(String id, String status, String code, String message) {
        if (id == null || !requested.contains(id)) {
            unexpected.add(String.valueOf(id));
            LOG.warn("Mass update {}: Zoho reported on id {} which was not requested; ignored", requestId, id);
            return this;
        }
        results.put(id, new RecordResult(id, normalise(status), code, message));
        return this;
    }

    /**
     * The answer to one call, matched by position: Zoho answers {@code data[i]} for {@code ids[i]}.
     * An entry's own id is used when it names a requested id, otherwise its position decides (Zoho's
     * success entries carry {@code details.id}, which has been seen not to match the request). Ids past
     * the end of a short answer stay without result ({@code NO_RESULT}); extra entries are ignored.
     */
    public IdsOutcomeBuilder addBatch(List<String> batchIds, List<RecordResult> answers) {
        int n = Math.min(batchIds.size(), answers.size());
        for (int i = 0; i < n; i++) {
            RecordResult a = answers.get(i);
            String id = a.id() != null && requested.contains(a.id()) ? a.id() : batchIds.get(i);
            add(id, a.status(), a.code(), a.message());
        }
        if (answers.size() != batchIds.size()) {
            LOG.warn("Mass update {}: Zoho answered {} entries for a batch of {} ids", requestId, answers.size(),
                    batchIds.size());
        }
        return this;
    }

    /** A whole call failed (HTTP error, retries exhausted, top-level Zoho error): every id in it is an error. */
    public IdsOutcomeBuilder addBatchFailure(List<String> batchIds, String code, String message) {
        for (String id : batchIds) {
            add(id, RecordResult.ERROR, code, message);
        }
        return this;
    }

    /** Ids Zoho reported on that were not part of the request (normally empty). */
    public Set<String> unexpectedIds() {
        return Collections.unmodifiableSet(unexpected);
    }

    public MassUpdateOutcome.Ids build() {
        List<RecordResult> records = new ArrayList<>(ids.size());
        int updated = 0;
        for (String id : ids) {
            RecordResult r = results.get(id);
            if (r == null) {
                r = new RecordResult(id, RecordResult.ERROR, RecordResult.NO_RESULT, NO_RESULT_MESSAGE);
            }
            if (r.success()) {
                updated++;
            }
            records.add(r);
        }
        int failed = ids.size() - updated;
        IdsStatus overall = failed == 0 ? IdsStatus.COMPLETED : updated == 0 ? IdsStatus.FAILED : IdsStatus.PARTIAL;
        return new MassUpdateOutcome.Ids(requestId, messageId, module, overall,
                new MassUpdateOutcome.Ids.Summary(ids.size(), updated, failed, duplicatesRemoved), records);
    }

    private static String normalise(String status) {
        return status != null && status.toLowerCase(Locale.ROOT).equals(RecordResult.SUCCESS)
                ? RecordResult.SUCCESS : RecordResult.ERROR;
    }
}
