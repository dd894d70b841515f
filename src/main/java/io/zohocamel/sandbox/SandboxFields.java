package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * GET /crm/{v}/settings/fields?module=M: the module's field metadata, which Zoho's SDKs fetch before record
 * calls (the Node SDK before every massUpdateRecords) to learn each field's type and whether it is mandatory.
 * Fields are those the sandbox knows of the module ({@link SandboxRecords#fieldNames}), plus Owner, which every
 * module has; their types come from the names of Zoho's standard fields, anything else being a text field.
 * An unknown module is 400 INVALID_MODULE, a missing one 400 REQUIRED_PARAM_MISSING.
 */
final class SandboxFields {

    private record Type(String dataType, String jsonType) {
    }

    private static final Type TEXT = new Type("text", "string");
    private static final Type LOOKUP = new Type("lookup", "jsonobject");
    private static final Map<String, Type> TYPES = Map.ofEntries(
            Map.entry("Owner", new Type("ownerlookup", "jsonobject")),
            Map.entry("Layout", new Type("layout", "jsonobject")),
            Map.entry("Tag", new Type("text", "jsonarray")),
            Map.entry("Description", new Type("textarea", "string")),
            Map.entry("Website", new Type("website", "string")),
            Map.entry("Email_Opt_Out", new Type("boolean", "boolean")),
            Map.entry("Date_of_Birth", new Type("date", "string")),
            Map.entry("Closing_Date", new Type("date", "string")));
    private static final Set<String> PHONES = Set.of("Phone", "Mobile", "Fax", "Home_Phone", "Other_Phone",
            "Asst_Phone");
    private static final Set<String> CURRENCIES = Set.of("Amount", "Annual_Revenue", "Expected_Revenue");
    private static final Set<String> INTEGERS = Set.of("Probability", "No_of_Employees", "Employees");
    private static final Set<String> PICKLISTS = Set.of("Salutation", "Lead_Source", "Lead_Status", "Industry",
            "Rating", "Stage", "Type", "Account_Type", "Ownership");
    /** The module a lookup field points to; "field@Module" where it depends on the module. */
    private static final Map<String, String> LOOKUP_TARGETS = Map.of("Account_Name@Deals", "Accounts",
            "Account_Name@Contacts", "Accounts", "Contact_Name", "Contacts", "Parent_Account", "Accounts",
            "Reporting_To", "Contacts", "Vendor_Name", "Vendors", "Campaign_Source", "Campaigns");

    private final SandboxRecords records;

    SandboxFields(SandboxRecords records) {
        this.records = records;
    }

    SandboxResponse list(SandboxRequest request) {
        String module = request.queryParams().get("module");
        if (module == null || module.isBlank()) {
            return SandboxErrors.error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    SandboxJson.object("param", "module"));
        }
        return records.module(module).map(this::fields).orElseGet(SandboxErrors::invalidModule);
    }

    private SandboxResponse fields(String module) {
        Set<String> names = new TreeSet<>(records.fieldNames(module)); // sorted: the same answer every run
        names.add("Owner");
        List<String> mandatory = records.mandatoryFields(module);
        ObjectNode root = SandboxJson.object();
        ArrayNode fields = root.putArray("fields");
        names.forEach(name -> fields.add(field(module, name, mandatory.contains(name))));
        return SandboxResponse.json(200, root);
    }

    private static ObjectNode field(String module, String name, boolean mandatory) {
        Type type = type(module, name);
        ObjectNode field = SandboxJson.object();
        field.put("api_name", name);
        field.put("field_label", name.replace('_', ' '));
        field.put("id", "41508680000" + String.format("%08d", Math.floorMod((module + name).hashCode(), 100_000_000)));
        field.put("data_type", type.dataType());
        field.put("json_type", type.jsonType());
        field.put("system_mandatory", mandatory);
        field.put("read_only", false);
        field.put("custom_field", false);
        field.put("visible", true);
        String target = lookupTarget(module, name);
        if (target != null) {
            field.putObject("lookup").set("module", SandboxJson.object("api_name", target,
                    "id", SandboxBulkJobValidator.moduleId(target)));
        }
        return field;
    }

    private static Type type(String module, String name) {
        if (TYPES.containsKey(name)) {
            return TYPES.get(name);
        }
        if (lookupTarget(module, name) != null || SandboxRecords.isLookup(module, name)) {
            return LOOKUP;
        }
        if (SandboxRecords.EMAIL_FIELDS.contains(name)) {
            return new Type("email", "string");
        }
        if (PHONES.contains(name)) {
            return new Type("phone", "string");
        }
        if (CURRENCIES.contains(name)) {
            return new Type("currency", "double");
        }
        if (INTEGERS.contains(name)) {
            return new Type("integer", "integer");
        }
        return PICKLISTS.contains(name) ? new Type("picklist", "string") : TEXT;
    }

    private static String lookupTarget(String module, String name) {
        String target = LOOKUP_TARGETS.get(name + "@" + module);
        return target != null ? target : LOOKUP_TARGETS.get(name);
    }
}
