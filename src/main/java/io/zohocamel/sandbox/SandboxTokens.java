package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accounts server: mints access tokens from refresh tokens and checks them on every API call.
 * It enforces Zoho's "10 access tokens per refresh token in 10 minutes" budget, which is exactly the
 * mistake (refreshing per request) the runtime must not make.
 */
final class SandboxTokens {

    /** Scope needed by upload, bulk-write job and result download calls. */
    static final String SCOPE_BULK = "ZohoCRM.bulk.ALL";
    /** Scope needed by mass update (scheduling and status). */
    static final String SCOPE_MASS_UPDATE = "ZohoCRM.mass_update.ALL";
    /** Scope needed by field metadata; ZohoCRM.settings.fields.ALL and {@link #SCOPE_SETTINGS} cover it. */
    static final String SCOPE_FIELDS_READ = "ZohoCRM.settings.fields.READ";
    /** Covers every settings API, field metadata among them. */
    static final String SCOPE_SETTINGS = "ZohoCRM.settings.ALL";
    /** Covers every module's records (ZohoCRM.modules.{module}.{operation}): the Records API. */
    static final String SCOPE_MODULES = "ZohoCRM.modules.ALL";
    static final Set<String> ALL_SCOPES = Set.of(SCOPE_BULK, SCOPE_MASS_UPDATE, SCOPE_SETTINGS, SCOPE_MODULES);

    static final int BUDGET = 10;
    static final Duration BUDGET_WINDOW = Duration.ofMinutes(10);

    private record AccessToken(Instant expiresAt, Set<String> scopes) {
    }

    /** Outcome of checking an Authorization header: null error = accepted. */
    record Check(SandboxResponse error) {
        boolean ok() {
            return error == null;
        }
    }

    private final SandboxClock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AccessToken> tokens = new HashMap<>();
    private final Map<String, Deque<Instant>> mintsPerRefreshToken = new HashMap<>();
    private final Set<String> revokedRefreshTokens = new HashSet<>();
    private final AtomicInteger minted = new AtomicInteger();
    private volatile Duration lifetime;

    SandboxTokens(SandboxClock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    void setLifetime(Duration value) {
        this.lifetime = value;
    }

    /** POST /oauth/v2/token. Zoho answers HTTP 200 even for its errors; only the body tells. */
    SandboxResponse refresh(SandboxRequest request, String apiDomain) {
        Map<String, String> p = request.formAndQueryParams();
        String grantType = p.get("grant_type");
        if (blank(p.get("client_id")) || blank(p.get("client_secret"))) {
            return SandboxResponse.json(200, SandboxJson.object("error", "invalid_client"));
        }
        if (!"refresh_token".equals(grantType)) {
            return SandboxResponse.json(200, SandboxJson.object("error", "unsupported_grant_type"));
        }
        String refreshToken = p.get("refresh_token");
        Instant now = clock.now();
        String access;
        Duration life = lifetime;
        synchronized (this) {
            if (blank(refreshToken) || revokedRefreshTokens.contains(refreshToken)) {
                return SandboxResponse.json(200, SandboxJson.object("error", "invalid_code"));
            }
            Deque<Instant> mints = mintsPerRefreshToken.computeIfAbsent(refreshToken, k -> new ArrayDeque<>());
            while (!mints.isEmpty() && !mints.peekFirst().isAfter(now.minus(BUDGET_WINDOW))) {
                mints.removeFirst();
            }
            if (mints.size() >= BUDGET) {
                return SandboxResponse.json(200, SandboxJson.object(
                        "error", "Access Denied",
                        "error_description", "You have made too many requests continuously. Please try again after some time."));
            }
            mints.addLast(now);
            access = newToken(now, life, ALL_SCOPES);
        }
        minted.incrementAndGet();
        ObjectNode body = SandboxJson.object();
        body.put("access_token", access);
        body.put("api_domain", apiDomain);
        body.put("token_type", "Bearer");
        body.put("expires_in", (int) life.toSeconds());
        return SandboxResponse.json(200, body);
    }

    /** A token without going through the endpoint (not counted in {@link #minted()}, not budgeted). */
    synchronized String mint(Set<String> scopes) {
        return newToken(clock.now(), lifetime, Set.copyOf(scopes));
    }

    private String newToken(Instant now, Duration life, Set<String> scopes) {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String token = "1000." + HexFormat.of().formatHex(raw);
        tokens.put(token, new AccessToken(now.plus(life), scopes));
        return token;
    }

    /**
     * Checks "Authorization: Zoho-oauthtoken t" (or "Bearer t") and that the token holds one of the scopes the call
     * accepts, or one covering it; none accepted = no scope needed.
     */
    synchronized Check check(String authorization, Set<String> accepted) {
        if (authorization == null || authorization.isBlank()) {
            return new Check(SandboxErrors.authenticationFailure());
        }
        String value = authorization.trim();
        String token;
        if (value.regionMatches(true, 0, "Zoho-oauthtoken ", 0, 16)) {
            token = value.substring(16).trim();
        } else if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = value.substring(7).trim();
        } else {
            return new Check(SandboxErrors.authenticationFailure());
        }
        AccessToken known = tokens.get(token);
        if (known == null || !clock.now().isBefore(known.expiresAt())) {
            return new Check(SandboxErrors.invalidToken());
        }
        if (!accepted.isEmpty() && known.scopes().stream()
                .noneMatch(held -> accepted.stream().anyMatch(required -> covers(held, required)))) {
            return new Check(SandboxErrors.scopeMismatch());
        }
        return new Check(null);
    }

    /** Every access token issued so far stops working (as if an admin revoked the session). */
    synchronized void revokeAll() {
        tokens.clear();
    }

    synchronized void revokeRefreshToken(String refreshToken) {
        revokedRefreshTokens.add(refreshToken);
    }

    int minted() {
        return minted.get();
    }

    /**
     * Zoho scopes nest: ZohoCRM.settings.ALL and ZohoCRM.settings.fields.ALL cover ZohoCRM.settings.fields.READ,
     * ZohoCRM.modules.ALL covers ZohoCRM.modules.leads.CREATE. Compared ignoring case, as Zoho's module names in
     * scopes are written in lower case ("leads") and in paths capitalised ("Leads").
     */
    static boolean covers(String held, String required) {
        if (held.equalsIgnoreCase(required)) {
            return true;
        }
        int prefix = held.length() - "ALL".length();
        return held.endsWith(".ALL") && required.regionMatches(true, 0, held, 0, prefix);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
