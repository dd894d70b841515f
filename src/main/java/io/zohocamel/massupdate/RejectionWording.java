package io.zohocamel.massupdate;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * How a rejection names a place in the body ({@link MassUpdateRejection#where()}, a JSON path) and a value
 * in its message: the same words for every check.
 */
final class RejectionWording {

    static final String ROOT = "$";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RejectionWording() {
    }

    /** {@code $.key}, or {@code $['odd key']} when the key would not read as a plain name. */
    static String child(String parent, String key) {
        if (PLAIN.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
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
}
