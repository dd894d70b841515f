package io.zohocamel.zoho;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the current access token lives. Zoho lets a refresh token mint only 10 access tokens per
 * 10 minutes, so every route and every instance must share one token instead of minting its own:
 * in one JVM the in-memory store does; across instances a database-backed store
 * ({@code io.zohocamel.jobs.JdbcTokenStore}) also makes refreshes single-flight and counts the
 * budget from a shared refresh log.
 */
public interface TokenStore {

    Optional<StoredToken> load();

    void save(StoredToken token);

    /**
     * Runs {@code work} (look at the stored token, refresh when still needed, save) so that no other
     * instance sharing this store does the same at the same time. The in-memory store has no other
     * instances: it just runs it.
     */
    default <T> T exclusively(Supplier<T> work) {
        return work.get();
    }

    /**
     * The refresh attempts every instance made since {@code since}, oldest first; empty when the
     * store keeps no shared log (the manager then counts its own attempts).
     */
    default Optional<List<Instant>> attemptsSince(Instant since) {
        return Optional.empty();
    }

    /** Records a refresh attempt in the shared log, before Zoho is asked. */
    default void attempted(Instant at) {
    }

    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }
}
