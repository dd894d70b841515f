package io.zohocamel.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory CRM: known modules, their records, and the little schema the sandbox needs to judge requests
 * (mandatory fields for insert, unique fields for duplicate checks, fields mass update may touch).
 * All methods are synchronized; a bulk job applies all its rows while holding the monitor. A module keeps its
 * newest maxRecords records: past it the oldest inserted is forgotten, as if deleted in the CRM, so that the
 * sandbox's heap does not grow with every file run through it.
 */
final class SandboxRecords {

    static final List<String> STANDARD_MODULES = List.of("Leads", "Accounts", "Contacts", "Deals", "Campaigns",
            "Tasks", "Calls", "Meetings", "Activities", "Solutions", "Products", "Vendors", "Price_Books", "Quotes",
            "Sales_Orders", "Purchase_Orders", "Invoices");

    /** Fields treated as email addresses wherever they appear. */
    static final Set<String> EMAIL_FIELDS = Set.of("Email", "Secondary_Email");

    /** Lookup fields (mass update refuses them; their real values are objects). */
    static final Set<String> LOOKUP_FIELDS = Set.of("Account_Name@Deals", "Account_Name@Contacts", "Contact_Name",
            "Parent_Account", "Reporting_To", "Vendor_Name", "Campaign_Source", "Layout");

    /** Standard fields of the main modules; a module not listed here accepts any well-formed field name. */
    private static final Map<String, Set<String>> STANDARD_FIELDS = Map.of(
            "Leads", Set.of("Owner", "Salutation", "First_Name", "Last_Name", "Full_Name", "Company", "Title", "Email",
                    "Secondary_Email", "Phone", "Mobile", "Fax", "Website", "Lead_Source", "Lead_Status", "Industry",
                    "No_of_Employees", "Annual_Revenue", "Rating", "Email_Opt_Out", "Skype_ID", "Twitter", "Street",
                    "City", "State", "Zip_Code", "Country", "Description", "Tag", "Layout"),
            "Contacts", Set.of("Owner", "Salutation", "First_Name", "Last_Name", "Full_Name", "Account_Name",
                    "Vendor_Name", "Title", "Department", "Email", "Secondary_Email", "Phone", "Home_Phone",
                    "Other_Phone", "Mobile", "Assistant", "Asst_Phone", "Fax", "Date_of_Birth", "Lead_Source",
                    "Reporting_To", "Email_Opt_Out", "Skype_ID", "Twitter", "Mailing_Street", "Mailing_City",
                    "Mailing_State", "Mailing_Zip", "Mailing_Country", "Other_Street", "Other_City", "Other_State",
                    "Other_Zip", "Other_Country", "Description", "Tag", "Layout"),
            "Accounts", Set.of("Owner", "Account_Name", "Account_Number", "Account_Site", "Parent_Account",
                    "Account_Type", "Industry", "Annual_Revenue", "Rating", "Phone", "Fax", "Website", "Ticker_Symbol",
                    "Ownership", "Employees", "SIC_Code", "Billing_Street", "Billing_City", "Billing_State",
                    "Billing_Code", "Billing_Country", "Shipping_Street", "Shipping_City", "Shipping_State",
                    "Shipping_Code", "Shipping_Country", "Description", "Tag", "Layout"),
            "Deals", Set.of("Owner", "Deal_Name", "Account_Name", "Contact_Name", "Amount", "Closing_Date", "Stage",
                    "Type", "Probability", "Expected_Revenue", "Next_Step", "Lead_Source", "Campaign_Source",
                    "Description", "Tag", "Layout"));

    /**
     * Zoho's system-defined duplicate-check field per module: what upsert matches on first when the request names
     * no duplicate_check_fields (Zoho's upsert docs); custom modules use Name, Tasks, Calls and Meetings have none.
     */
    private static final Map<String, String> SYSTEM_DUPLICATE_CHECK = Map.ofEntries(Map.entry("Leads", "Email"),
            Map.entry("Contacts", "Email"), Map.entry("Accounts", "Account_Name"), Map.entry("Deals", "Deal_Name"),
            Map.entry("Campaigns", "Campaign_Name"), Map.entry("Cases", "Subject"),
            Map.entry("Solutions", "Solution_Title"), Map.entry("Products", "Product_Name"),
            Map.entry("Vendors", "Vendor_Name"), Map.entry("Price_Books", "Price_Book_Name"),
            Map.entry("Quotes", "Subject"), Map.entry("Sales_Orders", "Subject"),
            Map.entry("Purchase_Orders", "Subject"), Map.entry("Invoices", "Subject"));

