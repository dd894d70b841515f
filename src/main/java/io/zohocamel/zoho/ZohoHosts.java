package io.zohocamel.zoho;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts may receive our access token. A download URL comes out of a Zoho answer; if that
 * answer were forged or a callback spoofed, following it blindly would hand the token to anyone.
 */
final class ZohoHosts {

    private static final List<String> ZOHO_DOMAINS = List.of(
            "zoho.com", "zoho.eu", "zoho.in", "zoho.com.au", "zoho.com.cn", "zoho.jp", "zohocloud.ca", "zoho.sa",
            "zohoapis.com", "zohoapis.eu", "zohoapis.in", "zohoapis.com.au", "zohoapis.com.cn", "zohoapis.jp",
            "zohoapis.ca", "zohoapis.sa");

    /** Hosts of our own settings (a sandbox or stand-in may be plain http on 127.0.0.1). */
    private final Set<String> configured = new HashSet<>();

    ZohoHosts(ZohoSettings settings) {
        for (String url : List.of(settings.accountsUrl(), settings.apiDomain(), settings.uploadUrl())) {
            String host = host(url);
            if (host != null) {
                configured.add(host);
            }
        }
    }

    boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return false;
        }
        String host = normalize(uri.getHost());
        if (host == null || uri.getRawUserInfo() != null) {
            return false;
        }
        if (configured.contains(host)) {
            return true;
        }
        if (!scheme.equals("https")) {
            return false; // real Zoho hosts only over TLS
        }
        for (String domain : ZOHO_DOMAINS) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static String host(String url) {
        try {
            return normalize(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalize(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
