package io.zohocamel;

import java.util.Map;

import io.zohocamel.sandbox.ZohoSandbox;

/** Environment settings that point the packaged jar at a Zoho stand-in as if it were a real org. */
final class RealModeSettings {

    static final String CLIENT_SECRET = "client-secret-7f3a9c";
    static final String REFRESH_TOKEN = "1000.refresh-token-5b2e81";

    private RealModeSettings() {
    }

    static Map<String, String> of(ZohoSandbox zoho) {
        return Map.of("ZOHO_SANDBOX", "false", "ZOHO_ACCOUNTS_URL", zoho.accountsUrl(), "ZOHO_API_DOMAIN", zoho.apiDomain(),
                "ZOHO_UPLOAD_URL", zoho.uploadUrl("v8"), "ZOHO_CLIENT_ID", "1000.client-id",
                "ZOHO_CLIENT_SECRET", CLIENT_SECRET, "ZOHO_REFRESH_TOKEN", REFRESH_TOKEN,
                "ZOHO_ORG_ID", "700100200");
    }
}
