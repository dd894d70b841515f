package io.zohocamel.massupdate;

import java.util.Set;

/** Module API names Zoho's mass update accepts out of the box (README "Mass update"). */
public final class ZohoModules {

    /** Standard modules; Activities is the older name still answered by some orgs. */
    public static final Set<String> STANDARD = Set.of(
            "Leads", "Accounts", "Contacts", "Deals", "Campaigns", "Tasks", "Calls", "Meetings",
            "Activities", "Solutions", "Products", "Vendors", "Price_Books", "Quotes", "Sales_Orders",
            "Purchase_Orders", "Invoices", "Cases");

    /** Deals is the one module where Zoho accepts up to three fields in one mass update. */
    public static final String DEALS = "Deals";

    private ZohoModules() {
    }

    /** How many fields one mass update may set in {@code module}. */
    public static int maxFields(String module) {
        return DEALS.equals(module) ? 3 : 1;
    }
}
