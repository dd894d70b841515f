package io.zohocamel.massupdate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.zohocamel.massupdate.MassUpdateRejection.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a queue message body into a {@link MassUpdateRequest} or a {@link MassUpdateRejection},
 * before any call to Zoho. Why validate so much up front: Zoho answers many of these mistakes with
 * HTTP 200 and an error per record (or schedules a job that fails later), so a bad request caught
 * here costs no API credits and reaches the producer as one precise sentence instead of 50,000
 * identical per-record errors. The first problem found is reported; checks run in a fixed order
 * (size, UTF-8, JSON, object, unknown keys, request_id, module, data, target, over_write) so the same
 * body always gets the same answer.
 *
 * <p>Explicit JSON {@code null} for an optional key ({@code request_id}, {@code ids}, {@code cvid},
 * {@code territory}, {@code over_write}) counts as absent: many serializers write nulls by default.
 * Thread-safe; share one instance.
 */
public final class MassUpdateParser {

    /** Default body limit: 10 MiB, well above 50,000 ids (~1.1 MB) yet bounded for the heap. */
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** Zoho's scheduler limit; also the most ids one queue message may carry. */
    public static final int MAX_IDS = 50_000;
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
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");

    // duplicate keys would make "which value wins" a parser detail; trailing content hints at a broken producer
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // pass field values to Zoho exactly as written (no double rounding, no zero stripping)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final Set<String> modules;
    private final int maxBodyBytes;

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
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        Set<String> all = new TreeSet<>(ZohoModules.STANDARD);
        for (String custom : customModules == null ? Set.<String>of() : customModules) {
            // a typo in configuration should stop start-up, not reject every message later
            if (custom == null || !MODULE_NAME.matcher(custom).matches()) {
                throw new IllegalArgumentException("custom module API name is not valid: " + custom);
            }
            all.add(custom);
        }
        this.modules = Set.copyOf(all);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Every module name this parser accepts. */
    public Set<String> modules() {
        return modules;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
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
        ObjectNode root = readObject(body);
        JsonNode requestIdNode = root.get(REQUEST_ID);
        if (requestIdNode != null && requestIdNode.isTextual()
                && REQUEST_ID_PATTERN.matcher(requestIdNode.textValue()).matches()) {
            ctx.requestId = requestIdNode.textValue();
        }

        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String key = property.getKey();
            if (!KNOWN_KEYS.contains(key)) {
                throw reject(Code.UNKNOWN_KEY, JsonPaths.child(JsonPaths.ROOT, key),
                        "Key " + quote(key) + " is not part of a mass-update request; allowed keys are module, "
                                + "request_id, data, ids, cvid, territory and over_write.");
            }
        }

        String requestId = requestId(root);
        String module = module(root);
        ObjectNode data0 = data0(root, module);

        JsonNode ids = present(root, IDS);
        JsonNode cvid = present(root, CVID);
        JsonNode territory = present(root, TERRITORY);
        if (ids != null && cvid != null) {
            throw reject(Code.AMBIGUOUS_TARGET, JsonPaths.ROOT,
                    "The request has both ids and cvid; give exactly one of them.");
        }
        if (ids == null && cvid == null) {
            throw reject(Code.MISSING_TARGET, JsonPaths.ROOT,
                    "The request names no records; give either ids (a list of record ids) or cvid (a custom view id).");
        }
        if (territory != null && cvid == null) {
            throw reject(Code.TERRITORY_NEEDS_CVID, "$." + TERRITORY,
                    "territory can only be used together with cvid, not with ids.");
        }

        List<String> idList = null;
        int duplicates = 0;
        String cvidValue = null;
        ObjectNode territoryValue = null;
        MassUpdateKind kind;
        if (ids != null) {
            kind = MassUpdateKind.IDS;
            List<String> raw = ids(ids);
            idList = new ArrayList<>(new LinkedHashSet<>(raw));
            duplicates = raw.size() - idList.size();
        } else {
            kind = MassUpdateKind.CVID;
            cvidValue = zohoId(cvid, () -> "$." + CVID, "cvid");
            if (territory != null) {
                territoryValue = territory(territory);
            }
        }

