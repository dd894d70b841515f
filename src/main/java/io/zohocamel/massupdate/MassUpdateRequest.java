package io.zohocamel.massupdate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A validated mass-update request, as taken from the queue. Immutable: Jackson nodes and the
 * original bytes are copied on the way in and on the way out, so no caller can change what a
 * later retry will send. Built only by {@link MassUpdateParser}, which guarantees every invariant
 * (one target, ids unique and numeric, fields allowed), so the Zoho bodies below need no checks.
 */
public final class MassUpdateRequest {

    /** Zoho's limit of ids in one non-scheduler call. */
    public static final int MAX_IDS_PER_CALL = 500;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String module;
    private final String requestId;
    private final MassUpdateKind kind;
    private final List<String> ids;
    private final String cvid;
    private final ObjectNode data0;
    private final Boolean overWrite;
    private final ObjectNode territory;
    private final byte[] originalBody;
    private final int duplicatesRemoved;

    MassUpdateRequest(String module, String requestId, MassUpdateKind kind, List<String> ids, String cvid,
            ObjectNode data0, Boolean overWrite, ObjectNode territory, byte[] originalBody, int duplicatesRemoved) {
        this.module = Objects.requireNonNull(module, "module");
        this.requestId = requestId;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.ids = ids == null ? List.of() : List.copyOf(ids);
        this.cvid = cvid;
        this.data0 = Objects.requireNonNull(data0, "data0").deepCopy();
        this.overWrite = overWrite;
        this.territory = territory == null ? null : territory.deepCopy();
        this.originalBody = originalBody == null ? new byte[0] : originalBody.clone();
        this.duplicatesRemoved = duplicatesRemoved;
        if (kind == MassUpdateKind.IDS && (this.ids.isEmpty() || cvid != null)) {
            throw new IllegalArgumentException("an ids request needs ids and no cvid");
        }
        if (kind == MassUpdateKind.CVID && (cvid == null || !this.ids.isEmpty())) {
            throw new IllegalArgumentException("a cvid request needs a cvid and no ids");
        }
    }

    /** Module API name, e.g. {@code Leads} or a configured custom module. */
    public String module() {
        return module;
    }

    /** The producer's {@code request_id}, or {@code null} when it sent none. */
    public String requestId() {
        return requestId;
    }

    public MassUpdateKind kind() {
        return kind;
    }

    /** Record ids in request order, duplicates removed (first occurrence kept); empty for cvid. */
    public List<String> ids() {
        return ids;
    }

    /** Custom view id, or {@code null} for an ids request. */
    public String cvid() {
        return cvid;
    }

    /** A copy of {@code data[0]}: the field(s) to set and their value. */
    public ObjectNode data0() {
        return data0.deepCopy();
    }

    /** Field API names in {@code data[0]}, in body order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        data0.properties().forEach(p -> names.add(p.getKey()));
        return names;
    }

    /** {@code over_write}, or {@code null} when absent (Zoho's default then applies). */
    public Boolean overWrite() {
        return overWrite;
    }

    /** A copy of {@code territory}, or {@code null}. Only ever set for cvid requests. */
    public ObjectNode territory() {
        return territory == null ? null : territory.deepCopy();
    }

    /** A copy of the body exactly as received. */
    public byte[] originalBody() {
        return originalBody.clone();
    }

    /** How many repeated ids validation dropped (0 normally); worth a log line, not a rejection. */
    public int duplicatesRemoved() {
        return duplicatesRemoved;
    }

    /**
     * The body for Zoho's scheduler call: {@code {"data":[…],"cvid":"…","territory":{…},"over_write":…}},
     * territory and over_write only when given.
     *
     * @throws IllegalStateException for an ids request (use {@link #zohoBodies(int)})
     */
    public ObjectNode zohoBody() {
        if (kind != MassUpdateKind.CVID) {
            throw new IllegalStateException("zohoBody() is for cvid requests; this one has ids, use zohoBodies()");
        }
        ObjectNode body = NODES.objectNode();
        body.putArray("data").add(data0.deepCopy());
        body.put("cvid", cvid);
        if (territory != null) {
            body.set("territory", territory.deepCopy());
        }
        if (overWrite != null) {
            body.put("over_write", overWrite);
        }
        return body;
    }

    /** {@link #zohoBodies(int)} with Zoho's maximum of 500 ids a call. */
    public List<ObjectNode> zohoBodies() {
        return zohoBodies(MAX_IDS_PER_CALL);
    }

    /**
     * The bodies for Zoho's non-scheduler calls, ids split in request order into batches of at most
     * {@code batchSize}: each {@code {"data":[…],"ids":[…],"over_write":…}} (over_write only when given).
     * A fresh list of fresh nodes each time, so a caller may modify what it gets.
     *
     * @throws IllegalArgumentException when batchSize is not within 1..500
     * @throws IllegalStateException for a cvid request (use {@link #zohoBody()})
     */
    public List<ObjectNode> zohoBodies(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_IDS_PER_CALL) {
            throw new IllegalArgumentException("batchSize must be within 1.." + MAX_IDS_PER_CALL + ", was " + batchSize);
        }
        if (kind != MassUpdateKind.IDS) {
            throw new IllegalStateException("zohoBodies() is for ids requests; this one has a cvid, use zohoBody()");
        }
        List<ObjectNode> bodies = new ArrayList<>((ids.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < ids.size(); from += batchSize) {
            ObjectNode body = NODES.objectNode();
            body.putArray("data").add(data0.deepCopy());
            ArrayNode batch = body.putArray("ids");
            ids.subList(from, Math.min(from + batchSize, ids.size())).forEach(batch::add);
            if (overWrite != null) {
                body.put("over_write", overWrite);
            }
            bodies.add(body);
        }
        return bodies;
    }

    /** The ids of each batch, matching {@link #zohoBodies(int)} one to one. */
    public List<List<String>> idBatches(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_IDS_PER_CALL) {
            throw new IllegalArgumentException("batchSize must be within 1.." + MAX_IDS_PER_CALL + ", was " + batchSize);
        }
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batchSize) {
            batches.add(ids.subList(from, Math.min(from + batchSize, ids.size())));
        }
        return batches;
    }

    @Override
    public String toString() {
        // never the field value or the body: they may hold customer data that must stay out of logs
        return "MassUpdateRequest[module=" + module + ", requestId=" + requestId + ", kind=" + kind
                + (kind == MassUpdateKind.IDS ? ", ids=" + ids.size() : ", cvid=" + cvid)
                + ", fields=" + fieldNames() + ", overWrite=" + overWrite + ", territory=" + (territory != null)
                + ", bytes=" + originalBody.length + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MassUpdateRequest r && module.equals(r.module) && Objects.equals(requestId, r.requestId)
                && kind == r.kind && ids.equals(r.ids) && Objects.equals(cvid, r.cvid) && data0.equals(r.data0)
                && Objects.equals(overWrite, r.overWrite) && Objects.equals(territory, r.territory)
                && Arrays.equals(originalBody, r.originalBody);
    }

    @Override
    public int hashCode() {
        return Objects.hash(module, requestId, kind, ids, cvid, data0);
    }
}
