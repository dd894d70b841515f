package io.zohocamel.massupdate;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.massupdate.MassUpdateRejection.Code;

import static io.zohocamel.massupdate.RejectionWording.describe;
import static io.zohocamel.massupdate.RejectionWording.quote;

/**
 * The modules a mass update may name (README "Mass update": Zoho's standard ones and the org's custom
 * modules this runtime is configured with) and what Zoho lets one mass update set in them ({@code data[0]}).
 * Thread-safe.
 */
final class ZohoModules {

    /** Standard modules; Activities is the older name still answered by some orgs. */
    static final Set<String> STANDARD = Set.of(
            "Leads", "Accounts", "Contacts", "Deals", "Campaigns", "Tasks", "Calls", "Meetings",
            "Activities", "Solutions", "Products", "Vendors", "Price_Books", "Quotes", "Sales_Orders",
            "Purchase_Orders", "Invoices", "Cases");

    /** Deals is the one module where Zoho accepts up to three fields in one mass update. */
    static final String DEALS = "Deals";

    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final String DATA0 = "$.data[0]";

    private final Set<String> names;

    /**
     * @param customModules API names of the org's custom modules allowed besides the standard ones
     * @throws IllegalArgumentException when one is not a valid API name
     */
    ZohoModules(Set<String> customModules) {
        Set<String> all = new TreeSet<>(STANDARD);
        for (String custom : customModules == null ? Set.<String>of() : customModules) {
            // a typo in configuration should stop start-up, not reject every message later
            if (custom == null || !MODULE_NAME.matcher(custom).matches()) {
                throw new IllegalArgumentException("custom module API name is not valid: " + custom);
            }
            all.add(custom);
        }
        this.names = Set.copyOf(all);
    }

    /** Every module name accepted. */
    Set<String> names() {
        return names;
    }

    /** How many fields one mass update may set in {@code module}. */
    static int maxFields(String module) {
        return DEALS.equals(module) ? 3 : 1;
    }

    /** The module {@code $.module} names; {@code UNKNOWN_MODULE} unless it is one of {@link #names()}. */
    String module(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw MassUpdateRejected.of(Code.UNKNOWN_MODULE, "$.module", "module is required and must be a string "
                    + "naming a Zoho module such as \"Leads\", but it is " + describe(node) + ".");
        }
        String module = node.textValue();
        if (names.contains(module)) {
            return module;
        }
        String hint = names.stream().filter(m -> m.equalsIgnoreCase(module)).findFirst()
                .map(m -> " (module names are case-sensitive: did you mean " + quote(m) + "?)")
                .orElse(" (use a standard module API name such as \"Leads\" or a custom module configured for this runtime)");
        throw MassUpdateRejected.of(Code.UNKNOWN_MODULE, "$.module", "Module " + quote(module) + " is not known" + hint + ".");
    }

    /** {@code data[0]}, the one object of {@code $.data}, when Zoho can set its fields in {@code module}. */
    static ObjectNode data0(JsonNode data, String module) {
        if (data == null || !data.isArray() || data.size() != 1 || !data.get(0).isObject()) {
            String where = "$.data";
            String problem;
            if (data == null) {
                problem = "is missing";
            } else if (!data.isArray()) {
                problem = "is " + describe(data);
            } else if (data.size() != 1) {
                problem = "holds " + data.size() + " elements";
            } else {
                where = DATA0;
                problem = "holds " + describe(data.get(0)) + " instead of an object";
            }
            throw MassUpdateRejected.of(Code.INVALID_DATA, where,
                    "data must be an array holding exactly one object of field values, but it " + problem + ".");
        }
        ObjectNode data0 = (ObjectNode) data.get(0);
        int max = maxFields(module);
        if (data0.isEmpty()) {
            throw MassUpdateRejected.of(Code.NO_FIELD, DATA0, "data[0] holds no field; name the field to update and its new value.");
        }
        if (data0.size() > max) {
            throw MassUpdateRejected.of(Code.TOO_MANY_FIELDS, DATA0, "data[0] holds " + data0.size() + " fields but Zoho "
                    + "updates at most " + max + (max == 1 ? " field" : " fields") + " at a time in " + module
                    + "; split the fields over several messages.");
        }
        for (Map.Entry<String, JsonNode> field : data0.properties()) {
            checkField(field.getKey(), field.getValue());
        }
        return data0;
    }

    private static void checkField(String name, JsonNode value) {
        String where = RejectionWording.child(DATA0, name);
        if (name.isBlank()) {
            throw MassUpdateRejected.of(Code.FIELD_NOT_ALLOWED, where, "A field name in data[0] is empty; use the field's API name.");
        }
        if (isEmailField(name)) {
            throw MassUpdateRejected.of(Code.FIELD_NOT_ALLOWED, where,
                    "Field " + quote(name) + " is an email field, and Zoho does not allow email fields in a mass update.");
        }
        if (value.isObject()) {
            throw MassUpdateRejected.of(Code.FIELD_NOT_ALLOWED, where, "Field " + quote(name) + " has an object value; "
                    + "lookup fields cannot be mass-updated, only plain values and lists of strings.");
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isObject() || item.isArray()) {
                    throw MassUpdateRejected.of(Code.FIELD_NOT_ALLOWED, RejectionWording.index(where, i), "Field " + quote(name)
                            + " holds " + (item.isObject() ? "objects" : "nested arrays")
                            + "; subforms, line items and multi-select lookups cannot be mass-updated.");
                }
                if (!item.isTextual()) {
                    throw MassUpdateRejected.of(Code.WRONG_TYPE, RejectionWording.index(where, i), "Field " + quote(name)
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
}
