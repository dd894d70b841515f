package io.zohocamel.zoho;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the current access token lives. Zoho lets a refresh token mint only 10 access tokens per
 * 10 minutes, so every route and every instance must share one token instead of minting its own:
 * the database-backed store ({@code io.zohocamel.jobs.JdbcTokenStore}) does, and also makes
 * refreshes single-flight across instances and counts the budget from a shared refresh log.
 */
public interface TokenStore {

    Optional<StoredToken> load();

    void save(StoredToken token);

    /**
     * Runs {@code work} (look at the stored token, refresh when still needed, save) so that no other
     * instance sharing this store does the same at the same time. A store of one instance only just
     * runs it (the manager's own lock keeps it single-flight there).
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
}
