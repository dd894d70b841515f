package io.zohocamel;

import java.util.Map;

import io.zohocamel.sandbox.ZohoSandbox;

/** Environment settings that point the packaged jar at a Zoho stand-in as if it were a real org. */
final class RealModeSettings {

    private RealModeSettings() {
    }

    static Map<String, String> of(ZohoSandbox zoho) {
        return Map.of("ZOHO_SANDBOX", "false", "ZOHO_ACCOUNTS_URL", zoho.accountsUrl(), "ZOHO_API_DOMAIN", zoho.apiDomain(),
                "ZOHO_UPLOAD_URL", zoho.uploadUrl("v8"), "ZOHO_CLIENT_ID", "1000.client-id",
                "ZOHO_CLIENT_SECRET", "client-secret-7f3a9c", "ZOHO_REFRESH_TOKEN", "1000.refresh-token-5b2e81",
                "ZOHO_ORG_ID", "700100200");
    }
}
