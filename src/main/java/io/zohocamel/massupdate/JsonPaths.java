package io.zohocamel.massupdate;

import java.util.regex.Pattern;

/** Builds the JSON paths used in {@link MassUpdateRejection#where()}. */
final class JsonPaths {

    static final String ROOT = "$";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
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
}
