package io.zohocamel.massupdate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.massupdate.MassUpdateRejection.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.zohocamel.massupdate.RejectionWording.describe;

/**
 * Turns a queue message body into a {@link MassUpdateRequest} or a {@link MassUpdateRejection},
 * before any call to Zoho. Why validate so much up front: Zoho answers many of these mistakes with
 * HTTP 200 and an error per record (or schedules a job that fails later), so a bad request caught
 * here costs no API credits and reaches the producer as one precise sentence instead of 50,000
 * identical per-record errors. The first problem found is reported; checks run in a fixed order
 * (size, UTF-8, JSON, object: {@link RequestBodyReader}; unknown keys, request_id; module, data:
 * {@link ZohoModules}; target: {@link ZohoIds}; over_write) so the same body always gets the same answer.
 *
 * <p>Explicit JSON {@code null} for an optional key ({@code request_id}, {@code ids}, {@code cvid},
 * {@code territory}, {@code over_write}) counts as absent: many serializers write nulls by default.
 * Thread-safe; share one instance.
 */
public final class MassUpdateParser {

    /** Default body limit: 10 MiB, well above 50,000 ids (~1.1 MB) yet bounded for the heap. */
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
    public static final int MAX_REQUEST_ID_LENGTH = 200;

    static final String MODULE = "module";
    static final String REQUEST_ID = "request_id";
    static final String DATA = "data";
    static final String IDS = "ids";
    static final String CVID = "cvid";
    static final String TERRITORY = "territory";
    static final String OVER_WRITE = "over_write";
    /** The runtime's own keys plus the keys of Zoho's mass-update body; anything else is refused. */
    static final Set<String> KNOWN_KEYS = Set.of(MODULE, REQUEST_ID, DATA, IDS, CVID, TERRITORY, OVER_WRITE);

    private static final Logger LOG = LoggerFactory.getLogger(MassUpdateParser.class);
    private static final Pattern REQUEST_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_REQUEST_ID_LENGTH + "}");

    private final ZohoModules modules;
    private final RequestBodyReader reader;

    /** Standard modules only, 10 MiB limit. */
    public MassUpdateParser() {
        this(Set.of(), DEFAULT_MAX_BODY_BYTES);
    }

    /** @param customModules API names of the org's custom modules allowed besides the standard ones */
    public MassUpdateParser(Set<String> customModules) {
        this(customModules, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param customModules API names of the org's custom modules allowed besides the standard ones
     * @param maxBodyBytes  largest body accepted, in bytes (must be positive)
     */
    public MassUpdateParser(Set<String> customModules, int maxBodyBytes) {
        this.reader = new RequestBodyReader(maxBodyBytes);
        this.modules = new ZohoModules(customModules);
    }

    /** Every module name this parser accepts. */
    public Set<String> modules() {
        return modules.names();
    }

    public int maxBodyBytes() {
        return reader.maxBodyBytes();
    }

    /** Parses a text body (it is measured and kept as its UTF-8 bytes). */
    public MassUpdateParseResult parse(String body) {
        return parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a body as received from the queue. Never throws for bad input. */
    public MassUpdateParseResult parse(byte[] body) {
        Context ctx = new Context();
        try {
            return MassUpdateParseResult.accepted(validate(body, ctx));
        } catch (MassUpdateRejected r) {
            return MassUpdateParseResult.rejected(r.rejection().withRequestId(ctx.requestId));
        }
    }

    /** Holds what is known so far, so even a rejection can name the request_id. */
    private static final class Context {
        String requestId;
    }

    private MassUpdateRequest validate(byte[] body, Context ctx) {
        ObjectNode root = reader.read(body);
        JsonNode requestIdNode = root.get(REQUEST_ID);
        if (requestIdNode != null && requestIdNode.isTextual()
                && REQUEST_ID_PATTERN.matcher(requestIdNode.textValue()).matches()) {
            ctx.requestId = requestIdNode.textValue();
        }
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String key = property.getKey();
            if (!KNOWN_KEYS.contains(key)) {
                throw MassUpdateRejected.of(Code.UNKNOWN_KEY, RejectionWording.child(RejectionWording.ROOT, key),
                        "Key " + RejectionWording.quote(key) + " is not part of a mass-update request; allowed keys are "
                                + "module, request_id, data, ids, cvid, territory and over_write.");
            }
        }
        String requestId = requestId(root);
        String module = modules.module(root.get(MODULE));
        ObjectNode data0 = ZohoModules.data0(root.get(DATA), module);

        JsonNode ids = present(root, IDS);
        JsonNode cvid = present(root, CVID);
        JsonNode territory = present(root, TERRITORY);
        if (ids != null && cvid != null) {
            throw MassUpdateRejected.of(Code.AMBIGUOUS_TARGET, RejectionWording.ROOT,
                    "The request has both ids and cvid; give exactly one of them.");
        }
        if (ids == null && cvid == null) {
            throw MassUpdateRejected.of(Code.MISSING_TARGET, RejectionWording.ROOT,
                    "The request names no records; give either ids (a list of record ids) or cvid (a custom view id).");
        }
        if (territory != null && cvid == null) {
            throw MassUpdateRejected.of(Code.TERRITORY_NEEDS_CVID, "$." + TERRITORY,
                    "territory can only be used together with cvid, not with ids.");
        }
        List<String> idList = null;
        int duplicates = 0;
        if (ids != null) {
            List<String> raw = ZohoIds.ids(ids);
            idList = new ArrayList<>(new LinkedHashSet<>(raw));
            duplicates = raw.size() - idList.size();
        }
        String cvidValue = cvid == null ? null : ZohoIds.id(cvid, () -> "$." + CVID, "cvid");
        ObjectNode territoryValue = territory == null ? null : ZohoIds.territory(territory);
        Boolean overWrite = overWrite(root);
        if (duplicates > 0) {
            // not worth a rejection: the producer's intent is clear, and each record is updated once
            LOG.info("Mass update request {} for {}: removed {} duplicate id(s), {} left",
                    requestId, module, duplicates, idList.size());
        }
        return new MassUpdateRequest(module, requestId, ids != null ? MassUpdateKind.IDS : MassUpdateKind.CVID, idList,
                cvidValue, data0, overWrite, territoryValue, body, duplicates);
    }

    private static String requestId(ObjectNode root) {
        JsonNode node = present(root, REQUEST_ID);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || !REQUEST_ID_PATTERN.matcher(node.textValue()).matches()) {
            throw MassUpdateRejected.of(Code.INVALID_REQUEST_ID, "$." + REQUEST_ID, "request_id must be a string of 1 to "
                    + MAX_REQUEST_ID_LENGTH + " letters, digits or . _ : - characters, but it is "
                    + (node.isTextual() && node.textValue().length() > MAX_REQUEST_ID_LENGTH
                            ? node.textValue().length() + " characters long" : describe(node)) + ".");
        }
        return node.textValue();
    }

    private static Boolean overWrite(ObjectNode root) {
        JsonNode node = present(root, OVER_WRITE);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw MassUpdateRejected.of(Code.WRONG_TYPE, "$." + OVER_WRITE,
                    "over_write must be true or false, but it is " + describe(node) + ".");
        }
        return node.booleanValue();
    }

    /** The value of an optional key, or null when it is absent or JSON null. */
    private static JsonNode present(ObjectNode root, String key) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? null : node;
    }
}