    /** One stored record; fields keep insertion order so snapshots read naturally. */
    static final class StoredRecord {
        final String id;
        final Map<String, String> fields = new LinkedHashMap<>();
        final Instant created;
        Instant modified;

        StoredRecord(String id, Instant created) {
            this.id = id;
            this.created = created;
            this.modified = created;
        }
    }

    private final SandboxIds ids;
    private final SandboxClock clock;
    private final int maxRecords;
    private final Map<String, String> modulesByLowerName = new HashMap<>();
    private final Map<String, Map<String, StoredRecord>> store = new HashMap<>();
    private final Map<String, Set<String>> extraFields = new HashMap<>();
    private final Map<String, List<String>> mandatory = new HashMap<>();
    private final Map<String, String> unique = new HashMap<>();
    // module -> field -> normalised value -> first record with it: keeps find_by and duplicate checks
    // constant-time, so a 60,000-row job does not cost 60,000 scans of the module
    private final Map<String, Map<String, Map<String, StoredRecord>>> index = new HashMap<>();

    SandboxRecords(SandboxIds ids, SandboxClock clock, int maxRecords) {
        this.ids = ids;
        this.clock = clock;
        this.maxRecords = maxRecords;
        STANDARD_MODULES.forEach(this::addModule);
        mandatory.put("Leads", List.of("Last_Name"));
        mandatory.put("Contacts", List.of("Last_Name"));
        mandatory.put("Accounts", List.of("Account_Name"));
        mandatory.put("Deals", List.of("Deal_Name", "Stage"));
        unique.put("Leads", "Email");
        unique.put("Contacts", "Email");
        unique.put("Accounts", "Account_Name");
    }

    synchronized void addModule(String apiName) {
        modulesByLowerName.put(apiName.toLowerCase(Locale.ROOT), apiName);
    }