        Boolean overWrite = null;
        JsonNode overWriteNode = present(root, OVER_WRITE);
        if (overWriteNode != null) {
            if (!overWriteNode.isBoolean()) {
                throw reject(Code.WRONG_TYPE, "$." + OVER_WRITE,
                        "over_write must be true or false, but it is " + describe(overWriteNode) + ".");
            }
            overWrite = overWriteNode.booleanValue();
        }

        if (duplicates > 0) {
            // not worth a rejection: the producer's intent is clear, and each record is updated once
            LOG.info("Mass update request {} for {}: removed {} duplicate id(s), {} left",
                    requestId, module, duplicates, idList.size());
        }
        return new MassUpdateRequest(module, requestId, kind, idList, cvidValue, data0, overWrite,
                territoryValue, body, duplicates);
    }

    private ObjectNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw reject(Code.INVALID_JSON, JsonPaths.ROOT, "The message body is empty; send a JSON object.");
        }
        if (body.length > maxBodyBytes) {
            throw reject(Code.BODY_TOO_LARGE, JsonPaths.ROOT, "The body is " + body.length
                    + " bytes, more than the limit of " + maxBodyBytes + " bytes; split the update into several messages.");
        }
        String text;
        try {
            text = strictUtf8(body);
        } catch (MalformedInputException e) {
            throw reject(Code.INVALID_JSON, JsonPaths.ROOT,
                    "The body is not valid UTF-8 (bad byte sequence near byte offset " + offsetOf(body) + ").");
        } catch (CharacterCodingException e) {
            throw reject(Code.INVALID_JSON, JsonPaths.ROOT, "The body is not valid UTF-8.");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // a UTF-8 byte order mark is harmless; some producers add one
        }
        if (text.isBlank()) {
            throw reject(Code.INVALID_JSON, JsonPaths.ROOT, "The message body is empty; send a JSON object.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                    ? "more content follows the first JSON value" : firstLine(e.getOriginalMessage());
            throw reject(Code.INVALID_JSON, JsonPaths.ROOT, "The body is not valid JSON" + where(e) + ": "
                    + detail + ".");
        }
        if (root == null || !root.isObject()) {
            throw reject(Code.NOT_AN_OBJECT, JsonPaths.ROOT,
                    "The body must be a JSON object, but it is " + describe(root) + ".");
        }
        return (ObjectNode) root;
    }

    private String requestId(ObjectNode root) {
        JsonNode node = present(root, REQUEST_ID);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || !REQUEST_ID_PATTERN.matcher(node.textValue()).matches()) {
            throw reject(Code.INVALID_REQUEST_ID, "$." + REQUEST_ID, "request_id must be a string of 1 to "
                    + MAX_REQUEST_ID_LENGTH + " letters, digits or . _ : - characters, but it is "
                    + (node.isTextual() && node.textValue().length() > MAX_REQUEST_ID_LENGTH
                            ? node.textValue().length() + " characters long" : describe(node)) + ".");
        }
        return node.textValue();
    }

    private String module(ObjectNode root) {
        JsonNode node = root.get(MODULE);
        if (node == null || !node.isTextual()) {
            throw reject(Code.UNKNOWN_MODULE, "$." + MODULE, "module is required and must be a string "
                    + "naming a Zoho module such as \"Leads\", but it is " + describe(node) + ".");
        }
        String module = node.textValue();
        if (modules.contains(module)) {
            return module;
        }
        String hint = modules.stream().filter(m -> m.equalsIgnoreCase(module)).findFirst()
                .map(m -> " (module names are case-sensitive: did you mean " + quote(m) + "?)")
                .orElse(" (use a standard module API name such as \"Leads\" or a custom module configured for this runtime)");
        throw reject(Code.UNKNOWN_MODULE, "$." + MODULE, "Module " + quote(module) + " is not known" + hint + ".");
    }

    private ObjectNode data0(ObjectNode root, String module) {
        JsonNode data = root.get(DATA);
        if (data == null || !data.isArray() || data.size() != 1 || !data.get(0).isObject()) {
            String where = "$." + DATA;
            String problem;
            if (data == null) {
                problem = "is missing";
            } else if (!data.isArray()) {
                problem = "is " + describe(data);
            } else if (data.size() != 1) {
                problem = "holds " + data.size() + " elements";
            } else {
                where = "$.data[0]";
                problem = "holds " + describe(data.get(0)) + " instead of an object";
            }
            throw reject(Code.INVALID_DATA, where,
                    "data must be an array holding exactly one object of field values, but it " + problem + ".");
        }
        ObjectNode data0 = (ObjectNode) data.get(0);
        int max = ZohoModules.maxFields(module);
        if (data0.isEmpty()) {
            throw reject(Code.NO_FIELD, "$.data[0]", "data[0] holds no field; name the field to update and its new value.");
        }
        if (data0.size() > max) {
            throw reject(Code.TOO_MANY_FIELDS, "$.data[0]", "data[0] holds " + data0.size() + " fields but Zoho "
                    + "updates at most " + max + (max == 1 ? " field" : " fields") + " at a time in " + module
                    + "; split the fields over several messages.");
        }
        for (Map.Entry<String, JsonNode> field : data0.properties()) {
            checkField(field.getKey(), field.getValue());
        }
        return data0;
    }

    private static void checkField(String name, JsonNode value) {
        String where = JsonPaths.child("$.data[0]", name);
        if (name.isBlank()) {
            throw reject(Code.FIELD_NOT_ALLOWED, where, "A field name in data[0] is empty; use the field's API name.");
        }
        if (isEmailField(name)) {
            throw reject(Code.FIELD_NOT_ALLOWED, where,
                    "Field " + quote(name) + " is an email field, and Zoho does not allow email fields in a mass update.");
        }
        if (value.isObject()) {
            throw reject(Code.FIELD_NOT_ALLOWED, where, "Field " + quote(name) + " has an object value; "
                    + "lookup fields cannot be mass-updated, only plain values and lists of strings.");
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isObject() || item.isArray()) {
                    throw reject(Code.FIELD_NOT_ALLOWED, JsonPaths.index(where, i), "Field " + quote(name)
                            + " holds " + (item.isObject() ? "objects" : "nested arrays")
                            + "; subforms, line items and multi-select lookups cannot be mass-updated.");
                }
                if (!item.isTextual()) {
                    throw reject(Code.WRONG_TYPE, JsonPaths.index(where, i), "Field " + quote(name)
                            + " is a list, so every value must be a string (multi-select picklist), but item " + i
                            + " is " + describe(item) + ".");
                }
            }
        }
    }

    /**
     * Email fields are recognised by name: {@code Email}, {@code *_Email} (any case) or camel-case
     * {@code *Email}. The case-sensitive last rule keeps names like {@code Voicemail} allowed.
     */
    static boolean isEmailField(String name) {
        return name.equalsIgnoreCase("email") || name.toLowerCase(Locale.ROOT).endsWith("_email") || name.endsWith("Email");
    }

    private static List<String> ids(JsonNode ids) {
        if (!ids.isArray()) {
            throw reject(Code.WRONG_TYPE, "$." + IDS,
                    "ids must be an array of record id strings, but it is " + describe(ids) + ".");
        }
        if (ids.isEmpty()) {
            throw reject(Code.MISSING_TARGET, "$." + IDS, "ids is empty; give at least one record id.");
        }
        if (ids.size() > MAX_IDS) {
            throw reject(Code.TOO_MANY_IDS, "$." + IDS, "ids holds " + ids.size() + " ids, more than the limit of "
                    + MAX_IDS + "; split the update into several messages.");
        }
        List<String> list = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            list.add(zohoId(ids.get(i), () -> JsonPaths.index("$." + IDS, index), "Record id"));
        }
        return list;
    }

    /** 1 to 30 ASCII digits (a loop, not a regex: a request may carry 50,000 ids). */
    static boolean isZohoId(String text) {
        if (text.isEmpty() || text.length() > 30) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Zoho ids are strings of digits; as JSON numbers they lose digits beyond 2^53 in many producers.
     * The path ({@code at}) is spelled out only for a rejection (for the 50,000 ids of a request it is not).
     */
    private static String zohoId(JsonNode node, Supplier<String> at, String what) {
        if (node.isTextual() && isZohoId(node.textValue())) {
            return node.textValue();
        }
        String where = at.get();
        if (node.isNumber()) {
            throw reject(Code.INVALID_ID, where, what + " at " + where + " is a number; send it as a string "
                    + "of digits (e.g. \"554023000000497007\") because large numbers lose digits in JSON.");
        }
        if (!node.isTextual()) {
            throw reject(Code.INVALID_ID, where, what + " at " + where + " must be a string of 1 to 30 digits, "
                    + "but it is " + describe(node) + ".");
        }
        throw reject(Code.INVALID_ID, where, what + " at " + where + " must be a string of 1 to 30 digits, "
                + "but it is " + quote(node.textValue()) + ".");
    }

    /** Rebuilt from its checked parts so nothing but id and include_child reaches Zoho. */
    private static ObjectNode territory(JsonNode territory) {
        String where = "$." + TERRITORY;
        if (!territory.isObject()) {
            throw reject(Code.WRONG_TYPE, where, "territory must be an object like "
                    + "{\"id\":\"554023000000430409\",\"include_child\":true}, but it is " + describe(territory) + ".");
        }
        for (Map.Entry<String, JsonNode> property : territory.properties()) {
            String key = property.getKey();
            if (!key.equals("id") && !key.equals("include_child")) {
                throw reject(Code.UNKNOWN_KEY, JsonPaths.child(where, key),
                        "Key " + quote(key) + " is not part of territory; allowed keys are id and include_child.");
            }
        }
        JsonNode id = territory.get("id");
        if (id == null || !id.isTextual()) {
            throw reject(Code.WRONG_TYPE, where + ".id", "territory.id is required and must be a string of "
                    + "digits, but it is " + describe(id) + ".");
        }
        ObjectNode clean = JsonNodeFactory.instance.objectNode();
        clean.put("id", zohoId(id, () -> where + ".id", "Territory id"));
        JsonNode includeChild = territory.get("include_child");
        if (includeChild != null && !includeChild.isNull()) {
            if (!includeChild.isBoolean()) {
                throw reject(Code.WRONG_TYPE, where + ".include_child",
                        "territory.include_child must be true or false, but it is " + describe(includeChild) + ".");
            }
            clean.put("include_child", includeChild.booleanValue());
        }
        return clean;
    }

    /** The value of an optional key, or null when it is absent or JSON null. */
    private static JsonNode present(ObjectNode root, String key) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? null : node;
    }

    /** The body as text, or an exception at its first byte that is not UTF-8. */
    static String strictUtf8(byte[] body) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(body)).toString();
    }

    /** Byte offset of the first malformed sequence (decodes again; only on the rejection path). */
    private static long offsetOf(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    private static String where(JacksonException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable content";
        }
        String line = s.lines().findFirst().orElse(s).strip();
        while (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** A short, JSON-quoted rendering of producer text for messages (truncated, control chars escaped). */
    static String quote(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return TextNode.valueOf(cut).toString();
    }

    /** What a JSON value is, for messages: "a number", "an array", "null", "missing", or a short string. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string " + quote(node.textValue());
            default -> "a " + type.name().toLowerCase(Locale.ROOT) + " value";
        };
    }

    /** Unwinds validation at the first problem. */
    private static MassUpdateRejected reject(Code code, String where, String message) {
        return MassUpdateRejected.of(code, where, message);
    }
}
