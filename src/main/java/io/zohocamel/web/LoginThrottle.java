package io.zohocamel.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing on the operator login, per client address: a few failures are free,
 * then each further one blocks the address for twice as long as the one before (up to a cap). While
 * blocked, a login is refused without checking the password, so a right guess then is worth nothing.
 * A right login forgets the address's failures; so does a day without any.
 * <p>
 * Each attempt is counted when it starts, so parallel guesses cannot slip in before the first
 * failure is known. At most {@link #MAX_ADDRESSES} addresses are remembered (the least recently seen
 * go first), so many addresses cannot grow it without bound.
 */
public final class LoginThrottle {

    static final int MAX_ADDRESSES = 10_000;
    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final int freeFailures;
    private final Duration firstBlock;
    private final Duration maxBlock;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    private static final class Failures {
        int count;
        long lastMillis;
        long blockedUntilMillis;
    }

    public LoginThrottle(int freeFailures, Duration firstBlock, Duration maxBlock, Clock clock) {
        this.freeFailures = freeFailures;
        this.firstBlock = firstBlock;
        this.maxBlock = maxBlock;
        this.clock = clock;
    }

    /**
     * Called before the password is checked. Zero: go ahead (the attempt counts as a failure until
     * {@link #succeeded} says otherwise); otherwise how long the address is still blocked.
     */
    public synchronized Duration blockedFor(String address) {
        long now = clock.millis();
        Failures f = byAddress.get(address);
        if (f != null && now - f.lastMillis > FORGET_AFTER.toMillis() && now >= f.blockedUntilMillis) {
            f = null;
        }
        if (f != null && now < f.blockedUntilMillis) {
            return Duration.ofMillis(f.blockedUntilMillis - now);
        }
        if (f == null) {
            f = new Failures();
            byAddress.put(address, f);
        }
        f.count++;
        f.lastMillis = now;
        if (f.count > freeFailures) {
            f.blockedUntilMillis = now + block(f.count - freeFailures).toMillis();
        }
        return Duration.ZERO;
    }

    /** The attempt let in by {@link #blockedFor} had the right login: the address starts afresh. */
    public synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    /** The attempt let in by {@link #blockedFor} failed: one line when that blocks the address. */
    public void failed(String address) {
        int count;
        long blockMillis;
        synchronized (this) {
            Failures f = byAddress.get(address);
            if (f == null || f.count <= freeFailures) {
                return;
            }
            count = f.count;
            blockMillis = f.blockedUntilMillis - f.lastMillis;
        }
        LOG.warn("Login blocked for {} s from {} after {} failed logins", (blockMillis + 999) / 1000, address, count);
    }

    /** The n-th block (n from 1): the first block doubled n - 1 times, at most the cap. */
    private Duration block(int n) {
        long millis = firstBlock.toMillis();
        for (int i = 1; i < n && millis < maxBlock.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBlock.toMillis()));
    }
}
