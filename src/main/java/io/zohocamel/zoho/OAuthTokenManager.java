package io.zohocamel.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the one access token of the runtime and refreshes it with the refresh-token grant.
 *
 * <p>Why so careful: Zoho lets a refresh token mint at most 10 access tokens per 10 minutes and
 * answers beyond that with HTTP 200 and an error, which would take every route down. So the token is
 * cached and shared, refreshed shortly before expiry or after Zoho refused it, by one caller at a
 * time (the others wait for that refresh), and every refresh attempt — successful or not — counts
 * against a sliding budget that is checked before Zoho is asked. With a shared {@link TokenStore}
 * the same holds across instances: the store makes the refresh single-flight and keeps the log the
 * budget is counted from.
 */
public final class OAuthTokenManager {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenManager.class);
    /** A token answer without expires_in: Zoho's tokens live an hour. */
    private static final long DEFAULT_EXPIRES_IN = 3600;
    /**
     * Zoho's own limit, not a setting: a refresh token mints at most 10 access tokens in 10 minutes
     * (more are answered with an error). Counted here so the limit is never hit.
     */
    static final int TOKEN_BUDGET = 10;
    static final Duration TOKEN_BUDGET_WINDOW = Duration.ofMinutes(10);

    /** Metrics hook; both methods are called with the refresh lock held, so keep them quick. */
    public interface Listener {
        default void refreshed(Duration expiresIn) {
        }

        default void refreshFailed(String code) {
        }
    }

    private final ZohoSettings settings;
    private final ZohoHttp http;
    private final Clock clock;
    private final TokenStore store;
    private final Listener listener;

    private final ReentrantLock refreshLock = new ReentrantLock();
    /** Start instants of the refresh attempts inside the budget window; guarded by refreshLock. */
    private final Deque<Instant> attempts = new ArrayDeque<>();
    private volatile StoredToken current;
    /** A token Zoho refused: never handed out again, even if the store still holds it. */
    private volatile String rejectedToken;
    /** One WARN per exhausted window, not one per refused caller; guarded by refreshLock. */
    private boolean budgetWarned;

    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param http     the client the Zoho calls use too
     * @param listener null: nobody listens
     */
    public OAuthTokenManager(ZohoSettings settings, ZohoHttp http, Clock clock, TokenStore store, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.listener = listener != null ? listener : new Listener() { };
    }

    /**
     * A token good for at least the refresh margin; refreshes (once, for all concurrent callers) when
     * needed.
     *
     * @throws ZohoAuthException when no token can be had: refresh refused, budget exhausted, accounts
     *                           server unreachable
     */
    public String accessToken() {
        StoredToken token = current;
        if (usable(token)) {
            return token.accessToken();
        }
        refreshLock.lock();
        try {
            token = current;
            if (usable(token)) {
                return token.accessToken(); // another caller refreshed while we waited
            }
            try {
                // one refresh at a time across the instances sharing the store (a no-op lock in memory)
                return store.exclusively(() -> {
                    // another instance may have refreshed already (shared store)
                    StoredToken stored = store.load().orElse(null);
                    if (usable(stored)) {
                        current = stored;
                        return stored.accessToken();
                    }
                    StoredToken fresh = refresh();
                    current = fresh;
                    store.save(fresh);
                    return fresh.accessToken();
                });
            } catch (ZohoAuthException e) {
                if (token != null && !token.accessToken().equals(rejectedToken)
                        && clock.instant().isBefore(token.expiresAt())) {
                    // inside the margin but not expired yet: better than nothing until the next try
                    LOG.warn("Zoho token refresh failed ({}); using the current access token until it expires at {}",
                            e.code(), token.expiresAt());
                    return token.accessToken();
                }
                throw e;
            }
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * The caller got INVALID_TOKEN / AUTHENTICATION_FAILURE with {@code token}: the next
     * {@link #accessToken()} refreshes, unless the token has been replaced already (so 20 callers
     * failing with the same token cause one refresh).
     */
    public void rejected(String token) {
        if (token == null) {
            return;
        }
        StoredToken now = current;
        if (now != null && now.accessToken().equals(token)) {
            rejectedToken = token;
        }
    }

    /** Successful refreshes since start. */
    public long refreshCount() {
        return refreshes.get();
    }

    /** Failed or refused refreshes since start (including budget refusals). */
    public long refreshFailureCount() {
        return failures.get();
    }

    /** The API domain named by the last token answer, if any. */
    public Optional<String> apiDomain() {
        StoredToken token = current;
        return token == null ? Optional.empty() : Optional.ofNullable(token.apiDomain());
    }

    /** Expiry of the cached token, if any (for health checks). */
    public Optional<Instant> expiresAt() {
        StoredToken token = current;
        return token == null ? Optional.empty() : Optional.of(token.expiresAt());
    }

    private boolean usable(StoredToken token) {
        if (token == null || token.accessToken().equals(rejectedToken)) {
            return false;
        }
        return clock.instant().isBefore(token.expiresAt().minus(margin(token)));
    }

    /**
     * The configured margin, but at most a quarter of the token's life (short-lived tokens still get
     * used), and never so large that refreshing early would outrun the budget: with 10 tokens per 10
     * minutes a token must serve at least 60 s, so a 60 s token is refreshed only when it expires.
     */
    private Duration margin(StoredToken token) {
        Duration quarter = token.lifetime().dividedBy(4);
        Duration budgetSlack = token.lifetime().minus(TOKEN_BUDGET_WINDOW.dividedBy(TOKEN_BUDGET));
        Duration margin = settings.tokenRefreshMargin();
        margin = margin.compareTo(quarter) > 0 ? quarter : margin;
        margin = margin.compareTo(budgetSlack) > 0 ? budgetSlack : margin;
        return margin.isNegative() ? Duration.ZERO : margin;
    }

    /** Called with refreshLock held. */
    private StoredToken refresh() {
        Instant now = clock.instant();
        Instant windowStart = now.minus(TOKEN_BUDGET_WINDOW);
        while (!attempts.isEmpty() && !attempts.peekFirst().isAfter(windowStart)) {
            attempts.pollFirst();
        }
        // a shared store counts every instance's attempts; otherwise this instance's own
        Deque<Instant> window = store.attemptsSince(windowStart).<Deque<Instant>>map(ArrayDeque::new).orElse(attempts);
        if (window.size() >= TOKEN_BUDGET) {
            Instant next = window.peekFirst().plus(TOKEN_BUDGET_WINDOW);
            boolean warn = !budgetWarned;
            budgetWarned = true;
            throw failed(warn, new ZohoAuthException("TOKEN_BUDGET_EXHAUSTED", TOKEN_BUDGET
                    + " token refreshes in the last " + TOKEN_BUDGET_WINDOW.toMinutes()
                    + " min already; next refresh allowed at " + next, next));
        }
        attempts.addLast(now);
        store.attempted(now);
        budgetWarned = false;

        List<NameValuePair> form = List.of(new BasicNameValuePair("refresh_token", settings.refreshToken()),
                new BasicNameValuePair("client_id", settings.clientId()),
                new BasicNameValuePair("client_secret", settings.clientSecret()),
                new BasicNameValuePair("grant_type", "refresh_token"));
        ZohoHttp.Reply reply;
        try {
            reply = http.postForm(URI.create(settings.accountsUrl() + "/oauth/v2/token"), form);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw failed(new ZohoAuthException("INTERRUPTED", "interrupted while refreshing the token"));
            }
            // the code only: the exception's text may name the host but says nothing a caller acts on
            String code = ZohoHttp.transportFailure(e).code();
            throw failed(new ZohoAuthException(code, code.equals("TIMEOUT") ? "accounts server did not answer in time"
                    : "accounts server unreachable: " + e.getClass().getSimpleName()));
        }
        return parse(reply.status(), reply.body());
    }

    private StoredToken parse(int status, byte[] body) {
        JsonNode root;
        try {
            root = ZohoResponses.MAPPER.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw failed(new ZohoAuthException(ZohoResponses.httpCode(status),
                    "token answer is not JSON (HTTP " + status + ")"));
        }
        String error = ZohoResponse.text(root, "error");
        if (error != null) {
            // Zoho answers refresh errors with HTTP 200: invalid_code, invalid_client, "Access Denied", ...
            String description = ZohoResponse.text(root, "error_description");
            throw failed(new ZohoAuthException(ZohoResponses.toCode(error),
                    description != null ? description : "token refresh refused"));
        }
        String accessToken = ZohoResponse.text(root, "access_token");
        if (accessToken == null || accessToken.isBlank() || status / 100 != 2) {
            throw failed(new ZohoAuthException(status / 100 != 2 ? ZohoResponses.httpCode(status) : "INVALID_TOKEN_RESPONSE",
                    "token answer without access_token (HTTP " + status + ")"));
        }
        long expiresIn = root.hasNonNull("expires_in_sec") ? root.get("expires_in_sec").asLong()
                : root.path("expires_in").asLong(DEFAULT_EXPIRES_IN);
        if (expiresIn <= 0) {
            expiresIn = DEFAULT_EXPIRES_IN;
        }
        Instant issued = clock.instant();
        StoredToken token = new StoredToken(accessToken, ZohoResponse.text(root, "api_domain"), issued,
                issued.plusSeconds(expiresIn));
        refreshes.incrementAndGet();
        // where from: the start-up warm-up refreshes at a private sandbox, never at Zoho
        LOG.info("refreshed Zoho access token at {} (expires in {}s)", settings.accountsUrl(), expiresIn);
        listener.refreshed(Duration.ofSeconds(expiresIn));
        return token;
    }

    private ZohoAuthException failed(ZohoAuthException e) {
        return failed(true, e);
    }

    private ZohoAuthException failed(boolean warn, ZohoAuthException e) {
        failures.incrementAndGet();
        if (warn) {
            LOG.warn("Zoho token refresh failed: {}", e.getMessage());
        } else {
            LOG.debug("Zoho token refresh refused: {}", e.getMessage());
        }
        listener.refreshFailed(e.code());
        return e;
    }
}