    /** Module api names are matched case-insensitively (as Zoho does) and answered in canonical spelling. */
    synchronized Optional<String> module(String name) {
        return name == null ? Optional.empty()
                : Optional.ofNullable(modulesByLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    synchronized List<String> mandatoryFields(String module) {
        return mandatory.getOrDefault(module, List.of());
    }

    /** Layout-specific mandatory fields (e.g. a layout that also requires Owner, as in a recorded example). */
    synchronized void setMandatoryFields(String module, List<String> fields) {
        mandatory.put(module, List.copyOf(fields));
    }

    synchronized String uniqueField(String module) {
        return unique.get(module);
    }

    /**
     * The fields upsert checks for an existing record when the request names none, in Zoho's order: the
     * system-defined duplicate-check field, then the module's unique field.
     */
    synchronized List<String> defaultDuplicateCheckFields(String module) {
        List<String> fields = new ArrayList<>();
        String system = SYSTEM_DUPLICATE_CHECK.containsKey(module) ? SYSTEM_DUPLICATE_CHECK.get(module)
                : STANDARD_MODULES.contains(module) ? null : "Name";
        if (system != null) {
            fields.add(system);
        }
        String uniqueField = unique.get(module);
        if (uniqueField != null && !fields.contains(uniqueField)) {
            fields.add(uniqueField);
        }
        return fields;
    }

    synchronized void addField(String module, String field) {
        extraFields.computeIfAbsent(module, k -> new HashSet<>()).add(field);
    }

    /** Whether the module has this field: standard list, fields on any stored record, or registered ones. */
    synchronized boolean hasField(String module, String field) {
        Set<String> standard = STANDARD_FIELDS.get(module);
        if (standard == null || standard.contains(field)
                || extraFields.getOrDefault(module, Set.of()).contains(field)) {
            return true;
        }
        return store.getOrDefault(module, Map.of()).values().stream().anyMatch(r -> r.fields.containsKey(field));
    }

    /** Every field the module is known to have: standard list, mandatory and registered ones, fields on records. */
    synchronized Set<String> fieldNames(String module) {
        Set<String> names = new HashSet<>(STANDARD_FIELDS.getOrDefault(module, Set.of()));
        names.addAll(mandatory.getOrDefault(module, List.of()));
        names.addAll(extraFields.getOrDefault(module, Set.of()));
        store.getOrDefault(module, Map.of()).values().forEach(r -> names.addAll(r.fields.keySet()));
        return names;
    }

    static boolean isLookup(String module, String field) {
        return LOOKUP_FIELDS.contains(field) || LOOKUP_FIELDS.contains(field + "@" + module);
    }

    synchronized String insert(String module, Map<String, String> fields) {
        return insert(module, ids.next(), fields);
    }

    synchronized String insert(String module, String id, Map<String, String> fields) {
        StoredRecord record = new StoredRecord(id, clock.now());
        fields.forEach((k, v) -> {
            if (!"id".equals(k)) {
                record.fields.put(k, v);
            }
        });
        Map<String, StoredRecord> records = store.computeIfAbsent(module, k -> new LinkedHashMap<>());
        StoredRecord replaced = records.put(id, record);
        if (replaced != null) {
            unindex(module, replaced, replaced.fields.keySet());
        }
        indexFields(module, record, record.fields.keySet());
        Iterator<StoredRecord> oldest = records.values().iterator();
        while (records.size() > maxRecords) {
            StoredRecord forgotten = oldest.next();
            oldest.remove();
            unindex(module, forgotten, forgotten.fields.keySet());
        }
        return id;
    }

    /** Drops the index entries that point at this record for these fields. */
    private void unindex(String module, StoredRecord record, java.util.Collection<String> fields) {
        Map<String, Map<String, StoredRecord>> byField = index.getOrDefault(module, Map.of());
        for (String field : fields) {
            Map<String, StoredRecord> values = byField.get(field);
            String v = record.fields.get(field);
            if (values != null && v != null && values.get(key(field, v)) == record) {
                values.remove(key(field, v));
            }
        }
    }

    synchronized StoredRecord get(String module, String id) {
        return store.getOrDefault(module, Map.of()).get(id);
    }

    synchronized StoredRecord update(String module, String id, Map<String, String> fields) {
        StoredRecord record = get(module, id);
        if (record != null) {
            unindex(module, record, fields.keySet());
            record.fields.putAll(fields);
            record.modified = clock.now();
            indexFields(module, record, fields.keySet());
        }
        return record;
    }

    synchronized List<String> ids(String module) {
        return new ArrayList<>(store.getOrDefault(module, Map.of()).keySet());
    }

    synchronized int count(String module) {
        return store.getOrDefault(module, Map.of()).size();
    }

    /** First record whose field equals the value (emails compare case-insensitively); "id" matches record ids. */
    synchronized StoredRecord findBy(String module, String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if ("id".equals(field)) {
            return get(module, value);
        }
        Map<String, Map<String, StoredRecord>> byField = index.computeIfAbsent(module, k -> new HashMap<>());
        Map<String, StoredRecord> values = byField.get(field);
        if (values == null) {
            values = new HashMap<>();
            byField.put(field, values);
            for (StoredRecord r : store.getOrDefault(module, Map.of()).values()) {
                String v = r.fields.get(field);
                if (v != null && !v.isEmpty()) {
                    values.putIfAbsent(key(field, v), r);
                }
            }
        }
        return values.get(key(field, value));
    }

    private void indexFields(String module, StoredRecord record, java.util.Collection<String> fields) {
        Map<String, Map<String, StoredRecord>> byField = index.get(module);
        if (byField == null) {
            return;
        }
        for (String field : fields) {
            Map<String, StoredRecord> values = byField.get(field);
            String v = record.fields.get(field);
            if (values != null && v != null && !v.isEmpty()) {
                values.putIfAbsent(key(field, v), record);
            }
        }
    }

    /** Emails compare case-insensitively, as Zoho does. */
    private static String key(String field, String value) {
        return EMAIL_FIELDS.contains(field) ? value.toLowerCase(java.util.Locale.ROOT) : value;
    }

    synchronized List<Map<String, String>> snapshot(String module) {
        List<Map<String, String>> out = new ArrayList<>();
        for (StoredRecord r : store.getOrDefault(module, Map.of()).values()) {
            Map<String, String> copy = new LinkedHashMap<>();
            copy.put("id", r.id);
            copy.putAll(r.fields);
            out.add(copy);
        }
        return out;
    }
}
