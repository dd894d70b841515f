package io.zohocamel.zoho;

import java.util.Optional;

/**
 * Where the current access token lives. Zoho lets a refresh token mint only 10 access tokens per
 * 10 minutes, so every route (and later every instance, through a database-backed store) must share
 * one token instead of minting its own.
 */
public interface TokenStore {

    Optional<StoredToken> load();

    void save(StoredToken token);

    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }
}
