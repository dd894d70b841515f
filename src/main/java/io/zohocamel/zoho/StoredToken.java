package io.zohocamel.zoho;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An access token with its lifetime, as kept in a {@link TokenStore}. toString never shows the token. */
public record StoredToken(String accessToken, String apiDomain, Instant issuedAt, Instant expiresAt) {

    public StoredToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "StoredToken[accessToken=****, apiDomain=" + apiDomain + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
