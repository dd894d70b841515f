package io.zohocamel.zoho;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A store for tests: the token is shared by the managers given this store, in this JVM only. */
public final class InMemoryTokenStore implements TokenStore {

    private final AtomicReference<StoredToken> token = new AtomicReference<>();

    public InMemoryTokenStore() {
    }

    /** A store that already holds a token, as if another instance had stored it. */
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
