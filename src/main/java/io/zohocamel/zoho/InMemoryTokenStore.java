package io.zohocamel.zoho;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Default store: the token is shared by everything in this JVM. */
public final class InMemoryTokenStore implements TokenStore {

    private final AtomicReference<StoredToken> token = new AtomicReference<>();

    public InMemoryTokenStore() {
    }

    /** A store that already holds a token (tests, or a token handed over at start-up). */
    public InMemoryTokenStore(StoredToken initial) {
        token.set(initial);
    }

    @Override
    public Optional<StoredToken> load() {
        return Optional.ofNullable(token.get());
    }

    @Override
    public void save(StoredToken value) {
        token.set(value);
    }
}
