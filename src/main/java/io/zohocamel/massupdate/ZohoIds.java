package io.zohocamel.massupdate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.massupdate.MassUpdateRejection.Code;

import static io.zohocamel.massupdate.RejectionWording.describe;
import static io.zohocamel.massupdate.RejectionWording.quote;

/**
 * The ids a request targets its records with: record ids ({@code $.ids}), a custom view ({@code $.cvid}) and
 * a territory ({@code $.territory}). Zoho ids are strings of digits; as JSON numbers they lose digits beyond
 * 2^53 in many producers, so a number is refused with a hint.
 */
final class ZohoIds {

    /** Zoho's scheduler limit; also the most ids one queue message may carry. */
    static final int MAX_IDS = 50_000;

    private ZohoIds() {
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

    /** The record ids of {@code $.ids}, in request order, duplicates still in. */
    static List<String> ids(JsonNode ids) {
        if (!ids.isArray()) {
            throw MassUpdateRejected.of(Code.WRONG_TYPE, "$.ids",
                    "ids must be an array of record id strings, but it is " + describe(ids) + ".");
        }
        if (ids.isEmpty()) {
            throw MassUpdateRejected.of(Code.MISSING_TARGET, "$.ids", "ids is empty; give at least one record id.");
        }
        if (ids.size() > MAX_IDS) {
            throw MassUpdateRejected.of(Code.TOO_MANY_IDS, "$.ids", "ids holds " + ids.size() + " ids, more than the limit of "
                    + MAX_IDS + "; split the update into several messages.");
        }
        List<String> list = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            list.add(id(ids.get(i), () -> RejectionWording.index("$.ids", index), "Record id"));
        }
        return list;
    }

    /**
     * One id; {@code what} names it in a rejection. The path ({@code at}) is spelled out only for a rejection
     * (for the 50,000 ids of a request it is not).
     */
    static String id(JsonNode node, Supplier<String> at, String what) {
        if (node.isTextual() && isZohoId(node.textValue())) {
            return node.textValue();
        }
        String where = at.get();
        if (node.isNumber()) {
            throw MassUpdateRejected.of(Code.INVALID_ID, where, what + " at " + where + " is a number; send it as a string "
                    + "of digits (e.g. \"554023000000497007\") because large numbers lose digits in JSON.");
        }
        String value = node.isTextual() ? quote(node.textValue()) : describe(node);
        throw MassUpdateRejected.of(Code.INVALID_ID, where, what + " at " + where + " must be a string of 1 to 30 digits, "
                + "but it is " + value + ".");
    }

    /** {@code $.territory}, rebuilt from its checked parts so nothing but id and include_child reaches Zoho. */
    static ObjectNode territory(JsonNode territory) {
        String where = "$.territory";
        if (!territory.isObject()) {
            throw MassUpdateRejected.of(Code.WRONG_TYPE, where, "territory must be an object like "
                    + "{\"id\":\"554023000000430409\",\"include_child\":true}, but it is " + describe(territory) + ".");
        }
        for (Map.Entry<String, JsonNode> property : territory.properties()) {
            String key = property.getKey();
            if (!key.equals("id") && !key.equals("include_child")) {
                throw MassUpdateRejected.of(Code.UNKNOWN_KEY, RejectionWording.child(where, key),
                        "Key " + quote(key) + " is not part of territory; allowed keys are id and include_child.");
            }
        }
        JsonNode id = territory.get("id");
        if (id == null || !id.isTextual()) {
            throw MassUpdateRejected.of(Code.WRONG_TYPE, where + ".id", "territory.id is required and must be a string of "
                    + "digits, but it is " + describe(id) + ".");
        }
        ObjectNode clean = JsonNodeFactory.instance.objectNode();
        clean.put("id", id(id, () -> where + ".id", "Territory id"));
        JsonNode includeChild = territory.get("include_child");
        if (includeChild != null && !includeChild.isNull()) {
            if (!includeChild.isBoolean()) {
                throw MassUpdateRejected.of(Code.WRONG_TYPE, where + ".include_child",
                        "territory.include_child must be true or false, but it is " + describe(includeChild) + ".");
            }
            clean.put("include_child", includeChild.booleanValue());
        }
        return clean;
    }
}
